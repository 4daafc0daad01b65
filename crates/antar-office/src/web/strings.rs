//! Every text of the staff web, in Bahasa Indonesia, in one place: constants for fixed
//! texts, small functions for texts with values in them.

use antar_domain::attempt::{FailureReason, OfficialPosition, OutcomeKind, Relationship};
use antar_domain::custody::{ChainVerdict, TimeVerdict};
use antar_domain::glossary;
use antar_domain::place::PlaceVerdict;
use antar_domain::region::Registry;
use antar_domain::sop::{self, FollowUpChannel, FollowUpOutcome};
use antar_domain::state::ItemState;
use chrono::{DateTime, NaiveDate, Utc};

use crate::store::{Role, local_day};

pub(crate) mod audit;
pub(crate) mod custody;
pub(crate) mod documents;
pub(crate) mod exports;
pub(crate) mod home;
pub(crate) mod review;
pub(crate) mod visits;

// --- the office ---
pub(crate) const GOVERNMENT: &str = "PEMERINTAH KABUPATEN TANGGAMUS";
pub(crate) const OFFICE: &str = "Dinas Kependudukan dan Pencatatan Sipil";
pub(crate) const OFFICE_UPPER: &str = "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL";
pub(crate) const OFFICE_SHORT: &str = "Disdukcapil Kabupaten Tanggamus";
pub(crate) const OFFICE_ADDRESS: &str =
    "Jl. Ir. H. Juanda, Kotaagung, Kabupaten Tanggamus, Lampung";

// --- navigation ---
pub(crate) const NAV_HOME: &str = "Beranda";
pub(crate) const NAV_DOCUMENTS: &str = "Dokumen";
pub(crate) const NAV_IMPORT: &str = "Impor";
pub(crate) const NAV_MANIFESTS: &str = "BA Pengiriman";
pub(crate) const NAV_REVIEW: &str = "Tinjau Bukti";
pub(crate) const NAV_FOLLOWUP: &str = "Tindak Lanjut";
pub(crate) const NAV_CONTACTS: &str = "Kontak Pekon";
pub(crate) const NAV_SERVICE: &str = "Standar Layanan";
pub(crate) const NAV_REPORTS: &str = "Laporan";
pub(crate) const NAV_COURIERS: &str = "Kurir";
pub(crate) const NAV_USERS: &str = "Pengguna";
pub(crate) const NAV_AUDIT: &str = "Log Audit";
pub(crate) const SIGN_OUT: &str = "Keluar";
/// The button that opens the folded menu on a phone.
pub(crate) const MENU: &str = "Menu";

// --- sign-in ---
pub(crate) const LOGIN_TITLE: &str = "Masuk";
pub(crate) const USERNAME: &str = "Nama pengguna";
pub(crate) const PASSWORD: &str = "Kata sandi";
pub(crate) const SIGN_IN: &str = "Masuk";
pub(crate) const LOGIN_FAILED: &str =
    "Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.";
/// Sign-in refused for a while after too many wrong passwords for one account.
pub(crate) fn login_paused(wait: std::time::Duration) -> String {
    let minutes = wait.as_secs().div_ceil(60).max(1);
    format!(
        "Terlalu banyak kata sandi salah dicoba untuk akun ini atau dengan sandi ini. Demi \
         keamanan, masuk ditahan; coba lagi dalam {minutes} menit, atau hubungi admin."
    )
}
pub(crate) const LOGIN_EXPIRED: &str =
    "Formulir masuk sudah kedaluwarsa. Silakan isi lagi nama pengguna dan kata sandi.";
pub(crate) const LOGIN_HINT: &str = "Akun dibuat oleh admin. Lupa kata sandi? Hubungi admin.";

// --- errors ---
pub(crate) const FORBIDDEN_TITLE: &str = "Akses ditolak";
pub(crate) const FORBIDDEN_TEXT: &str = "Peran Anda tidak berwenang membuka halaman atau \
    menjalankan tindakan ini. Jika Anda memerlukannya, minta admin mengubah peran akun Anda.";
pub(crate) const CSRF_TITLE: &str = "Formulir tidak sah";
pub(crate) const CSRF_TEXT: &str = "Formulir ini tidak berasal dari halaman Antar yang masih \
    berlaku (token keamanan tidak cocok). Muat ulang halaman lalu coba lagi.";
pub(crate) const BAD_REQUEST_TITLE: &str = "Permintaan tidak dapat diproses";
pub(crate) const NOT_FOUND_TITLE: &str = "Tidak ditemukan";
pub(crate) const PAGE_NOT_FOUND: &str =
    "Halaman ini tidak ada. Periksa alamatnya atau kembali ke beranda.";
pub(crate) const INTERNAL_TITLE: &str = "Terjadi kesalahan";
pub(crate) const INTERNAL_TEXT: &str =
    "Terjadi kesalahan di server kantor. Coba lagi sebentar lagi; bila berulang, hubungi admin.";
pub(crate) const BACK_HOME: &str = "Kembali ke beranda";
pub(crate) const BACK_WHERE_YOU_WERE: &str = "Kembali ke halaman tadi";
pub(crate) const FORM_TOO_LARGE: &str = "Isi formulir terlalu besar.";
pub(crate) const UNKNOWN_ROLE: &str = "Peran tidak dikenal.";
pub(crate) const USER_NOT_FOUND: &str = "Pengguna tidak ditemukan.";
pub(crate) const CANNOT_DISABLE_SELF: &str = "Anda tidak dapat menonaktifkan akun Anda sendiri.";
pub(crate) const UNKNOWN_ITEM_CHOICE: &str =
    "pilihan dokumen tidak dikenal: muat ulang halaman BA dan pilih lagi";
