//! Words of the custody pages: the courier's count of a BA's bundle at handover.

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
