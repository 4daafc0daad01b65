//! `antar-office copy-to-postgres` as an operator runs it on moving day (issue 19): an office
//! that served on SQLite — documents, a BA, a courier's chain of attempts, a whole photo, staff
//! accounts — is copied into an empty PostgreSQL database; every record arrives (counts and
//! hashes per table, and the office's own answers), and the office carries on there: the phone
//! keeps its token, a replayed event gets its old receipt, the next gets the next office
//! number, new rows get new ids. A second copy into the now full database is refused.

use antar_domain::ids::Sha256Hash;
use antar_domain::wire::Receipt;
use antar_office::temp_postgres::TempPostgres;
use antar_office::{Database, Office, Role};

use crate::common::web::user;
use crate::common::{PHOTO, TestServer, attempt_chain, courier_with_manifest, name_photo};

fn copy_cli(data: &std::path::Path, database: Option<&str>) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_antar-office"));
    command.arg("--data").arg(data).env("RUST_LOG", "warn");
    if let Some(url) = database {
        command.arg("--database").arg(url);
    }
    command.arg("copy-to-postgres").output().unwrap()
}

fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// What an operator would compare before and after: the office's own answers.
fn answers(office: &Office) -> (u64, u64, String, String, String) {
    let staff: Vec<_> = ["uji-admin", "uji-reviewer"]
        .iter()
        .map(|name| office.staff_user(name).unwrap())
        .collect();
    (
        office.document_count().unwrap(),
        office.event_count().unwrap(),
        format!("{:?}", office.attempts().unwrap()),
        format!("{staff:?}"),
        format!("{:?}", office.report().unwrap()),
    )
}

#[test]
fn an_office_on_sqlite_moves_to_postgres_whole_and_carries_on() {
    if crate::common::database() != Database::Sqlite {
        // ANTAR_TEST_ALL_ON_POSTGRES: this test's source is the SQLite file by definition.
        return;
    }
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir Pindah", "18.06.01");
    let chain = attempt_chain(&courier, 12);
    let mut receipts = Vec::new();
    for event in &chain[..11] {
        let reply = server.put_event(&courier.token, event);
        assert_eq!(reply.status, 201, "{}", reply.text());
        receipts.push(reply.json::<Receipt>());
    }
    let photo = std::fs::read(PHOTO).unwrap();
    let hash = Sha256Hash::of(&photo);
    name_photo(&server, &courier, &hash, photo.len() as u64);
    let uploaded = server.request(
        "PUT",
        &format!("/api/v1/photos/{hash}"),
        Some(&courier.token),
        &[
            ("x-upload-offset", "0"),
            ("x-upload-length", &photo.len().to_string()),
            ("content-type", "image/jpeg"),
        ],
        Some(&photo),
    );
    assert_eq!(uploaded.status, 201, "{}", uploaded.text());
    user(&server, Role::Admin);
    user(&server, Role::Reviewer);
    let before = answers(server.office());
    let data = server.stop();

    // Without --database the command says what it needs; into an empty database it copies.
    let no_target = copy_cli(data.path(), None);
    assert_eq!(no_target.status.code(), Some(1), "{}", text(&no_target));
    assert!(
        text(&no_target).contains("--database"),
        "{}",
        text(&no_target)
    );
    let target = TempPostgres::new();
    let copied = copy_cli(data.path(), Some(&target.url()));
    assert!(copied.status.success(), "{}", text(&copied));
    let said = text(&copied);
    assert!(said.contains("selesai dan diperiksa"), "{said}");
    for table in [
        "documents",
        "events",
        "photos",
        "staff_users",
        "devices",
        "manifest_items",
    ] {
        assert!(
            said.lines().any(|l| l.trim_start().starts_with(table)),
            "{table} not listed: {said}"
        );
    }
    let events_line = said
        .lines()
        .find(|l| l.trim_start().starts_with("events "))
        .unwrap();
    assert!(events_line.contains(" 12 baris"), "{events_line}");

    // The same office, on PostgreSQL, with the photos still in the folder.
    let on_postgres = Database::Postgres(target.url());
    let moved = Office::open_on(data.path(), &on_postgres).unwrap();
    assert_eq!(answers(&moved), before);
    let stored = moved.attempts().unwrap();
    assert!(
        stored.iter().any(|a| a.photo_sha256 == Some(hash)),
        "the photo's attempt arrived"
    );
    drop(moved);

    let server = TestServer::start_on_database(data, &on_postgres);
    // The phone's token still works; a replay gets its old receipt, the next event the next
    // office number after every copied one.
    let replay = server.put_event(&courier.token, &chain[3]);
    assert_eq!(replay.status, 200, "{}", replay.text());
    assert_eq!(replay.json::<Receipt>(), receipts[3]);
    let next = server.put_event(&courier.token, &chain[11]);
    assert_eq!(next.status, 201, "{}", next.text());
    let last_copied = receipts.iter().map(|r| r.office_seq).max().unwrap();
    assert_eq!(
        next.json::<Receipt>().office_seq,
        last_copied + 2,
        "after the photo's event"
    );
    // A new account gets an id of its own (the identity continues past the copied ones).
    server
        .office()
        .add_staff_user(
            "baru",
            "Petugas Baru",
            None,
            Role::Reviewer,
            "kata-sandi-panjang-1",
        )
        .unwrap();
    assert!(server.office().staff_user("baru").unwrap().is_some());
    let data = server.stop();

    // Copying again into the database that now holds the office is refused, nothing changed.
    let again = copy_cli(data.path(), Some(&target.url()));
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(text(&again).contains("tidak kosong"), "{}", text(&again));
    let kept = Office::open_on(data.path(), &on_postgres).unwrap();
    assert_eq!(kept.event_count().unwrap(), before.1 + 1);
}