pub(crate) const MANIFEST_NOT_FOUND: &str = "BA Pengiriman tidak ditemukan.";
pub(crate) const RETURN_NOT_FOUND: &str = "BA Pengembalian tidak ditemukan.";
pub(crate) const PROOF_NOT_FOUND: &str = "Bukti pengantaran tidak ditemukan.";
pub(crate) const PHOTO_NOT_FOUND: &str = "Foto bukti belum diterima kantor.";
pub(crate) const DOCUMENT_NOT_FOUND: &str =
    "Dokumen tidak ditemukan atau tidak sedang perlu ditindaklanjuti.";
pub(crate) const CONTACT_NOT_FOUND: &str = "Kontak tidak ditemukan.";
pub(crate) const UNKNOWN_COURIER: &str = "Kurir tidak ditemukan; pilih kurir dari daftar.";
pub(crate) const UNKNOWN_VERDICT: &str = "Pilih terima atau tandai bermasalah.";
pub(crate) const UNKNOWN_CHANNEL: &str = "Saluran kontak tidak dikenal.";
pub(crate) const UNKNOWN_OUTCOME: &str = "Hasil kontak tidak dikenal.";
pub(crate) const UNKNOWN_CONTACT: &str = "Kontak yang dipilih bukan aparat pekon desa dokumen ini.";
pub(crate) const UPLOAD_UNREADABLE: &str = "Unggahan tidak terbaca; pilih berkas lalu kirim lagi.";
pub(crate) const UPLOAD_MISSING: &str = "Pilih berkas CSV atau Excel (.xlsx) yang akan diimpor.";
pub(crate) const PERIOD_REVERSED: &str =
    "Tanggal \"dari\" harus sebelum atau sama dengan \"sampai\".";
pub(crate) const BAD_EMAIL: &str = "Alamat email tidak valid.";
pub(crate) const NEED_PHONE_OR_EMAIL: &str = "Isi nomor HP atau email, agar kontak bisa dihubungi.";

pub(crate) fn field_required(label: &str) -> String {
    format!("Kolom \"{label}\" wajib diisi.")
}
pub(crate) fn bad_date(label: &str, value: &str) -> String {
    let shown: String = value.chars().take(20).collect();
    format!("{label}: \"{shown}\" bukan tanggal (bentuk TTTT-BB-HH, mis. 2026-11-26).")
}
pub(crate) fn not_a_count(label: &str, value: &str) -> String {
    let shown: String = value.chars().take(20).collect();
    format!("{label}: \"{shown}\" bukan jumlah (bilangan bulat 0 atau lebih).")
}
pub(crate) fn bad_region(code: &str) -> String {
    let shown: String = code.chars().take(20).collect();
    format!("Kode wilayah \"{shown}\" tidak dikenal di Kabupaten Tanggamus.")
}
pub(crate) fn bad_state(code: &str) -> String {
    let shown: String = code.chars().take(20).collect();
    format!("Status \"{shown}\" tidak dikenal.")
}
pub(crate) fn bad_age(value: &str) -> String {
    let shown: String = value.chars().take(20).collect();
    format!("Umur \"{shown}\" harus bilangan hari 0 sampai 3650.")
}
pub(crate) fn bad_phone(reason: &str) -> String {
    format!("Nomor HP tidak valid: {reason}.")
}
pub(crate) fn too_long(label: &str) -> String {
    format!("{label} terlalu panjang (paling banyak 100 karakter) atau memuat karakter kontrol.")
}

// --- common words ---
pub(crate) const ALL: &str = "Semua";
pub(crate) const KECAMATAN: &str = "Kecamatan";
pub(crate) const DESA: &str = "Desa/Kelurahan";
pub(crate) const STATUS: &str = "Status";
pub(crate) const DOCUMENT_TYPE: &str = "Jenis dokumen";
pub(crate) const NAME: &str = "Nama";
pub(crate) const COUNT: &str = "Jumlah";
pub(crate) const TOTAL: &str = "Jumlah";
pub(crate) const DATE: &str = "Tanggal";
pub(crate) const COURIER: &str = "Kurir";
pub(crate) const OFFICER: &str = "Petugas penanda tangan";
pub(crate) const OFFICER_NIP: &str = "NIP penanda tangan";
pub(crate) const LINE: &str = "Baris";
pub(crate) const LINE_LOWER: &str = "baris";
pub(crate) const NO: &str = "No.";
pub(crate) const ADDRESS: &str = "Alamat";
pub(crate) const PRINTED_ON: &str = "Tanggal cetak";
pub(crate) const REASON: &str = "Alasan";
pub(crate) const NOTE: &str = "Catatan";
pub(crate) const PHONE: &str = "Nomor HP";
pub(crate) const EMAIL: &str = "Email";
pub(crate) const SAVE: &str = "Simpan";
pub(crate) const DELETE: &str = "Hapus";
pub(crate) const YES: &str = "Ya";
pub(crate) const NO_WORD: &str = "Tidak";
pub(crate) const WHEN: &str = "Waktu";
pub(crate) const STAFF: &str = "Petugas";
pub(crate) const ACTION: &str = "Tindakan";
pub(crate) const ACTIONS: &str = "Tindakan";
pub(crate) const DETAIL: &str = "Rincian";
pub(crate) const ROW: &str = "Baris";
pub(crate) const DAYS: &str = "Hari";
pub(crate) const PRINT: &str = "Cetak";
pub(crate) const BACK: &str = "Kembali";
pub(crate) const SHOW: &str = "Tampilkan";
pub(crate) const RESET: &str = "Hapus saringan";
pub(crate) const FROM: &str = "Dari tanggal";
pub(crate) const TO: &str = "Sampai tanggal";
pub(crate) const PREV_PAGE: &str = "← Sebelumnya";
pub(crate) const NEXT_PAGE: &str = "Berikutnya →";
pub(crate) const FIRST_PAGE: &str = "« Pertama";
pub(crate) const LAST_PAGE: &str = "Terakhir »";
pub(crate) const SELECT_ALL: &str = "Pilih semua";

