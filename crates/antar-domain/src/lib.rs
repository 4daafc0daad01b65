//! Antar's domain: the rules of delivering civil-registration documents, with no I/O.
//!
//! Values that can be wrong (NIK, region codes, phone numbers, GPS fixes) are parsed once at
//! the edge into types that cannot be wrong; manifests, items, attempts and the item state
//! machine are built from them; [`wire`] is the versioned protocol between device and office.

#[macro_use]
mod coded;

pub mod access;
pub mod address;
pub mod attempt;
pub mod ba_cancel;
pub mod ba_count;
pub mod ba_return;
pub mod contact;
pub mod custody;
pub mod document;
pub mod enroll_link;
pub mod field_role;
pub mod findings;
pub mod glossary;
pub mod ids;
pub mod item_nik;
pub mod manifest;
pub mod nik;
pub mod nip;
pub mod place;
pub mod region;
mod row;
pub mod sop;
pub mod state;
pub mod visit;
pub mod wire;
