//! A proof photo's bookkeeping row: its size, how much arrived, whether it is whole. Kept by any
//! engine; SQLite's queries are in `sqlite::photos`.

/// What the office knows of one photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PhotoRow {
    pub(crate) total_bytes: u64,
    pub(crate) complete: bool,
}
