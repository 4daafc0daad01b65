//! Pieces shared by pages, one component per file.

pub(crate) mod csrf;
pub(crate) mod import_report;
pub(crate) mod layout;
pub(crate) mod letterhead;
pub(crate) mod map;
pub(crate) mod nip_field;
pub(crate) mod pager;
pub(crate) mod qr;
pub(crate) mod state;
