//! Words of the home page's "needs attention today" counts.

use antar_domain::sop;

pub(crate) const ATTENTION: &str = "Perlu perhatian hari ini";
pub(crate) const PROOFS_WAITING: &str = "Bukti menunggu diperiksa";
pub(crate) const BAS_NOT_CONFIRMED: &str = "BA belum dihitung kurir";

pub(crate) fn followups_running(overdue: u64) -> String {
    format!(
        "Menunggu diambil (tindak lanjut); {overdue} lewat {} hari",
        sop::FOLLOW_UP_AFTER_DAYS
    )
}

pub(crate) fn late_open() -> String {
    format!(
        "Belum diserahkan, lewat standar {} hari",
        sop::SERVICE_STANDARD_DAYS
    )
}
