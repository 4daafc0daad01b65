//! Widgets shared by the screens, one per file; they read the state through `use_app` and
//! never touch the device themselves.

mod ba_number;
mod bottom_nav;
mod counts;
mod focus;
mod notice;
mod outcome_choice;
mod painted;
mod photo;
mod position;
mod top_bar;

pub use ba_number::{BaNumber, unbroken_ba_number};
pub use bottom_nav::BottomNav;
pub use counts::{StateCounts, StatePill};
pub use focus::{focus, focus_field};
pub use notice::{NoticeBar, OfflineMark};
pub use outcome_choice::OutcomeChoice;
pub use painted::PaintedMark;
pub use photo::PhotoControl;
pub use position::{GOOD_ACCURACY_M, PositionControl};
pub use top_bar::TopBar;
