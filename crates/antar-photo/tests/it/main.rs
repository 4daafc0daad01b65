//! The crate's integration tests in one binary (one link instead of one per file); each
//! module is what used to be a file of its own under tests/.

// A failed setup in a test should panic loudly.
#![allow(clippy::unwrap_used)]

mod common;

mod bad_input;
mod orientation;
mod properties;
mod real_photos;
