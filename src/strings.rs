//! Every word the courier reads, in Bahasa Indonesia first and English second. Screens take
//! a `&Strings` and never spell a sentence themselves; the two tables are checked to have
//! the same placeholders by a test.

use antar_device::DeviceError;
use antar_domain::attempt::{FailureReason, OfficialPosition, Relationship};
use antar_domain::document::DocumentType;
use antar_domain::glossary::{self, Words};
use antar_domain::place::{PlaceVerdict, UnusableReason};
use antar_domain::state::ItemState;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Id => &ID,
            Lang::En => &EN,
        }
    }

    /// The language's name in itself, for the settings list.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Id => "Bahasa Indonesia",
            Lang::En => "English",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// Fills `{name}` placeholders: `fill("{n} dokumen", &[("n", "5")])`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

macro_rules! strings {
    ($name:ident { $($field:ident),* $(,)? }) => {
        /// One language's words. A field per sentence; `{x}` marks a value filled by [`fill`].
        #[derive(Debug)]
        pub struct $name {
            pub lang: Lang,
            $(pub $field: &'static str,)*
        }

        impl $name {
            /// Every entry with its field name, for the completeness test.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field),)*]
            }
        }
    };
}

strings! { Strings {
    app_name, app_tagline, back, loading, cancel, close,
    nav_manifests, nav_sync, nav_settings,
    offline_banner, outbox_badge,
    enroll_title, enroll_intro, enroll_office_url, enroll_office_url_hint, enroll_code,
    enroll_code_hint, enroll_submit, enroll_working, enroll_done, enroll_unsent,
    manifests_title, manifests_empty, manifests_pull, manifests_pulling, manifests_pulled,
    manifest_documents,
    manifest_issued, items_search, items_search_hint, items_count, items_shown, items_more,
    items_none, items_only_to_deliver, items_desa_count, item_title, item_nik,
    item_call, item_whatsapp,
    item_map, item_record, item_line, item_printed, item_done_already,
    attempt_title, attempt_outcome, reason_other, attempt_recipient, attempt_recipient_hint,
    attempt_relationship, attempt_choose, attempt_reason, attempt_note, attempt_note_hint,
    attempt_photo, attempt_photo_take, attempt_photo_path,
    attempt_photo_chosen, attempt_photo_none, attempt_photo_preview, attempt_note_add, attempt_gps, attempt_gps_waiting,
    attempt_gps_accuracy, attempt_gps_wait_better, attempt_gps_good_enough, attempt_gps_manual,
    attempt_gps_lat, attempt_gps_lon, attempt_gps_acc, attempt_gps_use, attempt_place,
    attempt_place_hint, attempt_save, attempt_saving, attempt_saved,
    attempt_need_outcome, attempt_need_recipient, attempt_need_relationship, attempt_need_reason,
    attempt_need_note, attempt_need_photo, attempt_official, attempt_official_hint,
    attempt_position, attempt_need_official, attempt_need_position, attempt_change, attempt_gps_bad_number,
    sync_title, sync_outbox, sync_outbox_empty, sync_photos, sync_rejected, sync_retry_rejected,
    sync_now, sync_running, sync_progress_events, sync_progress_photo, sync_done, sync_receipts,
    sync_last_contact, sync_never, sync_auto, sync_clock_offset,
    settings_title, settings_office, settings_office_save, settings_office_saved,
    settings_language, settings_photo, photo_small, photo_standard, photo_sharp,
    settings_reenroll, settings_about, about_title, about_text, about_privacy, about_data, about_version,
    err_offline, err_rejected, err_protocol, err_not_enrolled, err_not_found, err_invalid,
    err_storage,
} }

// The recording teams' screens have their own table; declared after the macro, which it uses.
mod custody;
mod send;
mod visits;
pub use custody::CustodyStrings;
pub use send::SendStrings;
pub use visits::VisitStrings;

