//! Every text of the recording teams' visit pages (pelayanan keliling), in Bahasa Indonesia.
//! The words for a visit's kind and state, a target's category, an outcome and a place
//! verdict are the domain glossary's; only the page's own texts are spelled here.

use antar_domain::glossary;
use antar_domain::place::PlaceVerdict;
use antar_domain::visit::{IkdOutcome, RecordingOutcome, TARGET_COLUMNS, TargetCategory};

use super::MONTHS;

// --- navigation and list ---
pub(crate) const NAV_VISITS: &str = "Keliling";
pub(crate) const VISITS_TITLE: &str = "Pelayanan keliling";
pub(crate) const VISITS_HINT: &str = "Kunjungan tim perekaman KTP-el keliling ke balai pekon, \
    sekolah, rumah warga dan lembaga: rencana, daftar sasaran, dan hasil yang dikirim HP tim.";
pub(crate) const PLAN_VISIT: &str = "Rencanakan kunjungan";
pub(crate) const MONTH: &str = "Bulan";
pub(crate) const NUMBER: &str = "Nomor";
pub(crate) const DAY: &str = "Tanggal kunjungan";
pub(crate) const KIND: &str = "Jenis kunjungan";
pub(crate) const VENUE: &str = "Tempat kunjungan";
pub(crate) const VENUE_EXAMPLE: &str = "mis. Balai Pekon Penanggungan";
pub(crate) const DESA: &str = "Desa/Kelurahan tujuan";
pub(crate) const TEAM: &str = "Tim petugas lapangan";
pub(crate) const TARGETS: &str = "Sasaran";
pub(crate) const NO_VISITS: &str = "Tidak ada kunjungan pada bulan dan kecamatan ini.";
pub(crate) const TO_REPORT: &str = "Laporan bulanan keliling";
pub(crate) const TODO_VISITS: &str = "Rencanakan kunjungan pelayanan keliling dan lihat hasilnya";
pub(crate) const ALL_KECAMATAN: &str = "Semua kecamatan";

// --- the plan's form ---
pub(crate) const NEW_TITLE: &str = "Rencanakan kunjungan keliling";
pub(crate) const EDIT_TITLE: &str = "Ubah rencana kunjungan";
pub(crate) const EDIT: &str = "Ubah rencana";
pub(crate) const SAVE_PLAN: &str = "Simpan rencana";
pub(crate) const TEAM_HINT: &str = "Petugas lapangan didaftarkan sebagai kurir (halaman Kurir) \
    agar HP-nya menerima kunjungan dan daftar sasarannya. Pilih sedikitnya satu.";
pub(crate) const NO_FIELD_OFFICERS: &str = "Belum ada petugas tim perekaman aktif. Admin mendaftarkannya (peran tim perekaman) di \
     halaman Kurir.";
pub(crate) const CHOOSE_DESA: &str = "— pilih desa/kelurahan —";
pub(crate) const PLANNED_BY: &str = "Direncanakan oleh";

pub(crate) fn bad_kind(value: &str) -> String {
    let shown: String = value.chars().take(20).collect();
    format!("{KIND}: \"{shown}\" tidak dikenal; pilih dari daftar.")
}
pub(crate) fn bad_desa(value: &str) -> String {
    let shown: String = value.chars().take(20).collect();
    format!(
        "{DESA}: \"{shown}\" bukan kode desa/kelurahan di Kabupaten Tanggamus; pilih dari daftar."
    )
}
pub(crate) const TEAM_EMPTY: &str =
    "Tim petugas lapangan belum diisi: centang sedikitnya satu petugas.";
pub(crate) fn bad_member(value: &str) -> String {
    let shown: String = value.chars().take(40).collect();
    format!("{TEAM}: petugas \"{shown}\" tidak dikenal; muat ulang formulir lalu pilih lagi.")
}
pub(crate) fn inactive_member(name: &str) -> String {
    format!("{TEAM}: {name} sudah dinonaktifkan dan tidak bisa ditugaskan.")
}
pub(crate) fn bad_month(value: &str) -> String {
    let shown: String = value.chars().take(20).collect();
    format!("{MONTH}: \"{shown}\" bukan bulan (bentuk TTTT-BB, mis. 2026-12).")
}
pub(crate) const NOT_FOUND: &str = "Kunjungan tidak ditemukan.";
pub(crate) const TARGET_NOT_FOUND: &str =
    "Orang itu tidak ada di daftar sasaran kunjungan ini; muat ulang halaman.";
pub(crate) const PHOTO_NOT_FOUND: &str = "Foto check-in ini belum diterima kantor.";
pub(crate) const UPLOAD_MISSING: &str = "Pilih berkas daftar sasaran (CSV atau Excel .xlsx).";

// --- one visit ---
pub(crate) const CANCEL_REASON: &str = "Alasan pembatalan";
pub(crate) const CANCEL: &str = "Batalkan kunjungan";
pub(crate) const CANCEL_HINT: &str = "Kunjungan hanya dapat dibatalkan sebelum tim mulai (belum \
    ada check-in yang diterima). Alasannya wajib diisi dan tetap ditampilkan.";