// --- counts and states ---
pub(crate) const COUNT_TOTAL: &str = "Dokumen tercetak";
pub(crate) const COUNT_PER_KECAMATAN: &str = "Jumlah per kecamatan";
pub(crate) const COUNT_PER_DESA: &str = "Jumlah per desa/kelurahan";
/// A document's state in the glossary's word.
pub(crate) fn state_word(state: ItemState) -> &'static str {
    glossary::ID.item_state(state)
}
/// A printed document never put on a BA, in the glossary's word.
pub(crate) fn not_on_a_ba() -> &'static str {
    glossary::ID.not_on_a_ba()
}
pub(crate) const AVAILABLE_FILTER: &str = "Siap masuk BA (belum masuk BA atau dikembalikan)";
/// Filter values for the documents page: (code, label).
/// Whether `code` is one of [`state_filters`]' codes (checked on every documents request).
pub(crate) fn is_state_filter(code: &str) -> bool {
    matches!(code, "not_dispatched" | "available") || ItemState::parse(code).is_some()
}

pub(crate) fn state_filters() -> Vec<(&'static str, &'static str)> {
    [
        ("not_dispatched", not_on_a_ba()),
        ("available", AVAILABLE_FILTER),
    ]
    .into_iter()
    .chain(
        ItemState::ALL
            .into_iter()
            .map(|s| (s.code(), state_word(s))),
    )
    .collect()
}
pub(crate) const DOCUMENT_TYPES: &[(&str, &str)] = &[
    ("KTP-el", "KTP Elektronik"),
    ("KK", "Kartu Keluarga"),
    ("KIA", "Kartu Identitas Anak"),
    ("AKTA-LAHIR", "Akta Kelahiran"),
    ("AKTA-MATI", "Akta Kematian"),
    ("LAINNYA", "Dokumen Lainnya"),
];

pub(crate) fn state_label(code: &str) -> &'static str {
    match code {
        "not_dispatched" => not_on_a_ba(),
        code => ItemState::parse(code).map_or("—", state_word),
    }
}

pub(crate) fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "Admin",
        Role::Operator => "Operator",
        Role::Reviewer => "Peninjau",
        Role::Viewer => "Pemantau",
    }
}

// --- home ---
pub(crate) const HOME_TITLE: &str = "Ringkasan pengantaran dokumen";
pub(crate) const HOME_TODO: &str = "Pekerjaan";
pub(crate) const TODO_IMPORT: &str = "Impor daftar dokumen tercetak dari SIAK";
pub(crate) const TODO_MANIFEST: &str = "Terbitkan BA Pengiriman untuk kurir";
pub(crate) const TODO_REVIEW: &str = "Tinjau bukti pengantaran yang belum diperiksa";
pub(crate) const TODO_FOLLOWUP: &str = "Tindak lanjuti dokumen yang belum diambil";
pub(crate) fn todo_service() -> String {
    format!(
        "Lihat capaian standar layanan {} hari",
        sop::SERVICE_STANDARD_DAYS
    )
}
pub(crate) const TODO_REPORTS: &str = "Laporan per kecamatan dan periode";

// --- documents ---
pub(crate) const MIN_AGE: &str = "Umur sejak cetak ≥ (hari)";
pub(crate) const DESA_HINT: &str = "Pilih kecamatan lalu tekan Cari untuk memilih desanya.";
pub(crate) const DOCUMENT_LIST: &str = "Daftar dokumen";
pub(crate) const NO_DOCUMENTS: &str = "Tidak ada dokumen yang cocok dengan saringan ini.";

pub(crate) fn range_summary(from: u64, to: u64, total: u64) -> String {
    if total == 0 {
        "0 dokumen".to_owned()
    } else {
        format!("{from}–{to} dari {total} dokumen")
    }
}
/// `start` unknown (a link made elsewhere): how many of how many.
pub(crate) fn shown_of(shown: u64, total: u64) -> String {
    format!("{shown} dari {total} dokumen")
}
pub(crate) fn page_summary(page: u64, total: u64) -> String {
    format!("halaman {page} · {total} entri")
}
pub(crate) fn manifests_shown(n: usize) -> String {
    format!("{n} BA")
}
pub(crate) fn proofs_shown(n: usize) -> String {
    format!("{n} bukti")
}
pub(crate) fn documents_count(n: impl std::fmt::Display) -> String {
    format!("{n} dokumen")
}

// --- import ---
pub(crate) const IMPORT_TITLE: &str = "Impor dokumen tercetak";
pub(crate) const IMPORT_HINT: &str = "Unggah ekspor SIAK (CSV atau Excel .xlsx) berisi dokumen \
    yang sudah dicetak. Baris yang sudah pernah diimpor tidak akan masuk dua kali.";
pub(crate) const IMPORT_FILE: &str = "Berkas CSV atau Excel";
pub(crate) const IMPORT_BUTTON: &str = "Impor";
pub(crate) const IMPORTED: &str = "diimpor";
pub(crate) const DUPLICATES: &str = "duplikat (dilewati)";
pub(crate) const REJECTED: &str = "ditolak";
pub(crate) const REJECTED_ROWS: &str = "Baris yang ditolak";
pub(crate) const DUPLICATE_ROWS: &str = "Baris duplikat (tidak ditambahkan)";