pub static ID: Strings = Strings {
    lang: Lang::Id,
    app_name: "Antar",
    app_tagline: "Antar dokumen kependudukan ke rumah warga",
    back: "Kembali",
    loading: "Memuat…",
    cancel: "Batal",
    close: "Tutup",
    nav_manifests: "BA saya",
    nav_sync: "Kirim",
    nav_settings: "Pengaturan",
    offline_banner: "Tidak ada sambungan ke kantor. Semua catatan aman di ponsel.",
    outbox_badge: "{n} menunggu dikirim",
    enroll_title: "Daftarkan ponsel ini",
    enroll_intro: "Masukkan alamat kantor Disdukcapil dan kode pendaftaran yang diberikan petugas, atau tempel tautan pendaftaran dari kantor (antar://daftar…) di kolom alamat.",
    enroll_office_url: "Alamat kantor",
    enroll_office_url_hint: "contoh: https://antar.tanggamus.go.id",
    enroll_code: "Kode pendaftaran",
    enroll_code_hint: "kode dari petugas kantor",
    enroll_unsent: "Masih ada {n} catatan yang belum diterima kantor. Catatan itu tetap dikirim dengan pendaftaran baru di kantor yang sama, juga bila ponsel ini dipakai kurir lain.",
    enroll_submit: "Daftar",
    enroll_working: "Mendaftar…",
    enroll_done: "Terdaftar sebagai {name}.",
    manifests_title: "BA Pengiriman saya",
    manifests_empty: "Belum ada BA di ponsel ini. Tekan «Unduh BA» saat ada sinyal.",
    manifests_pull: "Unduh BA",
    manifests_pulling: "Mengunduh BA…",
    manifests_pulled: "BA diperbarui: {new} baru, {updated} diperbarui.",
    manifest_documents: "{n} dokumen",
    manifest_issued: "Tanggal BA",
    items_search: "Cari",
    items_search_hint: "Nama, atau angka terakhir NIK",
    items_count: "{n} dokumen",
    items_shown: "Menampilkan {shown} dari {n}",
    items_more: "Tampilkan {n} lagi",
    items_none: "Tidak ada dokumen yang cocok.",
    items_only_to_deliver: "Belum diantar saja",
    items_desa_count: "{done}/{n} selesai",
    item_title: "Dokumen",
    item_nik: "NIK",
    item_call: "Telepon",
    item_whatsapp: "WhatsApp",
    item_map: "Peta desa",
    item_record: "Catat pengantaran",
    item_line: "Baris {n} di BA",
    item_printed: "Dicetak",
    item_done_already: "Dokumen ini sudah selesai; tidak perlu dicatat lagi.",
    attempt_title: "Catat hasil",
    attempt_outcome: "Hasil",
    reason_other: "Lainnya",
    attempt_recipient: "Nama penerima",
    attempt_recipient_hint: "nama anggota keluarga yang menerima",
    attempt_relationship: "Hubungan dengan pemilik",
    attempt_choose: "— pilih —",
    attempt_reason: "Alasan gagal",
    attempt_note: "Keterangan",
    attempt_note_hint: "tulis singkat apa yang terjadi",
    attempt_photo: "Foto bukti",
    attempt_photo_take: "Ambil foto",
    attempt_photo_path: "Atau ketik lokasi berkas foto",
    attempt_photo_chosen: "Foto dipilih: {name}",
    attempt_photo_none: "Belum ada foto",
    attempt_photo_preview: "Foto yang diambil",
    attempt_note_add: "Tambah keterangan",
    attempt_gps: "Posisi GPS",
    attempt_gps_waiting: "Menunggu posisi…",
    attempt_gps_accuracy: "Akurasi ±{m} m",
    attempt_gps_wait_better: "Tunggu akurasi lebih baik",
    attempt_gps_good_enough: "Akurasi sudah cukup baik",
    attempt_gps_manual: "Ketik posisi",
    attempt_gps_lat: "Lintang",
    attempt_gps_lon: "Bujur",
    attempt_gps_acc: "Akurasi (m)",
    attempt_gps_use: "Pakai posisi ini",
    attempt_place: "Cek lokasi",
    attempt_place_hint: "Dibandingkan dengan desa di alamat KTP.",
    attempt_save: "Simpan",
    attempt_saving: "Menyimpan…",
    attempt_saved: "Tersimpan di ponsel. Akan dikirim ke kantor saat ada sinyal.",
    attempt_need_outcome: "Pilih hasil pengantaran.",
    attempt_need_recipient: "Isi nama penerima.",
    attempt_need_relationship: "Pilih hubungan penerima dengan pemilik.",
    attempt_need_reason: "Pilih alasan gagal.",
    attempt_need_note: "Tulis keterangan untuk alasan «Lainnya».",
    attempt_need_photo: "Foto bukti wajib untuk dokumen yang diterima.",
    attempt_official: "Nama aparat yang menerima",
    attempt_official_hint: "nama kepala pekon, kadus atau ketua RT",
    attempt_position: "Jabatan",
    attempt_need_official: "Isi nama aparat yang menerima.",
    attempt_need_position: "Pilih jabatan aparat yang menerima.",
    attempt_change: "Ganti",
    attempt_gps_bad_number: "Posisi tidak sah: {reason}",
    sync_title: "Kirim ke kantor",
    sync_outbox: "{n} catatan menunggu dikirim",
    sync_outbox_empty: "Semua catatan sudah diterima kantor.",
    sync_photos: "{n} foto ({kb} KB)",
    sync_rejected: "{n} catatan ditolak kantor",
    sync_retry_rejected: "Kirim ulang yang ditolak",
    sync_now: "Kirim sekarang",
    sync_running: "Mengirim…",
    sync_progress_events: "Catatan {sent} dari {total}",
    sync_progress_photo: "Foto {i} dari {n}: {done} dari {total} KB",
    sync_done: "Dikirim ke kantor: {events} catatan, {photos} foto. Diterima kantor: {receipts} tanda terima.",
    sync_receipts: "Tanda terima dari kantor: {n}",
    sync_last_contact: "Kontak terakhir dengan kantor: {time}",
    sync_never: "Belum pernah terhubung ke kantor.",
    sync_auto: "Dikirim otomatis setiap kali kantor bisa dihubungi.",
    sync_clock_offset: "Jam ponsel selisih {s} detik dari jam kantor.",
    settings_title: "Pengaturan",
    settings_office: "Alamat kantor",
    settings_office_save: "Simpan alamat",
    settings_office_saved: "Alamat kantor disimpan.",
    settings_language: "Bahasa",
    settings_photo: "Ukuran foto bukti",
    photo_small: "Hemat (paling besar 60 KB) — sinyal lemah",
    photo_standard: "Standar (paling besar 120 KB)",
    photo_sharp: "Tajam (paling besar 250 KB) — sinyal kuat",
    settings_reenroll: "Daftar ulang ponsel ini",
    settings_about: "Tentang Antar",
    about_title: "Tentang Antar",
    about_text: "Antar mencatat setiap pengantaran dokumen kependudukan — dengan foto dan posisi GPS — dan mengirim buktinya ke kantor Disdukcapil. Bekerja tanpa sinyal.",
    about_privacy: "NIK, nama, alamat dan foto adalah data pribadi (UU 27/2022). Hanya yang dibutuhkan kurir yang ditampilkan; data tersimpan di ponsel sampai kantor menerimanya.",
    about_data: "Batas desa: Kemendagri (kode wilayah), lisensi MIT. Huruf: DejaVu Sans.",
    about_version: "Versi {v}",
    err_offline: "Kantor tidak dapat dihubungi. Data tetap aman di ponsel; akan dicoba lagi.",
    err_rejected: "Kantor menolak: {message}",
    err_protocol: "Jawaban kantor tidak dikenali: {message}",
    err_not_enrolled: "Ponsel belum terdaftar. Daftarkan dulu dengan kode dari kantor.",
    err_not_found: "{what} tidak ditemukan.",
    err_invalid: "{message}",
    err_storage: "Penyimpanan ponsel bermasalah: {message}",
};