pub(crate) const LOCKED_HINT: &str = "Tim sudah mulai bekerja dengan daftar yang diunduhnya: \
    rencana dan daftar sasaran tidak dapat diubah lagi.";
pub(crate) const TARGET_LIST: &str = "Daftar sasaran";
pub(crate) const NO_TARGETS: &str = "Belum ada sasaran. Unggah daftar sasaran di atas.";
pub(crate) const UPLOAD_TITLE: &str = "Unggah daftar sasaran";
pub(crate) const UPLOAD_FILE: &str = "Berkas CSV atau Excel";
pub(crate) const UPLOAD: &str = "Unggah daftar";
pub(crate) const SOURCE_ROW: &str = "Baris berkas";
pub(crate) const REMOVE_TARGET: &str = "Hapus dari daftar";
pub(crate) const CATEGORY: &str = "Kategori";
pub(crate) fn upload_hint() -> String {
    format!(
        "Kolom daftar: {}. Orang yang sudah ada di daftar tidak masuk dua kali; baris yang \
         ditolak disebutkan dengan nomor barisnya.",
        TARGET_COLUMNS.join(", ")
    )
}
pub(crate) fn import_title(file: &str) -> String {
    let shown: String = file.chars().take(80).collect();
    format!("Hasil unggah {shown}")
}

// --- results ---
pub(crate) const COUNTS_TITLE: &str = "Rencana dan capaian per kategori";
pub(crate) const PLANNED: &str = "Direncanakan";
pub(crate) const MET: &str = "Ditemui";
pub(crate) const RECORDED: &str = "Direkam";
pub(crate) const CONFLICTS: &str = "Berbeda antar-HP";
pub(crate) const WALK_INS_LINE: &str = "Datang langsung (di luar daftar)";
pub(crate) const CHECKINS: &str = "Check-in di lokasi";
pub(crate) const NO_CHECKINS: &str =
    "Belum ada check-in: tim belum mulai, atau HP-nya belum mengirim.";
pub(crate) const WHO: &str = "Petugas";
pub(crate) const WHEN: &str = "Waktu";
pub(crate) const PLACE: &str = "Tempat";
pub(crate) const PHOTOS: &str = "Foto";
pub(crate) const NOTE: &str = "Catatan";
pub(crate) const PHOTO_PENDING: &str = "belum diterima";
pub(crate) const CONFLICTS_TITLE: &str = "Hasil yang berbeda antar-HP";
pub(crate) const CONFLICTS_HINT: &str = "Petugas mencatat hasil berbeda untuk orang yang sama. \
    Semua catatan disimpan; orang ini belum dihitung sampai petugas kantor memilih catatan yang \
    benar (tanyakan ke tim) atau tim mengirim catatan pembetulan. Catatan baru dari HP membuka \
    pilihan lagi.";
pub(crate) const USE_THIS_WORD: &str = "Pakai";
pub(crate) const ALL_MEMBERS: &str = "— semua petugas —";
pub(crate) const BAD_MEMBER_FILTER: &str = "Petugas tidak dikenal; pilih dari daftar.";
pub(crate) const BAD_SETTLE_CHOICE: &str =
    "Pilihan hasil tidak dikenal; muat ulang halaman kunjungan dan pilih lagi.";
pub(crate) const WALK_IN: &str = "Datang langsung";

pub(crate) fn decided_by(word: &str, by: &str) -> String {
    format!("Diputuskan: {word} (oleh {by})")
}
pub(crate) const NOT_MET_TITLE: &str = "Belum ditemui (untuk kunjungan berikutnya)";
pub(crate) const ALL_MET: &str = "Semua sasaran sudah ditemui.";
pub(crate) const WALK_INS_TITLE: &str = "Datang langsung (tidak ada di daftar)";
pub(crate) const OUTCOME: &str = "Hasil";
pub(crate) const REMOVED: &str = "dihapus dari daftar";

/// The office's verdict on a check-in's place against the plan's desa, and whether the phone
/// agreed.
pub(crate) fn checkin_place(verdict: &PlaceVerdict, agrees: Option<bool>, desa: &str) -> String {
    let word = glossary::ID.place_verdict(verdict);
    let distance = match verdict {
        PlaceVerdict::Near { distance_m } | PlaceVerdict::Elsewhere { distance_m, .. } => {
            format!(", {distance_m:.0} m")
        }
        _ => String::new(),
    };
    let phone = match agrees {
        Some(false) => " — HP menilai lain",
        _ => "",
    };
    format!("{word}{distance} (rencana: {desa}){phone}")
}

/// An outcome with its IKD activation, in the glossary's words.
pub(crate) fn outcome(outcome: RecordingOutcome, ikd: Option<IkdOutcome>) -> String {
    let word = glossary::ID.recording_outcome(outcome);
    match ikd {
        Some(ikd) => format!("{word}; {}", glossary::ID.ikd_outcome(ikd)),
        None => word.to_owned(),
    }
}

