//! `antar-office backup` and `restore` as an administrator runs them: a backup restores into
//! an empty folder with every document and photo; a folder that already holds an office is
//! not overwritten; a damaged database in the backup is refused before anything is written;
//! a damaged photo is named and left out, the rest restored.

use std::path::Path;
use std::process::{Command, Output};

use antar_domain::ids::Sha256Hash;
use antar_office::{BACKUP_MANIFEST, Office};

fn office_cli(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antar-office"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// An office with the sample list and one whole photo (put in place as an upload leaves it).
fn office_with_a_photo(dir: &Path) -> Sha256Hash {
    let office = Office::open(dir).unwrap();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples/prr_tanggamus_500.csv");
    office.import_path(&sample).unwrap();
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/photos/path_2560x1600.jpg"),
    )
    .unwrap();
    let sha = Sha256Hash::of(&bytes);
    let hex = sha.to_hex();
    std::fs::create_dir_all(dir.join("photos").join(&hex[..2])).unwrap();
    std::fs::write(dir.join("photos").join(&hex[..2]).join(&hex), &bytes).unwrap();
    rusqlite::Connection::open(dir.join("office.sqlite"))
        .unwrap()
        .execute(
            "INSERT INTO photos (sha256, total_bytes, complete, created_at, proof_check)
             VALUES (?1, ?2, 1, '2026-12-05T01:00:00Z', 'ok')",
            rusqlite::params![hex, bytes.len() as i64],
        )
        .unwrap();
    sha
}

fn documents(data: &Path) -> u64 {
    Office::open(data).unwrap().document_count().unwrap()
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("kantor");
    let sha = office_with_a_photo(&data);
    let backup = root.path().join("cadangan");

    let made = office_cli(&data, &["backup", backup.to_str().unwrap()]);
    assert!(made.status.success(), "{}", text(&made));
    assert!(
        text(&made).contains("foto       : 1 (baru disalin: 1)"),
        "{}",
        text(&made)
    );
    assert!(backup.join(BACKUP_MANIFEST).is_file());
    let again = office_cli(&data, &["backup", backup.to_str().unwrap()]);
    assert!(text(&again).contains("baru disalin: 0"), "{}", text(&again));

    // Into the office's own folder: refused, nothing touched.
    let refused = office_cli(&data, &["restore", backup.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).contains("pulihkan ke folder yang kosong"),
        "{}",
        text(&refused)
    );

    let fresh = root.path().join("baru");
    let restored = office_cli(&fresh, &["restore", backup.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", text(&restored));
    let office = Office::open(&fresh).unwrap();
    assert_eq!(office.document_count().unwrap(), documents(&data));
    let photo = office.photo_path(&sha).unwrap();
    assert_eq!(Sha256Hash::of(&std::fs::read(photo).unwrap()), sha);
}

#[test]
fn a_damaged_backup_is_refused_or_named() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("kantor");
    let sha = office_with_a_photo(&data);
    let backup = root.path().join("cadangan");
    assert!(
        office_cli(&data, &["backup", backup.to_str().unwrap()])
            .status
            .success()
    );

    // One byte of a photo turned: named, left out, the rest restored.
    let hex = sha.to_hex();
    let kept = backup.join("photos").join(&hex[..2]).join(&hex);
    let mut bytes = std::fs::read(&kept).unwrap();
    bytes[1000] ^= 0x40;
    std::fs::write(&kept, &bytes).unwrap();
    let partly = root.path().join("sebagian");
    let restored = office_cli(&partly, &["restore", backup.to_str().unwrap()]);
    assert_eq!(restored.status.code(), Some(1));
    assert!(
        text(&restored).contains(&format!("foto rusak di cadangan: {hex}")),
        "{}",
        text(&restored)
    );
    let office = Office::open(&partly).unwrap();
    assert_eq!(office.document_count().unwrap(), documents(&data));
    assert!(office.photo_path(&sha).is_none());

    // One byte of the database turned: refused before anything is written.
    let database = backup.join("office.sqlite");
    let mut bytes = std::fs::read(&database).unwrap();
    bytes[5000] ^= 0x01;
    std::fs::write(&database, &bytes).unwrap();
    let target = root.path().join("tidak");
    let refused = office_cli(&target, &["restore", backup.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused).contains("cadangan rusak"),
        "{}",
        text(&refused)
    );
    assert!(!target.join("office.sqlite").exists());
}