pub static EN: Strings = Strings {
    lang: Lang::En,
    app_name: "Antar",
    app_tagline: "Civil-registration documents to citizens' doors",
    back: "Back",
    loading: "Loading…",
    cancel: "Cancel",
    close: "Close",
    nav_manifests: "My BAs",
    nav_sync: "Send",
    nav_settings: "Settings",
    offline_banner: "No connection to the office. Everything is safe on the phone.",
    outbox_badge: "{n} waiting to be sent",
    enroll_title: "Enroll this phone",
    enroll_intro: "Enter the Disdukcapil office address and the enrollment code the staff gave you, or paste the office's enrollment link (antar://daftar…) into the address field.",
    enroll_office_url: "Office address",
    enroll_office_url_hint: "e.g. https://antar.tanggamus.go.id",
    enroll_code: "Enrollment code",
    enroll_code_hint: "code from the office staff",
    enroll_unsent: "{n} records have not been received by the office yet. They are still sent after enrolling again at the same office, also when another courier will use this phone.",
    enroll_submit: "Enroll",
    enroll_working: "Enrolling…",
    enroll_done: "Enrolled as {name}.",
    manifests_title: "My delivery BAs",
    manifests_empty: "No BA on this phone yet. Press «Download BAs» when there is signal.",
    manifests_pull: "Download BAs",
    manifests_pulling: "Downloading BAs…",
    manifests_pulled: "BAs updated: {new} new, {updated} refreshed.",
    manifest_documents: "{n} documents",
    manifest_issued: "BA date",
    items_search: "Search",
    items_search_hint: "Name, or the last digits of the NIK",
    items_count: "{n} documents",
    items_shown: "Showing {shown} of {n}",
    items_more: "Show {n} more",
    items_none: "No document matches.",
    items_only_to_deliver: "Not delivered yet only",
    items_desa_count: "{done}/{n} done",
    item_title: "Document",
    item_nik: "NIK",
    item_call: "Call",
    item_whatsapp: "WhatsApp",
    item_map: "Village map",
    item_record: "Record delivery",
    item_line: "Line {n} of the BA",
    item_printed: "Printed",
    item_done_already: "This document is done; nothing more to record.",
    attempt_title: "Record outcome",
    attempt_outcome: "Outcome",
    reason_other: "Other",
    attempt_recipient: "Recipient's name",
    attempt_recipient_hint: "name of the family member who took it",
    attempt_relationship: "Relationship to the owner",
    attempt_choose: "— choose —",
    attempt_reason: "Why it failed",
    attempt_note: "Note",
    attempt_note_hint: "say briefly what happened",
    attempt_photo: "Proof photo",
    attempt_photo_take: "Take photo",
    attempt_photo_path: "Or type the photo file's path",
    attempt_photo_chosen: "Photo chosen: {name}",
    attempt_photo_none: "No photo yet",
    attempt_photo_preview: "The photo taken",
    attempt_note_add: "Add a note",
    attempt_gps: "GPS position",
    attempt_gps_waiting: "Waiting for a position…",
    attempt_gps_accuracy: "Accuracy ±{m} m",
    attempt_gps_wait_better: "Wait for better accuracy",
    attempt_gps_good_enough: "Accuracy is good enough",
    attempt_gps_manual: "Type a position",
    attempt_gps_lat: "Latitude",
    attempt_gps_lon: "Longitude",
    attempt_gps_acc: "Accuracy (m)",
    attempt_gps_use: "Use this position",
    attempt_place: "Place check",
    attempt_place_hint: "Compared with the village on the KTP address.",
    attempt_save: "Save",
    attempt_saving: "Saving…",
    attempt_saved: "Saved on the phone. It goes to the office when there is signal.",
    attempt_need_outcome: "Choose the outcome.",
    attempt_need_recipient: "Enter the recipient's name.",
    attempt_need_relationship: "Choose the recipient's relationship to the owner.",
    attempt_need_reason: "Choose why it failed.",
    attempt_need_note: "Write a note for the reason «Other».",
    attempt_need_photo: "A proof photo is required for a delivered document.",
    attempt_official: "Name of the official who took it",
    attempt_official_hint: "the village head's, hamlet head's or RT head's name",
    attempt_position: "Position",
    attempt_need_official: "Fill in the name of the official who took it.",
    attempt_need_position: "Choose the official's position.",
    attempt_change: "Change",
    attempt_gps_bad_number: "Position not valid: {reason}",
    sync_title: "Send to the office",
    sync_outbox: "{n} records waiting to be sent",
    sync_outbox_empty: "The office has received every record.",
    sync_photos: "{n} photos ({kb} KB)",
    sync_rejected: "{n} records refused by the office",
    sync_retry_rejected: "Send the refused ones again",
    sync_now: "Send now",
    sync_running: "Sending…",
    sync_progress_events: "Record {sent} of {total}",
    sync_progress_photo: "Photo {i} of {n}: {done} of {total} KB",
    sync_done: "Sent to the office: {events} records, {photos} photos. Received by the office: {receipts} receipts.",
    sync_receipts: "Receipts from the office: {n}",
    sync_last_contact: "Last contact with the office: {time}",
    sync_never: "Never connected to the office yet.",
    sync_auto: "Sent automatically whenever the office can be reached.",
    sync_clock_offset: "The phone's clock is {s} seconds off the office's.",
    settings_title: "Settings",
    settings_office: "Office address",
    settings_office_save: "Save address",
    settings_office_saved: "Office address saved.",
    settings_language: "Language",
    settings_photo: "Proof photo size",
    photo_small: "Small (at most 60 KB) — weak signal",
    photo_standard: "Standard (at most 120 KB)",
    photo_sharp: "Sharp (at most 250 KB) — strong signal",
    settings_reenroll: "Enroll this phone again",
    settings_about: "About Antar",
    about_title: "About Antar",
    about_text: "Antar records every delivery of a civil-registration document — with a photo and a GPS position — and sends the proof to the Disdukcapil office. Works without signal.",
    about_privacy: "NIK, names, addresses and photos are personal data (Law 27/2022). Only what a courier needs is shown; data stays on the phone until the office has it.",
    about_data: "Village boundaries: Kemendagri (region codes), MIT licence. Font: DejaVu Sans.",
    about_version: "Version {v}",
    err_offline: "The office cannot be reached. Data is safe on the phone; it will be tried again.",
    err_rejected: "The office refused: {message}",
    err_protocol: "The office's answer was not understood: {message}",
    err_not_enrolled: "This phone is not enrolled. Enroll it with the code from the office.",
    err_not_found: "{what} not found.",
    err_invalid: "{message}",
    err_storage: "The phone's storage is in trouble: {message}",
};

