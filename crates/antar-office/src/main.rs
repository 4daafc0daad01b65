//! `antar-office`: the office's command line — serve the API, import SIAK exports, manage
//! couriers, issue BA Pengiriman, print the progress report, or run a ready-made demo.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = antar_cli::parse::<cli::Args>();
    // A printing command piped into `head` ends when the pipe closes instead of panicking on
    // the next line. Not while serving: a server must outlive any one closed connection.
    if !args.serves() {
        sigpipe::reset();
    }
    init_logging();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gagal: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour codes only on a terminal: under systemd the log goes to the journal as text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}
