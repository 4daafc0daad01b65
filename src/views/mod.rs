//! One screen per [`crate::state::Route`]. Screens read the state, send commands, and keep
//! only form input in local signals.

mod about;
mod attempt;
mod attempt_form;
mod document;
mod documents;
mod enroll;
mod manifests;
mod settings;
mod sync;
#[cfg(test)]
mod tests;

pub use about::About;
pub use attempt::RecordAttempt;
pub use attempt_form::{AttemptForm, OutcomeChoice};
pub use document::Document;
pub use documents::Documents;
pub use enroll::Enroll;
pub use manifests::Manifests;
pub use settings::SettingsScreen;
pub use sync::SyncScreen;