pub(crate) fn import_result_title(file: &str) -> String {
    let shown: String = file.chars().take(80).collect();
    format!("Hasil impor {shown}")
}
pub(crate) fn row_reason(row: usize, reason: &str) -> String {
    format!("baris {row}: {reason}")
}
pub(crate) fn more_duplicates(n: usize) -> String {
    format!("… dan {n} baris duplikat lainnya")
}

// --- BA ---
pub(crate) const BA_SHORT: &str = "BA";
pub(crate) const BA_NUMBER: &str = "Nomor BA";
pub(crate) const BA_LINE: &str = "Baris BA";
/// A card a recording team handed collectively to the aparat pekon, waiting there.
/// Before a count that is part of the previous column's ("of which …").
pub(crate) const INCLUDING: &str = "— di antaranya";
pub(crate) const AT_PEKON: &str = "Diserahkan ke aparat pekon";
/// A delivered card a courier left with a village official or the RT head, in the glossary's
/// words.
pub(crate) fn left_with_official() -> &'static str {
    glossary::ID.outcome(OutcomeKind::LeftWithOfficial)
}
/// Where a delivered card on the follow-up list waits for its owner: handed collectively to
/// the aparat pekon, or left with an official by the courier; `None` for one at the office.
pub(crate) fn held_by_official(row: &crate::store::FollowUpRow) -> Option<&'static str> {
    if row.collective_on.is_some() {
        Some(AT_PEKON)
    } else if row.entrusted_on.is_some() {
        Some(left_with_official())
    } else {
        None
    }
}
pub(crate) const BA_TITLE: &str = "BERITA ACARA PENGIRIMAN DOKUMEN KEPENDUDUKAN";
pub(crate) const NUMBER: &str = "Nomor";
pub(crate) const NEW_MANIFEST: &str = "Terbitkan BA Pengiriman";
pub(crate) const NO_MANIFESTS: &str = "Belum ada BA Pengiriman.";
pub(crate) const NO_COURIERS: &str = "Belum ada kurir. Admin menambahkannya di halaman Kurir.";
pub(crate) const CHOOSE_DOCUMENTS: &str = "Pilih dokumen";
pub(crate) const CHOOSE_HINT: &str = "Centang satu kecamatan utuh atau desa tertentu. Yang \
    dimasukkan hanya dokumen yang belum ada di BA yang masih berjalan.";
pub(crate) const NOTHING_TO_DISPATCH: &str =
    "Semua dokumen sudah ada di BA. Impor dokumen baru dulu.";
pub(crate) const ISSUE_MANIFEST: &str = "Terbitkan BA";
pub(crate) const PRINT_MANIFEST: &str = "Cetak BA (A4)";
pub(crate) const HANDED_OVER_BY: &str = "Yang Menyerahkan,";
pub(crate) const RECEIVED_BY: &str = "Yang Menerima,";
pub(crate) const COURIER_POS: &str = "Kurir PT Pos Indonesia";
pub(crate) const ID_NUMBER: &str = "No. ID";
pub(crate) const QR_CAPTION: &str = "Pindai dengan aplikasi Antar";
pub(crate) const RETURNS_TITLE: &str = "BA Pengembalian";
pub(crate) const FROM_MANIFEST: &str = "Dari BA Pengiriman";
pub(crate) const RETURN_TITLE: &str = "Terbitkan BA Pengembalian";
pub(crate) const RETURN_PAPER_TITLE: &str = "BERITA ACARA PENGEMBALIAN DOKUMEN KEPENDUDUKAN";
pub(crate) const NO_FAILED_ITEMS: &str = "Tidak ada dokumen gagal antar di BA ini.";
pub(crate) const ISSUE_RETURN: &str = "Terbitkan BA Pengembalian";
/// The signer's NIP when the BA has none kept (issued before NIPs were asked): written by hand.
pub(crate) const NIP_BLANK: &str = "........................";

pub(crate) fn manifest_summary(date: &str, courier: &str, officer: &str) -> String {
    format!(
        "Tanggal {}, kurir {courier}, ditandatangani {officer}.",
        date_id(date)
    )
}
pub(crate) fn make_return(failed: usize) -> String {
    format!("BA Pengembalian ({failed} gagal)")
}
/// The BA's opening; `day` is the BA's date (`2026-12-05`), a day of the office's calendar.
pub(crate) fn ba_opening(day: &str, courier: &str, n: usize) -> String {
    format!(
        "Pada hari ini {}, Dinas Kependudukan dan Pencatatan Sipil Kabupaten Tanggamus \
         menyerahkan {n} dokumen kependudukan tercetak kepada {courier} untuk diantarkan \
         kepada pemiliknya, dengan rincian sebagai berikut:",
        on_day(day)
    )
}
pub(crate) fn return_opening(day: &str, courier: &str, ba: &str, n: usize) -> String {
    format!(
        "Pada hari ini {}, {courier} mengembalikan kepada Dinas Kependudukan dan Pencatatan \
         Sipil Kabupaten Tanggamus {n} dokumen dari BA Pengiriman nomor {ba} yang tidak dapat \
         diantarkan, dengan rincian sebagai berikut:",
        on_day(day)
    )
}
/// The sentence before the signatures of every printed BA.
pub(crate) const BA_CLOSING: &str =
    "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.";
/// Page marks in the printed BA's margins: `hal. 2 dari 4`.
pub(crate) const PAGE_WORD: &str = "hal.";
pub(crate) const OF_PAGES_WORD: &str = "dari";

