//! Control characters (issue 13.7): a SIAK row whose name holds ESC, NUL or BEL is refused at
//! import, naming the row and the character; a name stored before the rule is printed by the
//! CLI with `?` in their place, so `ba show` cannot retitle or recolour the terminal.

use std::process::{Command, Output};

fn antar_office(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_antar-office"))
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("start antar-office: {e}"))
}

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/samples/prr_tanggamus_500.csv"
);

#[test]
fn a_name_with_control_characters_is_refused_at_import_and_never_printed_raw() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let mut lines: Vec<String> = sample.lines().take(4).map(str::to_owned).collect();
    lines[1] = lines[1].replacen("DIAN SAPUTRI", "DIAN\u{1b}]0;DIRETAS\u{7} SAPUTRI", 1);
    let csv = dir.path().join("daftar.csv");
    std::fs::write(&csv, lines.join("\n")).unwrap();
    let data = dir.path().join("kantor");

    let out = antar_office(&data, &["import", csv.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("ditolak   : 1"), "{stdout}");
    assert!(
        stdout.contains("NAMA_LGKP") && stdout.contains("U+001B"),
        "{stdout}"
    );
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );

    // A name stored by an older version, before the import refused it.
    let db = rusqlite::Connection::open(data.join("office.sqlite")).unwrap();
    db.execute(
        "UPDATE documents SET name = 'ENDANG' || char(27) || '[31m MAULANA' WHERE name = 'ENDANG MAULANA'",
        [],
    )
    .unwrap();
    drop(db);
    let out = antar_office(&data, &["courier", "add", "Kurir Uji"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let courier = stdout
        .lines()
        .find_map(|l| l.strip_prefix("  id kurir         : "))
        .unwrap_or_else(|| panic!("{stdout}"))
        .trim()
        .to_owned();
    let out = antar_office(
        &data,
        &[
            "ba",
            "create",
            "--courier",
            &courier,
            "--officer",
            "Petugas",
            "--nip",
            "198504122010012003",
            "--kecamatan",
            "18.06.27",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let number = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .find(|w| w.contains("/BA"))
        .map(|w| w.trim_matches(|c: char| c == ',' || c == '.').to_owned());
    let listed = antar_office(&data, &["ba", "list"]);
    let list = String::from_utf8_lossy(&listed.stdout);
    let number = number.unwrap_or_else(|| list.split_whitespace().next().unwrap().to_owned());
    let shown = antar_office(&data, &["ba", "show", &number]);
    let stdout = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    assert!(stdout.contains("ENDANG?[31m MAULANA"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
}
