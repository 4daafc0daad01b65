//! What the process hands the window at start (its data folder and start time), and the
//! platform the screens ask for camera and GPS.

use std::path::PathBuf;
use std::rc::Rc;
use std::time::Instant;

use dioxus::prelude::*;

use crate::platform::Platform;
use crate::state::use_app;

/// What `main` hands the window: where the data lives and when the process started.
#[derive(Clone, Debug)]
pub struct Boot {
    pub data_dir: PathBuf,
    pub started: Instant,
    /// Log the time to the first manifest list (the start-up benchmark reads it).
    pub report_startup: bool,
}

/// The platform in use, for screens that offer platform-specific controls.
pub fn use_platform() -> Rc<dyn Platform> {
    use_app().platform.read().clone()
}