// --- proof review ---
pub(crate) const PROOF_TITLE: &str = "Tinjau bukti pengantaran";
pub(crate) const UNREVIEWED: &str = "Belum ditinjau";
pub(crate) const ALL_PROOFS: &str = "Semua bukti";
pub(crate) const NO_PROOFS: &str = "Tidak ada bukti yang menunggu tinjauan.";
pub(crate) const RECORDED_AT: &str = "Dicatat di HP";
pub(crate) const RECEIVED_AT: &str = "Diterima kantor";
pub(crate) const OUTCOME: &str = "Hasil";
pub(crate) const ACCURACY: &str = "Akurasi GPS";
pub(crate) const PHOTO: &str = "Foto";
pub(crate) const PHOTO_ALT: &str = "Foto bukti pengantaran";
pub(crate) const PHOTO_PENDING: &str = "Foto belum selesai diunggah dari HP kurir.";
pub(crate) const PHOTO_NONE: &str = "Percobaan ini tidak disertai foto.";
pub(crate) const VERDICT: &str = "Putusan kantor";
pub(crate) const MAP_TITLE: &str = "Lokasi";
pub(crate) const MAP_CAPTION: &str =
    "Batas desa sesuai alamat KTP; titik merah = posisi GPS, lingkaran = akurasinya.";
pub(crate) const MAP_MISSING: &str = "Batas desa ini belum tersedia.";
pub(crate) const DEVICE_SAYS: &str = "Menurut HP kurir";
pub(crate) const OFFICE_CHECKS: &str = "Pemeriksaan kantor";
pub(crate) const RECIPIENT: &str = "Penerima";
pub(crate) const GPS: &str = "Koordinat GPS";
pub(crate) const MOCK: &str = "Lokasi palsu (mock)";
pub(crate) const PHOTO_HASH: &str = "Keutuhan foto (SHA-256)";
pub(crate) const PLACE_CHECK: &str = "Tempat";
pub(crate) const TIME_CHECK: &str = "Waktu";
pub(crate) const CHAIN_CHECK: &str = "Rantai bukti";
pub(crate) const NOT_CHECKED: &str = "Belum ada pemeriksaan kantor untuk catatan ini";
pub(crate) const BA_BINDING: &str = "Keterikatan pada BA";
pub(crate) const BA_BOUND: &str = "Bukti menyebut BA yang diterbitkan kantor ini";
pub(crate) const BA_NOT_BOUND: &str = "Bukti menyebut BA lain atau BA yang diubah";
pub(crate) const WARNING: &str = "Peringatan";
pub(crate) const ITEM_STATE: &str = "Status dokumen kini";
pub(crate) const REVIEW_NOTE: &str = "Catatan peninjau (wajib bila ditandai)";
pub(crate) const FLAG_RULE: &str = "Bila penyerahan yang tercatat ditandai bermasalah, dokumen \
    kembali ke daftar kurir sebagai \"Di kurir\" untuk diantar ulang.";
pub(crate) const ACCEPT: &str = "Setujui bukti";
pub(crate) const FLAG: &str = "Tandai bermasalah";

pub(crate) fn outcome_label(outcome: &str, reason: Option<&str>) -> String {
    match OutcomeKind::parse(outcome) {
        Some(OutcomeKind::Failed) => format!(
            "{}: {}",
            glossary::ID.outcome(OutcomeKind::Failed),
            reason_label(reason)
        ),
        Some(kind) => glossary::ID.outcome(kind).to_owned(),
        None => outcome.to_owned(),
    }
}
pub(crate) fn reason_label(reason: Option<&str>) -> String {
    let Some(code) = reason else {
        return "—".to_owned();
    };
    // The note is not shown here; any text lets `other` parse.
    FailureReason::parse(code, Some("-")).map_or_else(
        |_| code.to_owned(),
        |r| glossary::ID.failure_reason(&r).to_owned(),
    )
}
/// Who took the card, by the outcome: a family member's relationship to the owner, or an
/// official's position.
pub(crate) fn recipient_role_label(
    outcome: &str,
    relationship: Option<&str>,
    position: Option<&str>,
) -> String {
    match OutcomeKind::parse(outcome) {
        Some(OutcomeKind::LeftWithOfficial) => position_label(position),
        _ => relationship_label(relationship),
    }
}
pub(crate) fn position_label(code: Option<&str>) -> String {
    code.and_then(|c| OfficialPosition::parse(c).ok())
        .map_or_else(
            || "—".to_owned(),
            |p| glossary::ID.official_position(p).to_owned(),
        )
}
pub(crate) fn relationship_label(code: Option<&str>) -> String {
    code.and_then(|c| Relationship::parse(c).ok()).map_or_else(
        || "—".to_owned(),
        |r| glossary::ID.relationship(r).to_owned(),
    )
}
pub(crate) fn verdict_label(verdict: Option<&str>) -> &'static str {
    match verdict {
        Some("accepted") => "Disetujui",
        Some("flagged") => "Bermasalah",
        _ => "Belum ditinjau",
    }
}
pub(crate) fn accuracy(metres: Option<f64>) -> String {
    metres.map_or_else(|| "—".to_owned(), |m| format!("± {m:.0} m"))
}
pub(crate) fn fix_text(lat: Option<f64>, lon: Option<f64>) -> String {
    match (lat, lon) {
        (Some(lat), Some(lon)) => format!("{lat:.5}, {lon:.5}"),
        _ => "Tidak ada posisi GPS".to_owned(),
    }
}
pub(crate) fn mock_label(mock: Option<bool>) -> &'static str {
    match mock {
        Some(true) => "Ya — HP melaporkan lokasi palsu",
        Some(false) => "Tidak",
        None => "—",
    }
}
pub(crate) fn photo_hash_label(has_photo: bool, complete: bool) -> &'static str {
    match (has_photo, complete) {
        (true, true) => "Cocok: diperiksa kantor saat foto diterima",
        (true, false) => "Belum dapat diperiksa: foto belum lengkap",
        (false, _) => "Tidak ada foto",
    }
}
/// The office's place verdict, with the distance when there is one.
pub(crate) fn place_verdict(verdict: &PlaceVerdict) -> String {
    match verdict {
        PlaceVerdict::Near { distance_m } => {
            format!(
                "{} ({distance_m:.0} m dari batas)",
                glossary::ID.place_verdict(verdict)
            )
        }
        PlaceVerdict::Elsewhere {
            found: Some(code),
            distance_m,
        } => {
            let name = Registry::tanggamus()
                .get(code)
                .map_or_else(|| code.to_string(), |r| r.name.clone());
            format!(
                "{}: {name} ({distance_m:.0} m dari desa alamat)",
                glossary::ID.place_verdict(verdict)
            )
        }
        PlaceVerdict::Elsewhere { distance_m, .. } => format!(
            "{}: di luar Kabupaten Tanggamus ({distance_m:.0} m dari desa alamat)",
            glossary::ID.place_verdict(verdict)
        ),
        _ => glossary::ID.place_verdict(verdict).to_owned(),
    }
}

