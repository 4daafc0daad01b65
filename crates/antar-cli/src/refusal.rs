//! What a parse that cannot run says instead: help, the version, or what was wrong, in
//! Indonesian.

use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The parse ended without arguments to run with.
#[derive(Debug)]
pub struct Stop {
    text: String,
    code: i32,
    to_stderr: bool,
}

impl Stop {
    pub(crate) fn from_clap(error: &clap::Error) -> Self {
        let text = match error.kind() {
            // Help and the version are already in the words the command was given.
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            | ErrorKind::DisplayVersion => error.render().to_string(),
            _ => refusal(error),
        };
        Self {
            text,
            code: error.exit_code(),
            to_stderr: error.use_stderr(),
        }
    }

    /// What is printed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The process's exit code: 0 after help or the version, 2 after a mistake.
    pub fn code(&self) -> i32 {
        self.code
    }

    /// Prints the text where clap would and ends the process.
    pub fn exit(self) -> ! {
        use std::io::Write as _;
        // Nothing better to do when the terminal is gone.
        let _ = if self.to_stderr {
            std::io::stderr().write_all(self.text.as_bytes())
        } else {
            std::io::stdout().write_all(self.text.as_bytes())
        };
        std::process::exit(self.code)
    }
}

fn refusal(error: &clap::Error) -> String {
    let mut text = format!("gagal: {}\n", what_was_wrong(error));
    if let Some(hint) = suggestion(error) {
        let _ = writeln!(text, "\n  petunjuk: {hint}");
    }
    if let Some(usage) = context(error, ContextKind::Usage) {
        let usage = usage.trim_start_matches("Usage:").trim();
        let _ = write!(text, "\nPemakaian: {usage}\n");
    }
    text.push_str("\nKetik '--help' untuk bantuan.\n");
    text
}

fn what_was_wrong(error: &clap::Error) -> String {
    let arg = context(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(error, ContextKind::InvalidValue).unwrap_or_default();
    match error.kind() {
        ErrorKind::UnknownArgument => format!("argumen tidak dikenal: '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            let name = context(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("perintah tidak dikenal: '{name}'")
        }
        ErrorKind::MissingSubcommand => "perintah belum diberikan".to_owned(),
        ErrorKind::MissingRequiredArgument => format!("wajib diisi tetapi belum ada: {arg}"),
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} perlu nilai"),
        ErrorKind::InvalidValue => {
            let mut text = format!("nilai '{value}' tidak sah untuk {arg}");
            if let Some(valid) = context(error, ContextKind::ValidValue) {
                let _ = write!(text, "; pilihan: {valid}");
            }
            text
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .map(parse_failure)
                .unwrap_or_default();
            format!("nilai '{value}' tidak sah untuk {arg}{why}")
        }
        ErrorKind::ArgumentConflict => match context(error, ContextKind::PriorArg) {
            Some(prior) => format!("{arg} tidak bisa dipakai bersama {prior}"),
            None => format!("{arg} tidak bisa dipakai di sini"),
        },
        ErrorKind::TooManyValues => format!("terlalu banyak nilai untuk {arg}: '{value}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("jumlah nilai untuk {arg} tidak sesuai")
        }
        ErrorKind::NoEquals => format!("{arg} perlu tanda '=' sebelum nilainya"),
        ErrorKind::InvalidUtf8 => "argumen berisi teks yang bukan UTF-8".to_owned(),
        // Failures of the terminal itself, not of what was typed: clap's words are all there is.
        _ => error.kind().to_string(),
    }
}

/// Why a typed value did not read, for the value types the commands use.
fn parse_failure(source: &(dyn std::error::Error + 'static)) -> String {
    use std::num::{IntErrorKind, ParseFloatError, ParseIntError};
    if source.downcast_ref::<ParseFloatError>().is_some() {
        return ": bukan angka (pakai titik untuk desimal, mis. -5.4986)".to_owned();
    }
    if let Some(int) = source.downcast_ref::<ParseIntError>() {
        let why = match int.kind() {
            IntErrorKind::Empty => "kosong",
            IntErrorKind::PosOverflow => "terlalu besar",
            IntErrorKind::NegOverflow => "terlalu kecil",
            IntErrorKind::Zero => "tidak boleh nol",
            _ => "bukan bilangan bulat positif",
        };
        return format!(": {why}");
    }
    format!(": {source}")
}

fn suggestion(error: &clap::Error) -> Option<String> {
    let typo = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|kind| context(error, kind));
    if let Some(typo) = typo {
        return Some(format!("mungkin maksudnya '{typo}'?"));
    }
    // Clap's free-text tips come in English; the three it writes are recognised and retold.
    let tip = context(error, ContextKind::Suggested)?;
    let typed = context(error, ContextKind::InvalidArg)
        .or_else(|| context(error, ContextKind::InvalidSubcommand))
        .unwrap_or_default();
    if tip.contains("as a value") {
        Some(format!(
            "untuk memakai '{typed}' sebagai nilai, tulis '-- {typed}'"
        ))
    } else if tip.contains("remove the '--'") {
        Some(format!("perintah '{typed}' ada; hapus '--' di depannya"))
    } else {
        tip.strip_suffix("' exists")
            .map(|exists| format!("yang ada: '{}'", exists.trim_start_matches('\'')))
    }
}

/// A piece of the error's context as plain text; a list is joined with commas.
fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) => Some(texts.join(", ")),
        ContextValue::StyledStr(text) => Some(text.to_string()),
        ContextValue::StyledStrs(texts) => Some(
            texts
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(number) => Some(number.to_string()),
        _ => None,
    }
}
