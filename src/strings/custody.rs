//! The words of the custody screens, Indonesian first: the courier's count of a BA's bundle
//! when they take it from the office (SOP step 5), and the documents handed back at the end
//! of a round.

use super::Lang;

strings! { CustodyStrings {
    count_needed, count_open, count_title, count_intro, count_summary, count_present,
    count_missing, count_search, count_shown, count_save, count_saved, count_done,
    return_open, return_title, return_intro, return_none, return_reason, return_reason_pick,
    return_counted, return_summary, return_short, return_save, return_saved,
    return_pick_one, return_reason_missing, return_count_too_high,
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
    return_open: "Kembalikan ke kantor",
    return_title: "Kembalikan dokumen",
    return_intro: "Pilih dokumen {ba} yang dibawa kembali ke kantor, dengan alasan masing-masing, lalu hitung bundelnya.",
    return_none: "Tidak ada dokumen yang bisa dikembalikan: semuanya sudah diserahkan atau sudah kembali.",
    return_reason: "Alasan baris {line}",
    return_reason_pick: "Pilih alasan",
    return_counted: "Jumlah dokumen di bundel",
    return_summary: "Dipilih: {n} dokumen",
    return_short: "Bundel berisi lebih sedikit dari yang dipilih: kantor akan menandai selisihnya.",
    return_save: "Simpan pengembalian",
    return_saved: "Pengembalian disimpan: {n} dokumen, {counted} di bundel.",
    return_pick_one: "Pilih sedikitnya satu dokumen.",
    return_reason_missing: "Pilih alasan untuk baris {line}.",
    return_count_too_high: "Jumlah di bundel tidak boleh lebih dari yang dipilih ({n}); pilih juga dokumen lainnya.",
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
    return_open: "Return to the office",
    return_title: "Return documents",
    return_intro: "Choose the documents of {ba} you bring back to the office, each with its reason, then count the bundle.",
    return_none: "No document can be returned: all were delivered or are back already.",
    return_reason: "Reason for line {line}",
    return_reason_pick: "Choose a reason",
    return_counted: "Documents in the bundle",
    return_summary: "Chosen: {n} documents",
    return_short: "The bundle holds fewer than chosen: the office will flag the difference.",
    return_save: "Save the return",
    return_saved: "Return saved: {n} documents, {counted} in the bundle.",
    return_pick_one: "Choose at least one document.",
    return_reason_missing: "Choose a reason for line {line}.",
    return_count_too_high: "The bundle cannot hold more than chosen ({n}); choose the other documents too.",
};