/// What the device claimed, and whether the office agrees.
pub(crate) fn place_claim(device: Option<&PlaceVerdict>, agrees: Option<bool>) -> String {
    match (device, agrees) {
        (Some(claim), Some(true)) => {
            format!("ponsel: {} — sama", glossary::ID.place_verdict(claim))
        }
        (Some(claim), _) => format!(
            "ponsel: {} — TIDAK SAMA dengan kantor",
            glossary::ID.place_verdict(claim)
        ),
        (None, _) => "ponsel tidak mengirim penilaian tempat".to_owned(),
    }
}

pub(crate) fn time_verdict(verdict: &TimeVerdict) -> String {
    match verdict {
        TimeVerdict::Consistent { earliest, latest }
        | TimeVerdict::OutsideWindow {
            earliest, latest, ..
        } => format!(
            "{} (jendela {} – {})",
            glossary::ID.time_verdict(verdict),
            local_time(earliest),
            local_time(latest)
        ),
        _ => glossary::ID.time_verdict(verdict).to_owned(),
    }
}

pub(crate) fn chain_verdict(verdict: &ChainVerdict) -> String {
    match verdict {
        ChainVerdict::Missing { previous_seq } => {
            format!(
                "{} (nomor urut {previous_seq} belum diterima)",
                glossary::ID.chain_verdict(verdict)
            )
        }
        _ => glossary::ID.chain_verdict(verdict).to_owned(),
    }
}

/// The photo's integrity and whether it is a proof photo.
pub(crate) fn photo_check(has_photo: bool, complete: bool, proof_check: Option<&str>) -> String {
    match (has_photo, complete, proof_check) {
        (true, true, Some("ok") | None) => photo_hash_label(true, true).to_owned(),
        (true, true, Some(why)) => format!("Hash cocok, tetapi bukan foto bukti: {why}"),
        _ => photo_hash_label(has_photo, complete).to_owned(),
    }
}

// --- follow-up ---
pub(crate) fn followup_rule() -> String {
    format!(
        "Dokumen yang dikembalikan ke kantor dan belum diambil dalam {} hari ditindaklanjuti \
         dengan aparat pekon (telepon, WhatsApp, email). Hari dihitung sejak dokumen kembali ke \
         kantor; dokumen yang gagal diantar dan masih di kurir belum dihitung.",
        sop::FOLLOW_UP_AFTER_DAYS
    )
}
pub(crate) const WITH_COURIER: &str = "Masih di kurir";
pub(crate) fn followup_not_started() -> String {
    format!(
        "Dokumen masih di kurir; batas {} hari dihitung sejak dokumen kembali ke kantor.",
        sop::FOLLOW_UP_AFTER_DAYS
    )
}
pub(crate) const NO_FOLLOWUPS: &str = "Tidak ada dokumen yang perlu ditindaklanjuti.";
pub(crate) const KEPT_SINCE: &str = "Disimpan sejak";
pub(crate) const DAYS_KEPT: &str = "Hari";
pub(crate) fn due() -> String {
    format!("Batas {} hari", sop::FOLLOW_UP_AFTER_DAYS)
}
pub(crate) const OVERDUE: &str = "LEWAT";
pub(crate) const LAST_CONTACT: &str = "Kontak terakhir";
pub(crate) const FOLLOWUP_OF: &str = "Tindak lanjut:";
pub(crate) const CONTACTS_OF_DESA: &str = "Aparat pekon desa ini";
pub(crate) const NO_CONTACTS: &str = "Belum ada kontak aparat pekon.";
pub(crate) const ADD_CONTACT: &str = "Tambah kontak";
pub(crate) const CONTACT_ROLE: &str = "Jabatan";
pub(crate) const REACH: &str = "Hubungi";
pub(crate) const CALL: &str = "Telepon";
pub(crate) const LOG_CONTACT: &str = "Catat kontak";
pub(crate) const CONTACT_PERSON: &str = "Yang dihubungi";
pub(crate) const CHANNEL: &str = "Saluran";
pub(crate) const FOLLOWUP_OUTCOME: &str = "Hasil kontak";
pub(crate) const CONTACT_LOG: &str = "Riwayat kontak";
pub(crate) const NO_LOG: &str = "Belum ada kontak tercatat.";
pub(crate) const CONTACTS_HINT: &str = "Aparat pekon (kepala pekon, sekretaris, kaur) yang \
    dihubungi bila dokumen kolektif desanya belum diambil.";
pub(crate) const CONTACT_LIST: &str = "Daftar kontak";
pub(crate) const ROLE_EXAMPLE: &str = "mis. Kepala Pekon";