pub(crate) fn category(category: TargetCategory) -> &'static str {
    glossary::ID.target_category(category)
}

/// "Desember 2026".
pub(crate) fn month_label(year: i32, month: u32) -> String {
    let name = usize::try_from(month.saturating_sub(1))
        .ok()
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or("");
    format!("{name} {year}")
}

// --- the monthly report ---
pub(crate) const REPORT_TITLE: &str = "Laporan bulanan pelayanan keliling";
pub(crate) const REPORT_HINT: &str = "Per kecamatan dan tim: kunjungan yang terlaksana (ada \
    check-in) dan yang belum, orang yang direkam dari yang direncanakan per kategori, yang \
    datang langsung, dan aktivasi IKD. Kunjungan yang dibatalkan tidak dihitung.";
pub(crate) const NO_REPORT_ROWS: &str = "Tidak ada kunjungan pada bulan ini.";
pub(crate) const REPORT_XLSX_TITLE: &str =
    "Laporan pelayanan keliling — Disdukcapil Kabupaten Tanggamus";
pub(crate) const HELD: &str = "Kunjungan terlaksana";
pub(crate) const NOT_HELD: &str = "Belum terlaksana";
pub(crate) const WALK_INS_RECORDED: &str = "Datang langsung direkam";
pub(crate) const TOTAL_RECORDED: &str = "Jumlah direkam";
pub(crate) const TOTAL: &str = "Jumlah";
pub(crate) const KECAMATAN: &str = "Kecamatan";
pub(crate) const TEAM_SHORT: &str = "Tim";
pub(crate) fn report_month(year: i32, month: u32) -> String {
    format!("Bulan {}", month_label(year, month))
}
/// "12 dari 30": recorded of planned.
pub(crate) fn of_planned(recorded: u32, planned: u32) -> String {
    format!("{recorded} dari {planned}")
}
/// The IKD column, in the glossary's word for an activation.
pub(crate) fn ikd_activated() -> &'static str {
    glossary::ID.ikd_outcome(IkdOutcome::Activated)
}
/// The .xlsx's header row: the plain columns, then planned and recorded per category.
pub(crate) fn xlsx_columns() -> Vec<String> {
    let mut columns = vec![
        KECAMATAN.to_owned(),
        TEAM_SHORT.to_owned(),
        HELD.to_owned(),
        NOT_HELD.to_owned(),
    ];
    for c in TargetCategory::ALL {
        columns.push(format!("{} {}", category(*c), PLANNED.to_lowercase()));
        columns.push(format!("{} {}", category(*c), RECORDED.to_lowercase()));
    }
    columns.extend([
        WALK_INS_RECORDED.to_owned(),
        ikd_activated().to_owned(),
        format!("{TOTAL} {}", PLANNED.to_lowercase()),
        TOTAL_RECORDED.to_owned(),
        CARDS_TO_OWNER.to_owned(),
        CARDS_COLLECTIVE.to_owned(),
    ]);
    columns
}

// --- a visit's BA of printed documents ---
pub(crate) const BA_TITLE: &str = "Dokumen yang diserahkan saat kunjungan";
pub(crate) const BA_HINT: &str = "Dokumen tercetak dari desa kunjungan yang belum ada di BA yang \
    masih berjalan dimasukkan ke BA kunjungan: tim menyerahkannya kepada pemiliknya dengan bukti \
    seperti kurir, atau secara kolektif kepada aparat pekon.";
pub(crate) const BA_NONE: &str = "Belum ada BA kunjungan.";
pub(crate) const BA_ISSUE: &str = "Terbitkan BA kunjungan";
pub(crate) const BA_SIGNER: &str = "Penanda tangan";
/// The print's title for a visit's BA.
pub(crate) const BA_PRINT_TITLE: &str =
    "BERITA ACARA SERAH TERIMA DOKUMEN KEPENDUDUKAN PELAYANAN KELILING";
/// Who receives a visit's BA on the print.
pub(crate) const BA_RECEIVER: &str = "Petugas Pelayanan Keliling";

/// Beside a check-in's time when it was not on the plan's day.
pub(crate) fn off_plan_day(day: &str) -> String {
    format!(
        "(bukan hari rencana: {})",
        crate::web::strings::date_id(day)
    )
}

/// The report's columns of printed cards handed over at visits.
pub(crate) const CARDS_TO_OWNER: &str = "Kartu ke pemilik";
pub(crate) const CARDS_COLLECTIVE: &str = "Kartu kolektif";

// --- collective handovers on a visit's page ---
pub(crate) const HANDOVERS_TITLE: &str = "Serah terima kolektif ke aparat pekon";
pub(crate) const OFFICIAL: &str = "Penerima (aparat pekon)";
pub(crate) const CARDS: &str = "Kartu";
/// "4 dari 5": cards the handover delivered of those it named (the rest had reached their
/// owners already).
pub(crate) fn cards_delivered(delivered: u32, named: u32) -> String {
    if delivered == named {
        named.to_string()
    } else {
        format!("{delivered} dari {named} (sisanya sudah diterima pemilik)")
    }
}
