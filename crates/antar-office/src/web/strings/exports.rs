//! Words of the lists staff download to work from (.xlsx): the follow-up list and a BA's
//! lines, their titles, columns and download links.

use antar_domain::sop;

use super::date_id;

pub(crate) const FOLLOWUP_TITLE: &str =
    "Daftar tindak lanjut dokumen — Disdukcapil Kabupaten Tanggamus";
pub(crate) const FOLLOWUP_SHEET: &str = "Tindak lanjut";
pub(crate) const BA_SHEET: &str = "Baris BA";
pub(crate) const OVERDUE_COLUMN: &str = "Lewat batas";
pub(crate) const UNKNOWN_LIST: &str = "Daftar tidak dikenal.";
pub(crate) const DOWNLOAD_BA_LINES: &str = "Unduh daftar dokumen (Excel)";

/// The three follow-up downloads' links, each naming the rows it holds.
pub(crate) const DOWNLOAD_ALL: &str = "Unduh Excel: semua";
pub(crate) const DOWNLOAD_RUNNING: &str = "Unduh Excel: yang batasnya berjalan";
pub(crate) fn download_overdue() -> String {
    format!("Unduh Excel: yang lewat {} hari", sop::FOLLOW_UP_AFTER_DAYS)
}

/// What a follow-up download holds, under its title.
pub(crate) fn followup_label(today: &str, which: &str, rows: usize, overdue: usize) -> String {
    format!(
        "Keadaan {}: {which}; {rows} dokumen, {overdue} lewat {} hari.",
        date_id(today),
        sop::FOLLOW_UP_AFTER_DAYS
    )
}
pub(crate) const LIST_ALL: &str = "semua dokumen yang menunggu diambil";
pub(crate) const LIST_RUNNING: &str =
    "dokumen yang sudah kembali ke kantor atau ada di aparat pekon (batas berjalan)";
pub(crate) fn list_overdue() -> String {
    format!(
        "dokumen yang lewat batas {} hari",
        sop::FOLLOW_UP_AFTER_DAYS
    )
}
/// After the label when the list was cut at `max` rows (not necessarily the oldest: the store
/// cuts before it sorts).
pub(crate) fn cut_at(max: usize) -> String {
    format!(" Daftar terpotong: hanya {max} dokumen.")
}

pub(crate) fn ba_title(number: &str) -> String {
    format!("Daftar dokumen BA Pengiriman {number}")
}
pub(crate) fn ba_label(date: &str, courier: &str, documents: usize) -> String {
    format!(
        "Diterbitkan {}, kurir {courier}: {documents} dokumen.",
        date_id(date)
    )
}
pub(crate) const RT: &str = "RT";
pub(crate) const RW: &str = "RW";
