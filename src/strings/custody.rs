//! The words of the custody screens, Indonesian first: the courier's count of a BA's bundle
//! when they take it from the office (SOP step 5).

use super::Lang;

strings! { CustodyStrings {
    count_needed, count_open, count_title, count_intro, count_summary, count_present,
    count_missing, count_search, count_shown, count_save, count_saved, count_done,
} }

pub(super) static ID: CustodyStrings = CustodyStrings {
    lang: Lang::Id,
    count_needed: "Hitung dulu dokumen di bundel BA ini sebelum mengantar. Tandai yang tidak ada.",
    count_open: "Hitung dokumen",
    count_title: "Hitung dokumen BA",
    count_intro: "Cocokkan bundel dengan daftar {ba}. Hapus centang dokumen yang tidak ada di bundel; dokumen itu kembali ke kantor.",
    count_summary: "Ada di bundel: {n} dari {total}",
    count_present: "Ada",
    count_missing: "Tidak ada di bundel",
    count_search: "Cari nama atau baris",
    count_shown: "{shown} dari {total} ditampilkan",
    count_save: "Simpan hitungan",
    count_saved: "Hitungan disimpan: {n} dari {total} dokumen ada di bundel.",
    count_done: "BA ini tidak perlu dihitung lagi.",
};

pub(super) static EN: CustodyStrings = CustodyStrings {
    lang: Lang::En,
    count_needed: "Count the documents in this BA's bundle before delivering. Mark the ones missing.",
    count_open: "Count documents",
    count_title: "Count the BA's documents",
    count_intro: "Check the bundle against the list of {ba}. Untick the documents missing from the bundle; they go back to the office.",
    count_summary: "In the bundle: {n} of {total}",
    count_present: "Here",
    count_missing: "Not in the bundle",
    count_search: "Search by name or line",
    count_shown: "{shown} of {total} shown",
    count_save: "Save the count",
    count_saved: "Count saved: {n} of {total} documents in the bundle.",
    count_done: "This BA needs no count now.",
};
