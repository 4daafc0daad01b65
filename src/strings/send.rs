//! The words of sending to the office that came with the send screen's one-message-per-state
//! redesign: the offline mark in the header, the state messages, the next automatic try, and
//! receipts that name their person and document. Times are the office's WIB, like the photo
//! stamp.

use super::Lang;

strings! { SendStrings {
    offline_mark, offline_waiting, failed_waiting, next_try, receipt_document,
    receipt_document_forgotten, receipt_ba, receipt_visit_person, receipt_visit, receipt_unknown,
} }

pub(super) static ID: SendStrings = SendStrings {
    lang: Lang::Id,
    offline_mark: "Tanpa sinyal",
    offline_waiting: "{n} catatan menunggu dikirim. Kantor belum bisa dihubungi; semua aman di ponsel.",
    failed_waiting: "{n} catatan menunggu dikirim. Pengiriman terakhir gagal: {error}",
    next_try: "Dicoba lagi otomatis pukul {time}.",
    receipt_document: "{owner} · {document}, baris {line}",
    receipt_document_forgotten: "{document}, baris {line} BA {ba}",
    receipt_ba: "BA {ba}",
    receipt_visit_person: "{person} · kunjungan {number}",
    receipt_visit: "Kunjungan {number}",
    receipt_unknown: "Catatan",
};

pub(super) static EN: SendStrings = SendStrings {
    lang: Lang::En,
    offline_mark: "Offline",
    offline_waiting: "{n} records waiting to be sent. The office cannot be reached yet; everything is safe on the phone.",
    failed_waiting: "{n} records waiting to be sent. The last try failed: {error}",
    next_try: "Next automatic try at {time}.",
    receipt_document: "{owner} · {document}, line {line}",
    receipt_document_forgotten: "{document}, line {line} of BA {ba}",
    receipt_ba: "BA {ba}",
    receipt_visit_person: "{person} · visit {number}",
    receipt_visit: "Visit {number}",
    receipt_unknown: "Record",
};
