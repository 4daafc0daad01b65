//! Camera and position, the two things that differ per platform, behind one small trait.
//! The desktop build takes photos from files and positions from a fixture file or the
//! keyboard; the phone builds go through the webview (camera chooser, `navigator.geolocation`).

mod desktop;
mod mobile;

use std::rc::Rc;

use antar_domain::attempt::GpsFix;
use futures_channel::mpsc::UnboundedReceiver;

pub use desktop::{Desktop, FIXTURE_ENV};
pub use mobile::{CAMERA_INPUT_ID, Mobile, next_capture};

/// One report of the position source.
#[derive(Clone, PartialEq, Debug)]
pub enum PositionEvent {
    Fix(GpsFix),
    /// No position can come (no receiver, permission refused); the text says why, for the
    /// courier, who can then type one.
    Unavailable(String),
}

/// How this platform reaches a camera.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Camera {
    /// A native file dialog, or a path typed in (desktop).
    FilePicker,
    /// A file input with `capture`, read back through the webview (Android, iOS).
    WebviewCapture,
}

pub trait Platform {
    fn name(&self) -> &'static str;
    fn camera(&self) -> Camera;
    /// Starts the position source. Fixes arrive as they come, usually each more accurate
    /// than the one before; the source stops when the receiver is dropped. Must be called
    /// from inside a component (the phone builds run it as a task of the caller's scope).
    fn watch_position(&self) -> UnboundedReceiver<PositionEvent>;
}

/// The platform this build runs on.
pub fn current() -> Rc<dyn Platform> {
    if cfg!(any(target_os = "android", target_os = "ios")) {
        Rc::new(Mobile)
    } else {
        Rc::new(Desktop::from_env())
    }
}