pub(crate) fn channel_label(channel: FollowUpChannel) -> &'static str {
    glossary::ID.follow_up_channel(channel)
}
pub(crate) fn channel_label_of(code: &str) -> &'static str {
    FollowUpChannel::parse(code).map_or("—", channel_label)
}
pub(crate) fn followup_outcome_label(outcome: FollowUpOutcome) -> &'static str {
    glossary::ID.follow_up_outcome(outcome)
}
pub(crate) fn followup_outcome_label_of(code: Option<&str>) -> &'static str {
    code.and_then(FollowUpOutcome::parse)
        .map_or(glossary::ID.not_contacted(), followup_outcome_label)
}
pub(crate) fn followup_summary(n: usize, overdue: usize) -> String {
    format!(
        "{n} dokumen menunggu diambil, {overdue} lewat {} hari.",
        sop::FOLLOW_UP_AFTER_DAYS
    )
}
pub(crate) fn followup_timing(since: &str, days: i64, due: &str) -> String {
    format!("Disimpan sejak {since} ({days} hari); batas tindak lanjut {due}.")
}

// --- service standard and reports ---
pub(crate) fn service_rule() -> String {
    format!(
        "Standar layanan: dokumen sampai ke pemiliknya paling lama {} hari sejak dicetak. Hari \
         dihitung dari tanggal cetak sampai tanggal diterima (WIB); setiap dokumen tercetak \
         dihitung, sudah masuk BA atau belum.",
        sop::SERVICE_STANDARD_DAYS
    )
}
pub(crate) const PER_KECAMATAN: &str = "Per kecamatan";
pub(crate) const PER_COURIER: &str = "Per kurir";
pub(crate) fn on_time() -> String {
    format!("≤ {} hari", sop::SERVICE_STANDARD_DAYS)
}
pub(crate) const SHARE_ON_TIME: &str = "% tepat waktu";
pub(crate) const AVERAGE_DAYS: &str = "Rata-rata hari";
pub(crate) fn open_late() -> String {
    format!("Belum diserahkan > {} hari", sop::SERVICE_STANDARD_DAYS)
}
pub(crate) const NO_LATE: &str = "Tidak ada dokumen yang terlambat.";
pub(crate) const DELIVERED_LATE: &str = "Diserahkan terlambat";
pub(crate) const NOT_YET_DELIVERED: &str = "Belum diserahkan";
pub(crate) const DOWNLOAD_XLSX: &str = "Unduh Excel (.xlsx)";
pub(crate) const REPORT_XLSX_TITLE: &str =
    "Laporan pengantaran dokumen kependudukan — Disdukcapil Kabupaten Tanggamus";
/// The period report's columns, the states by the glossary's words.
pub(crate) fn report_columns() -> [String; 10] {
    let state = |s| state_word(s).to_owned();
    [
        "Kode wilayah".to_owned(),
        "Kecamatan".to_owned(),
        "Tercetak".to_owned(),
        not_on_a_ba().to_owned(),
        state(ItemState::Pending),
        state(ItemState::Delivered),
        // Counted in the delivered ones, in its own words.
        format!("{INCLUDING} {}", left_with_official()),
        state(ItemState::Failed),
        state(ItemState::Returned),
        format!("{} {}", state(ItemState::Delivered), on_time()),
    ]
}

pub(crate) fn late_title(n: u64) -> String {
    format!(
        "Melewati standar {} hari ({n} dokumen)",
        sop::SERVICE_STANDARD_DAYS
    )
}
pub(crate) fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%").replace('.', ","))
}
pub(crate) fn days_avg(days: Option<f64>) -> String {
    days.map_or_else(|| "—".to_owned(), |d| format!("{d:.1}").replace('.', ","))
}
pub(crate) fn period_label(from: &str, to: &str) -> String {
    match (from.is_empty(), to.is_empty()) {
        (true, true) => "Periode: semua tanggal cetak".to_owned(),
        (false, true) => format!("Periode: dicetak sejak {}", date_id(from)),
        (true, false) => format!("Periode: dicetak sampai {}", date_id(to)),
        (false, false) => format!("Periode: dicetak {} sampai {}", date_id(from), date_id(to)),
    }
}

// --- users, couriers, audit ---
pub(crate) const DISPLAY_NAME: &str = "Nama lengkap";
pub(crate) const ROLE: &str = "Peran";
pub(crate) const ACTIVE: &str = "Aktif";
pub(crate) const INACTIVE: &str = "Nonaktif";
pub(crate) const ACTIVATE: &str = "Aktifkan";
pub(crate) const DEACTIVATE: &str = "Nonaktifkan";
pub(crate) const NEW_PASSWORD: &str = "Kata sandi baru";
pub(crate) const SET_PASSWORD: &str = "Ganti sandi";
pub(crate) const ADD_USER: &str = "Tambah pengguna";
pub(crate) const ADD_COURIER: &str = "Tambah kurir";
pub(crate) const CHANGE_ROLE: &str = "Ubah peran";
pub(crate) const FIELD_ROLE_HINT: &str = "Kurir membawa BA Pengiriman; tim perekaman ikut \
     kunjungan keliling. Perubahan peran berlaku untuk BA dan kunjungan berikutnya.";
pub(crate) const UNKNOWN_FIELD_ROLE: &str = "Peran petugas tidak dikenal; pilih dari daftar.";
pub(crate) const DEVICES: &str = "HP terdaftar";
pub(crate) const NEW_CODE: &str = "Kode pendaftaran baru";
pub(crate) const PHONES: &str = "HP kurir";
pub(crate) const PHONES_HINT: &str = "HP yang dicabut tidak bisa mengunduh BA lagi. Selama masa \
     unggah, catatan antaran yang sudah direkam di HP itu masih diterima; akhiri masa unggah bila \
     HP dicuri.";
