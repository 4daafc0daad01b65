//! A BA Pengembalian: its header and its lines. Kept by any engine; SQLite's queries are in
//! `sqlite::returns`.

use antar_domain::ba_return::{ReturnStanding, ReturnTally};

/// A return report's header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnInfo {
    pub id: String,
    pub number: String,
    pub issued_on: String,
    pub issued_by: String,
    pub manifest_id: String,
    pub manifest_number: String,
    pub courier_name: String,
    pub item_count: u64,
    /// Whether the courier's phone sent the return (migration 0017).
    pub from_courier: bool,
    pub courier_counted: Option<u32>,
    pub office_counted: Option<u32>,
    pub office_counted_by: Option<String>,
    pub office_counted_at: Option<String>,
}

impl ReturnInfo {
    /// The counts side by side, for the domain to judge.
    pub fn tally(&self) -> ReturnTally {
        ReturnTally {
            listed: u32::try_from(self.item_count).unwrap_or(u32::MAX),
            courier_counted: self.courier_counted,
            office_counted: self.office_counted,
        }
    }

    /// The audit log's action and detail for staff's count: a difference has its own action,
    /// so a reader of the log finds every flagged return; ids and counts only, never names.
    pub(crate) fn count_audit(&self) -> (&'static str, String) {
        let tally = self.tally();
        let action = if tally.standing() == ReturnStanding::Differs {
            "ba_kembali_selisih"
        } else {
            "ba_kembali_hitung"
        };
        let count = |n: Option<u32>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
        (
            action,
            format!(
                "dokumen:{} dihitung_kurir:{} dihitung_kantor:{}",
                tally.listed,
                count(tally.courier_counted),
                count(tally.office_counted)
            ),
        )
    }

    /// Who received the bundle at the office: the officer who counted a courier's return, or
    /// who issued the report.
    pub fn received_by(&self) -> &str {
        self.office_counted_by.as_deref().unwrap_or(&self.issued_by)
    }
}

/// One returned document on the printed return report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReturnLine {
    pub(crate) line: u32,
    pub(crate) ba_line: u32,
    pub(crate) name: String,
    pub(crate) nik: String,
    pub(crate) document_type: String,
    pub(crate) desa_name: String,
    pub(crate) kecamatan_name: String,
    /// The last failure reason the courier recorded, as a code.
    pub(crate) reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReturnManifest {
    pub(crate) info: ReturnInfo,
    pub(crate) lines: Vec<ReturnLine>,
}
