//! The office's and the phone's command lines in Bahasa Indonesia: clap's help headings, its
//! help and version flags and its parse errors, which clap itself only writes in English.

mod refusal;

use clap::{Arg, ArgAction, Command, Parser};

pub use refusal::Stop;

/// Clap's own template with the heading it cannot translate written out.
const HELP_TEMPLATE: &str =
    "{before-help}{about-with-newline}\nPemakaian: {usage}\n\n{all-args}{after-help}";
const OPTIONS_HEADING: &str = "Pilihan";
const ARGUMENTS_HEADING: &str = "Argumen";

/// Parses this process's arguments, or prints help, the version or a refusal in Indonesian
/// and exits as clap would (0 for help and version, 2 for a mistake).
pub fn parse<P: Parser>() -> P {
    try_parse_from(std::env::args_os()).unwrap_or_else(|stop| stop.exit())
}

/// Parses the given arguments (the first is the program's name).
pub fn try_parse_from<P, I, T>(args: I) -> Result<P, Stop>
where
    P: Parser,
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut command = localized(P::command(), true);
    let matches = command
        .try_get_matches_from_mut(args)
        .map_err(|e| Stop::from_clap(&e))?;
    P::from_arg_matches(&matches).map_err(|e| Stop::from_clap(&e))
}

/// `command` and all its subcommands with Indonesian headings and help flags.
fn localized(command: Command, root: bool) -> Command {
    let mut command = command
        .help_template(HELP_TEMPLATE)
        .subcommand_help_heading("Perintah")
        .subcommand_value_name("PERINTAH")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(|arg| {
            if arg.get_help_heading().is_some() {
                arg
            } else if arg.is_positional() {
                arg.help_heading(ARGUMENTS_HEADING)
            } else {
                arg.help_heading(OPTIONS_HEADING)
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Tampilkan bantuan ini")
                .help_heading(OPTIONS_HEADING),
        );
    if root && command.get_version().is_some() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Tampilkan versi")
                .help_heading(OPTIONS_HEADING),
        );
    }
    command.mut_subcommands(|sub| localized(sub, false))
}

#[cfg(test)]
mod tests;
