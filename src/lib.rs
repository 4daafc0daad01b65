//! Antar, the courier app: Dioxus screens over `antar-device`, in Bahasa Indonesia first.
//! The screens never speak HTTP or SQL: they send commands to the device worker
//! ([`state::DeviceHandle`]) and show what it answers. Camera and GPS sit behind
//! [`platform::Platform`].

pub mod app;
pub mod components;
#[doc(hidden)]
pub mod fixtures;
pub mod platform;
pub mod state;
pub mod strings;
pub mod views;
