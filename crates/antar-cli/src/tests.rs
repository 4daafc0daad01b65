use clap::{Parser, Subcommand};

use super::try_parse_from;

#[derive(Debug, Parser)]
#[command(name = "kantor", version = "1.2.3", about = "Alat uji")]
struct Args {
    /// Folder data.
    #[arg(long, global = true, default_value = ".")]
    data: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Impor berkas.
    Import { file: String },
    /// Tunggu.
    Wait {
        #[arg(long)]
        seconds: u32,
        #[arg(long)]
        lat: Option<f64>,
        #[arg(long, conflicts_with = "lat")]
        here: bool,
    },
}

fn stop(args: &[&str]) -> super::Stop {
    let args = std::iter::once("kantor").chain(args.iter().copied());
    try_parse_from::<Args, _, _>(args).unwrap_err()
}

/// What an English clap message would leave behind.
fn assert_no_english(text: &str) {
    for english in [
        "error:",
        "Usage",
        "Options",
        "Commands",
        "Print help",
        "For more",
        "tip:",
    ] {
        assert!(!text.contains(english), "{english:?} in:\n{text}");
    }
}

#[test]
fn arguments_that_read_are_parsed() {
    let args =
        try_parse_from::<Args, _, _>(["kantor", "--data", "d", "wait", "--seconds", "5"]).unwrap();
    assert_eq!(args.data, "d");
    assert!(matches!(args.command, Command::Wait { seconds: 5, .. }));
}

#[test]
fn help_is_in_indonesian_on_every_level() {
    let top = stop(&["--help"]);
    assert_eq!(top.code(), 0);
    for words in [
        "Pemakaian: kantor",
        "Perintah:",
        "Pilihan:",
        "Tampilkan bantuan ini",
    ] {
        assert!(top.text().contains(words), "{words:?} in:\n{}", top.text());
    }
    assert!(top.text().contains("Tampilkan versi"), "{}", top.text());
    assert_no_english(top.text());

    let import = stop(&["import", "-h"]);
    assert_eq!(import.code(), 0);
    for words in [
        "Pemakaian: kantor import",
        "Argumen:",
        "Pilihan:",
        "Folder data",
    ] {
        assert!(
            import.text().contains(words),
            "{words:?} in:\n{}",
            import.text()
        );
    }
    assert_no_english(import.text());
}

#[test]
fn no_command_shows_the_help_as_a_mistake() {
    let none = stop(&[]);
    assert_eq!(none.code(), 2);
    assert!(none.text().contains("Perintah:"), "{}", none.text());
    assert_no_english(none.text());
}

#[test]
fn the_version_is_printed() {
    let version = stop(&["-V"]);
    assert_eq!(version.code(), 0);
    assert_eq!(version.text().trim(), "kantor 1.2.3");
}

#[test]
fn each_mistake_says_what_was_wrong_in_indonesian() {
    let cases: [(&[&str], &str); 8] = [
        (
            &["import", "a", "--foo"],
            "gagal: argumen tidak dikenal: '--foo'",
        ),
        (&["wait", "--secnds", "1"], "mungkin maksudnya '--seconds'?"),
        (&["wiat"], "gagal: perintah tidak dikenal: 'wiat'"),
        (&["wiat"], "mungkin maksudnya 'wait'?"),
        (&["import"], "gagal: wajib diisi tetapi belum ada: <FILE>"),
        (
            &["wait", "--seconds", "lima"],
            "nilai 'lima' tidak sah untuk --seconds <SECONDS>: bukan bilangan bulat positif",
        ),
        (
            &["wait", "--seconds", "1", "--lat", "x"],
            "nilai 'x' tidak sah untuk --lat <LAT>: bukan angka",
        ),
        (
            &["wait", "--seconds", "1", "--lat", "1", "--here"],
            "--lat <LAT> tidak bisa dipakai bersama --here",
        ),
    ];
    for (args, expected) in cases {
        let refusal = stop(args);
        assert_eq!(refusal.code(), 2, "{args:?}");
        assert!(
            refusal.text().contains(expected),
            "{args:?}: {expected:?} in:\n{}",
            refusal.text()
        );
        assert!(
            refusal.text().contains("Ketik '--help' untuk bantuan."),
            "{}",
            refusal.text()
        );
        assert_no_english(refusal.text());
    }
}

#[test]
fn a_negative_number_where_a_flag_was_expected_gets_the_double_dash_hint() {
    let refusal = stop(&["import", "-5"]);
    assert!(
        refusal
            .text()
            .contains("untuk memakai '-5' sebagai nilai, tulis '-- -5'"),
        "{}",
        refusal.text()
    );
    assert_no_english(refusal.text());
}
