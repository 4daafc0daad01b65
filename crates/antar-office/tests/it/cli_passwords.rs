//! New staff passwords from the command line (issue 13.5): weak ones are refused with the
//! reason, only the line ending of `--password-stdin` is taken off, and `user reset-password`
//! lets an admin who lost their password back in.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use common::TestServer;
use common::web::Browser;

use crate::common;

fn with_stdin(data: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antar-office"))
        .arg("--data")
        .arg(data)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start antar-office: {e}"));
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn add_admin(data: &std::path::Path, password_line: &str) -> Output {
    let args = ["user", "add", "kasi", "--role", "admin", "--password-stdin"];
    with_stdin(data, &args, password_line)
}

#[test]
fn weak_passwords_are_refused_and_spaces_are_kept_then_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (line, why) in [
        ("aaaaaaaaaa\n", "diulang"),
        ("bismillah123\n", "paling sering"),
        (" sandi-kantor-baru\n", "spasi"),
        ("sandi-kantor-baru \r\n", "spasi"),
        ("kasi-tanggamus-2026\n", "nama pengguna"),
    ] {
        let out = add_admin(dir.path(), line);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{line:?} was accepted");
        assert!(stderr.contains(why), "{line:?}: {stderr}");
    }
    let out = add_admin(dir.path(), "kopi tubruk di pekon\r\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_admin_who_lost_the_password_resets_it_at_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        add_admin(dir.path(), "sandi-lama-kantor\n")
            .status
            .success()
    );
    let again = add_admin(dir.path(), "sandi-lain-kantor\n");
    assert!(String::from_utf8_lossy(&again.stderr).contains("sudah dipakai"));

    let reset = ["user", "reset-password", "KASI", "--password-stdin"];
    let weak = with_stdin(dir.path(), &reset, "password123\n");
    assert!(!weak.status.success());
    let out = with_stdin(dir.path(), &reset, "sandi-baru-kantor\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("diganti"), "{stdout}");
    let unknown = with_stdin(
        dir.path(),
        &["user", "reset-password", "siapa", "--password-stdin"],
        "sandi-baru-kantor\n",
    );
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("tidak ditemukan"));

    let server = TestServer::start_on(dir);
    let mut browser = Browser::new(&server);
    assert_eq!(browser.sign_in("kasi", "sandi-lama-kantor").status, 401);
    assert_eq!(browser.sign_in("kasi", "sandi-baru-kantor").status, 303);
    server.stop();
}