impl Strings {
    /// The words of the custody screens (the count at handover), in this language.
    pub fn custody(&self) -> &'static CustodyStrings {
        match self.lang {
            Lang::Id => &custody::ID,
            Lang::En => &custody::EN,
        }
    }

    /// The words of sending to the office (its states, receipts, the offline mark).
    pub fn send(&self) -> &'static SendStrings {
        match self.lang {
            Lang::Id => &send::ID,
            Lang::En => &send::EN,
        }
    }

    /// The words of the recording teams' screens (pelayanan keliling), in this language.
    pub fn visits(&self) -> &'static VisitStrings {
        match self.lang {
            Lang::Id => &visits::ID,
            Lang::En => &visits::EN,
        }
    }

    /// The shared glossary's words in this language (states, reasons, relationships).
    pub fn words(&self) -> &'static dyn Words {
        match self.lang {
            Lang::Id => glossary::ID,
            Lang::En => glossary::EN,
        }
    }

    pub fn state(&self, state: ItemState) -> &'static str {
        self.words().item_state(state)
    }

    /// "3 di kurir": a count of documents in a state, for the pills over a list.
    pub fn state_count(&self, state: ItemState, n: usize) -> String {
        format!("{n} {}", self.state(state).to_lowercase())
    }

    pub fn reason(&self, reason: &FailureReason) -> &'static str {
        self.words().failure_reason(reason)
    }

    /// The failure reasons in the order a courier sees them, as (code, label).
    pub fn reasons(&self) -> Vec<(&'static str, &'static str)> {
        FailureReason::SIMPLE
            .iter()
            .map(|r| (r.code(), self.reason(r)))
            .chain([("other", self.reason_other)])
            .collect()
    }

    pub fn official_position(&self, position: OfficialPosition) -> &'static str {
        self.words().official_position(position)
    }

    pub fn relationship(&self, relationship: Relationship) -> &'static str {
        self.words().relationship(relationship)
    }

    pub fn document_type(&self, kind: DocumentType) -> &'static str {
        match (self.is_en(), kind) {
            (_, DocumentType::KtpEl) => "KTP-el",
            (_, DocumentType::Kk) => {
                if self.is_en() {
                    "Family card (KK)"
                } else {
                    "Kartu Keluarga (KK)"
                }
            }
            (_, DocumentType::Kia) => {
                if self.is_en() {
                    "Child ID card (KIA)"
                } else {
                    "Kartu Identitas Anak (KIA)"
                }
            }
            (false, DocumentType::AktaKelahiran) => "Akta Kelahiran",
            (true, DocumentType::AktaKelahiran) => "Birth certificate",
            (false, DocumentType::AktaKematian) => "Akta Kematian",
            (true, DocumentType::AktaKematian) => "Death certificate",
            (false, DocumentType::Other) => "Dokumen lain",
            (true, DocumentType::Other) => "Other document",
        }
    }

    /// The place verdict in a sentence the courier can act on.
    pub fn place(&self, verdict: &PlaceVerdict) -> String {
        let en = self.is_en();
        match verdict {
            PlaceVerdict::Inside => {
                if en {
                    "Inside the address's village".into()
                } else {
                    "Di dalam desa alamat KTP".into()
                }
            }
            PlaceVerdict::Near { distance_m } => {
                let m = format!("{distance_m:.0}");
                if en {
                    format!("Near the village border ({m} m outside)")
                } else {
                    format!("Dekat batas desa ({m} m di luar)")
                }
            }
            PlaceVerdict::Elsewhere { distance_m, .. } => {
                let km = format!("{:.1}", distance_m / 1000.0);
                if en {
                    format!("In another village, {km} km from the address's — check the address")
                } else {
                    format!("Di desa lain, {km} km dari desa alamat — periksa alamatnya")
                }
            }
            PlaceVerdict::Unusable { reason } => match (en, reason) {
                (false, r) => format!(
                    "{}: catatan tetap bisa disimpan",
                    self.words().unusable_fix(r)
                ),
                (true, UnusableReason::NoFix) => {
                    "No GPS position: the record can still be saved".into()
                }
                (true, UnusableReason::MockLocation) => {
                    "Mock location app: the office will see it".into()
                }
                (true, UnusableReason::Inaccurate { .. }) => {
                    "GPS accuracy too low: wait, or save anyway".into()
                }
            },
            PlaceVerdict::UnknownDesa { .. } => {
                if en {
                    "The address's village is not on the map".into()
                } else {
                    "Desa alamat tidak ada di peta".into()
                }
            }
        }
    }

    /// A device error in plain words, without internals the courier cannot act on.
    pub fn error(&self, error: &DeviceError) -> String {
        match error {
            DeviceError::Offline { .. } => self.err_offline.to_owned(),
            DeviceError::Rejected { error, .. } => {
                fill(self.err_rejected, &[("message", &error.message)])
            }
            DeviceError::Protocol(message) => fill(self.err_protocol, &[("message", message)]),
            DeviceError::NotEnrolled => self.err_not_enrolled.to_owned(),
            DeviceError::NotFound { what } => fill(self.err_not_found, &[("what", what)]),
            DeviceError::Invalid(message) => fill(self.err_invalid, &[("message", message)]),
            DeviceError::Storage(message) => fill(self.err_storage, &[("message", message)]),
        }
    }

    fn is_en(&self) -> bool {
        self.lang == Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut found: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn both_languages_fill_the_same_placeholders_and_none_is_empty() {
        let visit_entries = visits::ID
            .entries()
            .into_iter()
            .zip(visits::EN.entries())
            .chain(custody::ID.entries().into_iter().zip(custody::EN.entries()))
            .chain(send::ID.entries().into_iter().zip(send::EN.entries()));
        for ((name, id), (_, en)) in ID
            .entries()
            .into_iter()
            .zip(EN.entries())
            .chain(visit_entries)
        {
            assert!(
                !id.trim().is_empty() && !en.trim().is_empty(),
                "{name} is empty"
            );
            assert_eq!(
                placeholders(id),
                placeholders(en),
                "{name}: placeholders differ"
            );
        }
    }

    #[test]
    fn fill_replaces_every_named_value() {
        assert_eq!(
            fill(ID.items_shown, &[("shown", "50"), ("n", "2000")]),
            "Menampilkan 50 dari 2000"
        );
    }

    #[test]
    fn labels_follow_the_language() {
        assert_eq!(ID.state(ItemState::Delivered), "Diserahkan");
        assert_eq!(EN.state(ItemState::Delivered), "Handed over");
        assert_eq!(ID.state_count(ItemState::Pending, 38), "38 di kurir");
        assert_eq!(EN.reason(&FailureReason::Moved), "Moved away");
        assert_eq!(ID.reason(&FailureReason::Moved), "Sudah pindah");
    }
}