pub(crate) const DEVICE_LABEL: &str = "Label HP";
pub(crate) const ENROLLED_AT: &str = "Terdaftar";
pub(crate) const REVOKE_DEVICE: &str = "Cabut HP";
pub(crate) const REVOKE_WITHOUT_GRACE: &str = "tanpa masa unggah (HP dicuri)";
pub(crate) const END_UPLOADS: &str = "Akhiri masa unggah";
pub(crate) const DEACTIVATE_COURIER: &str = "Nonaktifkan kurir";
pub(crate) const UNKNOWN_DEVICE: &str = "HP tidak ditemukan; pilih HP dari daftar.";
pub(crate) const AUDIT_HINT: &str = "Setiap tindakan petugas tercatat di sini, tanpa data pribadi warga: dokumen dan bukti disebut \
     dengan nomornya.";

pub(crate) fn enrollment_code_for(name: &str) -> String {
    format!("Kode pendaftaran HP untuk {name}:")
}
pub(crate) const CANCEL_BA: &str = "Batalkan BA ini";
pub(crate) const CANCEL_REASON: &str = "Alasan pembatalan";
pub(crate) const CANCEL_BA_HINT: &str = "Hanya selama kurir belum menghitung dan menerima \
    dokumennya dan belum ada catatan antar. Dokumennya kembali ke antrean kantor untuk BA lain; \
    catatan yang masih datang dari HP kurir tetap diterima dan ditandai untuk diperiksa.";
pub(crate) fn cancelled_by(at: &str, by: &str, reason: &str) -> String {
    format!("BA ini dibatalkan {at} oleh {by}: «{reason}». Dokumennya kembali ke antrean kantor.")
}
pub(crate) fn cancel_refused(why: &str) -> String {
    format!("BA ini tidak bisa dibatalkan: {why}.")
}
pub(crate) const LAST_CONTACT_PHONE: &str = "Kontak terakhir";
pub(crate) const STILL_ON_PHONE: &str = "Belum terkirim dari HP";
pub(crate) const NEVER: &str = "Belum pernah";
pub(crate) const NOT_REPORTED: &str = "Tidak dilaporkan (aplikasi versi lama)";
pub(crate) fn still_on_phone(events: u64, photos: u64) -> String {
    if events + photos == 0 {
        "Semua sudah terkirim".to_owned()
    } else {
        format!("{events} catatan, {photos} foto")
    }
}
pub(crate) fn reported_at(when: &str) -> String {
    format!("dilaporkan HP {when}")
}
pub(crate) const ENROLL_QR_HINT: &str = "Atau pindai kode QR ini dengan aplikasi Antar di HP \
    kurir (atau tempel tautan di bawahnya ke kolom alamat kantor): alamat kantor dan kodenya \
    terisi sendiri.";
pub(crate) fn enrollment_code_hint(days: i64) -> String {
    format!("Sekali pakai, berlaku {days} hari. Catat sekarang: kode ini tidak ditampilkan lagi.")
}

// --- dates and personal data ---
const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// `2026-11-26` → `26 November 2026`; anything else unchanged.
pub(crate) fn date_id(iso: &str) -> String {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(day) => {
            use chrono::Datelike;
            let month = MONTHS
                .get(usize::try_from(day.month0()).unwrap_or(0))
                .copied()
                .unwrap_or("");
            format!("{} {month} {}", day.day(), day.year())
        }
        Err(_) => iso.to_owned(),
    }
}

const WEEKDAYS: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];

/// `2026-12-05` → `Sabtu, tanggal 5 Desember 2026`, as a BA's opening names its day; anything
/// else unchanged.
pub(crate) fn on_day(iso: &str) -> String {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(day) => {
            use chrono::Datelike;
            let weekday = WEEKDAYS
                .get(usize::try_from(day.weekday().num_days_from_monday()).unwrap_or(0))
                .copied()
                .unwrap_or("");
            format!("{weekday}, tanggal {}", date_id(iso))
        }
        Err(_) => iso.to_owned(),
    }
}

/// A time as the office reads it (WIB).
pub(crate) fn local_time(at: &DateTime<Utc>) -> String {
    let wib = at.with_timezone(&sop::wib());
    format!(
        "{} {} WIB",
        date_id(&wib.date_naive().to_string()),
        wib.format("%H:%M")
    )
}

/// [`local_time`] of a stored RFC 3339 text.
pub(crate) fn local_time_text(stored: &str) -> String {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(t) => local_time(&t.with_timezone(&Utc)),
        Err(_) => local_day(stored).map_or_else(|| stored.to_owned(), |d| d.to_string()),
    }
}

/// A NIK with its middle hidden, as lists show it.
pub(crate) fn mask_nik(nik: &str) -> String {
    antar_domain::nik::Nik::parse(nik)
        .map(|n| n.masked())
        .unwrap_or_else(|_| "****************".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ba_names_its_day_with_the_weekday() {
        assert_eq!(on_day("2026-12-05"), "Sabtu, tanggal 5 Desember 2026");
        assert_eq!(on_day("2026-12-07"), "Senin, tanggal 7 Desember 2026");
        assert_eq!(on_day("2027-01-03"), "Minggu, tanggal 3 Januari 2027");
        assert!(
            ba_opening("2026-12-05", "Budi", 49)
                .starts_with("Pada hari ini Sabtu, tanggal 5 Desember 2026, Dinas")
        );
    }

    #[test]
    fn the_state_check_takes_exactly_the_filters_offered() {
        for (code, _) in state_filters() {
            assert!(is_state_filter(code), "{code}");
        }
        for code in ["", "Delivered", "sent", "not_dispatched "] {
            assert!(!is_state_filter(code), "{code:?}");
        }
    }
}
