//! Words of the custody pages: the courier's count of a BA's bundle at handover, and the
//! documents the courier hands back.

use antar_domain::ba_return::{ReturnStanding, ReturnTally};

use crate::store::{CountState, HandoverCountInfo};

pub(crate) const COUNT_COLUMN: &str = "Hitungan kurir";
pub(crate) const COUNT_TITLE: &str = "Serah terima ke kurir";
pub(crate) const NOT_COUNTED: &str =
    "Belum dihitung kurir: HP kurir meminta hitungan ini sebelum antaran pertama dari BA ini.";
pub(crate) const MISSING_AT_COUNT: &str = "Tidak ada saat serah terima";
pub(crate) const MISSING_HINT: &str = "Dokumen yang tidak ada di bundel kembali ke antrean kantor \
    dan bisa dimasukkan ke BA berikutnya.";
pub(crate) const PRINT_COUNT_LINE: &str = "Jumlah dokumen yang diterima kurir";

/// A BA's count in a few words, for the BA list.
pub(crate) fn count_state(state: CountState) -> String {
    match state {
        CountState::NotAsked => "—".to_owned(),
        CountState::Waiting => "Belum dihitung".to_owned(),
        CountState::Complete => "Lengkap".to_owned(),
        CountState::Short(n) => format!("Kurang {n}"),
    }
}

/// The count as the BA's page says it.
pub(crate) fn counted(info: &HandoverCountInfo, on_ba: usize) -> String {
    format!(
        "{} menghitung {} dari {on_ba} dokumen pada {}.",
        info.courier_name,
        info.counted,
        super::local_time(&info.counted_at)
    )
}

/// The missing lines, e.g. "Tidak ada di bundel: baris 3, 9".
pub(crate) fn missing_lines(lines: &[u32]) -> String {
    let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
    format!("Tidak ada di bundel: baris {}", lines.join(", "))
}

/// The print's count line: the number once counted, a line to fill in before.
pub(crate) fn print_count(counted: Option<u32>, on_ba: usize) -> String {
    match counted {
        Some(n) => format!("{PRINT_COUNT_LINE}: {n} dari {on_ba} dokumen"),
        None => format!("{PRINT_COUNT_LINE}: ........ dari {on_ba} dokumen"),
    }
}

// The courier's return, and the office's count of its bundle.
pub(crate) const RETURN_FROM: &str = "Dari";
pub(crate) const FROM_COURIER_PHONE: &str = "HP kurir";
pub(crate) const FROM_OFFICE: &str = "Kantor";
pub(crate) const COURIER_COUNT: &str = "Hitungan kurir";
pub(crate) const OFFICE_COUNT: &str = "Hitungan kantor";
pub(crate) const RETURN_STANDING: &str = "Keadaan";
pub(crate) const COUNT_BUNDLE: &str = "Jumlah di bundel";
pub(crate) const SAVE_OFFICE_COUNT: &str = "Simpan hitungan kantor";
pub(crate) const RETURN_COUNT_HINT: &str = "Hitung dokumen yang benar-benar diterima dari kurir. \
    Hitungan disimpan sekali; selisih tetap ditandai dan tidak diselesaikan otomatis.";
pub(crate) const COUNTED_BY: &str = "dihitung oleh";

/// How a return stands, in a few words.
pub(crate) fn return_standing(standing: ReturnStanding) -> &'static str {
    antar_domain::glossary::ID.return_standing(standing)
}

/// What differs, said in full: the list, and each count there is.
pub(crate) fn return_difference(tally: ReturnTally) -> String {
    let mut parts = vec![format!("{} dokumen di daftar", tally.listed)];
    if let Some(n) = tally.courier_counted {
        parts.push(format!("kurir menghitung {n}"));
    }
    if let Some(n) = tally.office_counted {
        parts.push(format!("kantor menghitung {n}"));
    }
    format!(
        "{}: {}",
        return_standing(ReturnStanding::Differs),
        parts.join(", ")
    )
}

/// The return print's count line.
pub(crate) fn print_return_counts(tally: ReturnTally) -> String {
    let count = |n: Option<u32>| n.map_or_else(|| "........".to_owned(), |n| n.to_string());
    format!(
        "Jumlah dokumen menurut kurir: {}; menurut kantor: {}",
        count(tally.courier_counted),
        count(tally.office_counted)
    )
}

/// What reached the office from a revoked phone, said on its row.
pub(crate) fn arrived_after_revoke(events: u64) -> String {
    format!("{events} kejadian diterima setelah dicabut")
}
