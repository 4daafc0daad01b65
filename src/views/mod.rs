//! One screen per [`crate::state::Route`]. Screens read the state, send commands, and keep
//! only form input in local signals.

mod about;
mod attempt;
mod count;
#[cfg(test)]
mod count_tests;
mod document;
mod documents;
mod enroll;
mod handback;
#[cfg(test)]
mod handback_tests;
mod manifests;
mod settings;
mod sync;
#[cfg(test)]
mod tests;
mod visit;
mod visit_checkin;
mod visit_handover;
mod visit_person;
#[cfg(test)]
mod visit_tests;
mod visits;
mod walk_in;

pub use about::About;
pub use attempt::RecordAttempt;
pub use count::Count;
pub use document::Document;
pub use documents::Documents;
pub use enroll::Enroll;
pub use handback::Handback;
pub use manifests::Manifests;
pub use settings::SettingsScreen;
pub use sync::SyncScreen;
pub use visit::Visit;
pub use visit_checkin::Checkin;
pub use visit_handover::Handover;
pub use visit_person::PersonOutcome;
pub use visits::Visits;
pub use walk_in::WalkIn;
