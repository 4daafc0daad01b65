//! Words of the documents pages: finding a citizen's document and its whole story.

use crate::store::{DocumentSearch, SearchProblem};

pub(crate) const SEARCH_DOCUMENT: &str = "NIK atau nama";
pub(crate) const SEARCH_PLACEHOLDER: &str = "mis. 1806… atau 4 angka terakhir NIK, atau nama";
pub(crate) const SEARCH_HINT: &str =
    "NIK lengkap, paling sedikit 4 angka terakhirnya, atau sebagian nama.";
pub(crate) const FIND: &str = "Cari";
pub(crate) const DOCUMENTS_ON_BA: &str = "Dokumen di BA ini";
pub(crate) const WHOLE_STORY: &str = "Riwayat lengkap dokumen ini";

/// What was wrong with the search, beside its field.
pub(crate) fn search_problem(problem: SearchProblem) -> String {
    match problem {
        SearchProblem::TooFewDigits => format!(
            "Ketik paling sedikit {} angka terakhir NIK.",
            DocumentSearch::MIN_TAIL
        ),
        SearchProblem::TooManyDigits => "NIK terdiri dari 16 angka; yang diketik lebih.".to_owned(),
        SearchProblem::NameTooShort => format!(
            "Ketik paling sedikit {} huruf dari nama.",
            DocumentSearch::MIN_NAME
        ),
        SearchProblem::Mixed => {
            "Cari dengan NIK (angka saja) atau dengan nama (huruf saja), tidak keduanya.".to_owned()
        }
    }
}

pub(crate) fn searched_for(search: &str, found: u64) -> String {
    format!("Hasil pencarian «{search}»: {found} dokumen.")
}

pub(crate) fn bad_courier_filter() -> String {
    "Kurir yang dipilih tidak dikenal. Pilih dari daftar.".to_owned()
}

pub(crate) fn unknown_ba_number(number: &str) -> String {
    let shown: String = number.chars().take(80).collect();
    format!("Tidak ada BA bernomor «{shown}». Salin nomornya dari daftar BA.")
}

// --- one document ---
pub(crate) const DOCUMENT_TITLE: &str = "Dokumen";
pub(crate) const ADDRESS_ON_KTP: &str = "Alamat pada KTP";
pub(crate) const OWNER_PHONE: &str = "Telepon pemilik";
pub(crate) const FAILURE_REASON: &str = "Alasan gagal";
pub(crate) const IMPORTED_ON: &str = "Diimpor";
pub(crate) const ON_BAS: &str = "BA Pengiriman yang memuatnya";
pub(crate) const NEVER_ON_BA: &str = "Belum pernah dimasukkan ke BA.";
pub(crate) const ISSUED_ON: &str = "Tanggal BA";
pub(crate) const DELIVERED_AT: &str = "Diserahkan pada";
pub(crate) const ATTEMPTS: &str = "Percobaan antar dan buktinya";
pub(crate) const NO_ATTEMPTS: &str = "Belum ada percobaan antar yang sampai di kantor.";
pub(crate) const RECORDED_AT: &str = "Dicatat kurir";
pub(crate) const RECEIVED_AT: &str = "Diterima kantor";
pub(crate) const PROOF: &str = "Bukti";
pub(crate) const REVIEWS: &str = "Pemeriksaan";
pub(crate) const NOT_REVIEWED: &str = "Belum diperiksa";
pub(crate) const FOLLOWUPS: &str = "Tindak lanjut ke aparat pekon";
pub(crate) const NO_FOLLOWUPS_YET: &str = "Belum ada kontak tindak lanjut.";
pub(crate) const RETURNS: &str = "BA Pengembalian";
pub(crate) const NO_RETURNS: &str = "Tidak pernah dikembalikan ke kantor.";
pub(crate) const OPEN_FOLLOWUP: &str = "Buka tindak lanjut";
pub(crate) const TIMES_IN_WIB: &str = "Semua waktu dalam WIB.";

pub(crate) fn review_line(verdict: &str, reviewer: &str, at: &str) -> String {
    format!("{verdict} oleh {reviewer}, {at}")
}

pub(crate) fn proof_link(seq: impl std::fmt::Display) -> String {
    format!("Bukti no. {seq}")
}

// --- follow-up message to the aparat pekon ---
pub(crate) const WHATSAPP_TEMPLATE: &str = "WhatsApp (pesan siap kirim)";

/// The WhatsApp message staff send an official about one uncollected document: who, what,
/// since when, and where the owner collects it. The owner's name is what the official needs to
/// pass the word on; nothing else of theirs is in it.
pub(crate) fn whatsapp_message(
    official: &str,
    row: &crate::store::FollowUpRow,
    since: Option<&str>,
) -> String {
    let waiting = since.map_or_else(String::new, |day| format!(" sejak {day}"));
    let where_to = if super::held_by_official(row).is_some() {
        "dapat diambil pada aparat pekon"
    } else {
        "dapat diambil di kantor Disdukcapil Kabupaten Tanggamus"
    };
    format!(
        "Yth. {official}, kami dari Disdukcapil Kabupaten Tanggamus. {} atas nama {} \
         ({}, Kecamatan {}) belum diambil pemiliknya{waiting}. Mohon bantuan menyampaikan \
         kepada yang bersangkutan bahwa dokumennya {where_to}. Terima kasih.",
        row.document_type, row.name, row.desa_name, row.kecamatan_name
    )
}
