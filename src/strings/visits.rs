//! The words of the recording teams' screens (pelayanan keliling), Indonesian first. Kinds,
//! states, categories, outcomes, IKD and place words come from the shared glossary; these
//! are only the sentences around them.

use antar_domain::place::PlaceVerdict;
use antar_domain::region::Registry;

use super::{Lang, Strings, fill};

strings! { VisitStrings {
    nav_visits, visits_title, visits_empty, visits_pull, visits_pulled, visits_from_ba,
    visit_met, visit_recorded, visit_walk_ins, visit_checked_in, visit_removed, visit_cancelled,
    visit_day, visit_kind, visit_venue, visit_team, visit_note,
    visit_checkin, visit_checkin_again, visit_walk_in, visit_only_not_met, visit_people_shown,
    visit_people_none, visit_no_outcome, visit_walk_in_mark, receipt_visit,
    checkin_title, checkin_photos, checkin_photos_count, checkin_photo_add, checkin_photo_remove,
    checkin_place_hint, checkin_note_hint, checkin_saved, place_near, place_elsewhere,
    person_title, person_ikd, person_latest, person_correct, person_need_outcome,
    person_saved, person_born,
    walk_in_title, walk_in_intro, walk_in_nik, walk_in_nik_hint, walk_in_need_nik, walk_in_name,
    walk_in_on_list, walk_in_saved,
    visit_handover, handover_title, handover_intro, handover_cards, handover_cards_none,
    handover_line, handover_official_name, handover_official_position, handover_position_hint,
    handover_need_name, handover_need_position, handover_need_cards, handover_photo,
    handover_note_hint, handover_save, handover_saved,
} }

pub(super) static ID: VisitStrings = VisitStrings {
    lang: Lang::Id,
    nav_visits: "Keliling",
    visits_title: "Pelayanan keliling",
    visits_empty: "Belum ada kunjungan di ponsel ini. Tekan «Unduh daftar» saat ada sinyal.",
    visits_pull: "Unduh daftar",
    visits_pulled: "Kunjungan: {new} baru, {updated} diperbarui.",
    visits_from_ba: "Pelayanan keliling: {n} kunjungan",
    visit_met: "{met}/{n} ditemui",
    visit_recorded: "{n} direkam",
    visit_walk_ins: "{n} datang langsung",
    visit_checked_in: "✓ Sudah check-in",
    visit_removed: "Daftar warga sudah dihapus dari ponsel: semua hasilnya diterima kantor. Jumlah di atas tetap disimpan.",
    visit_cancelled: "Kunjungan ini dibatalkan kantor; tidak ada yang bisa dicatat.",
    visit_day: "Hari kunjungan",
    visit_kind: "Jenis tempat",
    visit_venue: "Tempat",
    visit_team: "Tim",
    visit_note: "Catatan kantor",
    visit_checkin: "Check-in di lokasi",
    visit_checkin_again: "Check-in lagi",
    visit_walk_in: "Warga di luar daftar",
    visit_only_not_met: "Belum ditemui",
    visit_people_shown: "{n} orang",
    visit_people_none: "Tidak ada warga yang cocok.",
    visit_no_outcome: "Belum dicatat",
    visit_walk_in_mark: "Di luar daftar",
    receipt_visit: "Keliling",
    checkin_title: "Check-in",
    checkin_photos: "Foto kegiatan",
    checkin_photos_count: "{n} dari paling banyak {max} foto",
    checkin_photo_add: "Tambah foto lain",
    checkin_photo_remove: "Hapus",
    checkin_place_hint: "Dibandingkan dengan desa tempat kunjungan: {desa}.",
    checkin_note_hint: "misalnya: genset menyala, antrean 30 orang",
    checkin_saved: "Check-in tersimpan di ponsel. Akan dikirim ke kantor saat ada sinyal.",
    place_near: "{m} m di luar batas",
    place_elsewhere: "{km} km dari desa kunjungan, di {desa}",
    person_title: "Hasil perekaman",
    person_ikd: "Aktivasi IKD (boleh kosong)",
    person_latest: "Hasil terakhir: {outcome}",
    person_correct: "Hasil baru menggantikan yang terakhir di daftar; keduanya dikirim ke kantor.",
    person_need_outcome: "Pilih hasil perekaman.",
    person_saved: "Tersimpan di ponsel: {name} — {outcome}.",
    person_born: "Lahir",
    walk_in_title: "Warga di luar daftar",
    walk_in_intro: "Untuk warga yang datang tanpa ada di daftar. NIK diperiksa di ponsel; NIK yang ada di daftar dicatat untuk orang itu.",
    walk_in_nik: "NIK (16 digit)",
    walk_in_nik_hint: "ketik dari KK atau KTP",
    walk_in_need_nik: "Isi NIK.",
    walk_in_name: "Nama (boleh kosong)",
    walk_in_on_list: "NIK ini ada di daftar: hasil dicatat untuk orang itu — {outcome}.",
    walk_in_saved: "Tersimpan di ponsel: warga di luar daftar — {outcome}.",
    visit_handover: "Serah terima kolektif",
    handover_title: "Serah terima kolektif",
    handover_intro: "Kartu dari {ba} yang diserahkan ke aparat pekon untuk dibagikan ke pemiliknya. Hapus centang kartu yang tidak ikut diserahkan.",
    handover_cards: "Kartu diserahkan: {n} dari {total}",
    handover_cards_none: "Tidak ada kartu di BA ini yang masih perlu diserahkan.",
    handover_line: "Baris {line}",
    handover_official_name: "Nama aparat pekon",
    handover_official_position: "Jabatan",
    handover_position_hint: "misalnya: Sekretaris Pekon, Kaur Pemerintahan",
    handover_need_name: "Isi nama aparat yang menerima kartu.",
    handover_need_position: "Isi jabatan aparat yang menerima kartu.",
    handover_need_cards: "Centang paling sedikit satu kartu.",
    handover_photo: "Foto serah terima",
    handover_note_hint: "misalnya: diterima di kantor pekon",
    handover_save: "Simpan serah terima",
    handover_saved: "{n} kartu diserahkan ke aparat pekon.",
};

pub(super) static EN: VisitStrings = VisitStrings {
    lang: Lang::En,
    nav_visits: "Visits",
    visits_title: "Mobile recording visits",
    visits_empty: "No visit on this phone yet. Press «Download lists» when there is signal.",
    visits_pull: "Download lists",
    visits_pulled: "Visits: {new} new, {updated} refreshed.",
    visits_from_ba: "Mobile recording: {n} visits",
    visit_met: "{met}/{n} met",
    visit_recorded: "{n} recorded",
    visit_walk_ins: "{n} walk-ins",
    visit_checked_in: "✓ Checked in",
    visit_removed: "The list of people has left the phone: the office has every outcome. The counts above are kept.",
    visit_cancelled: "The office cancelled this visit; nothing can be recorded.",
    visit_day: "Visit day",
    visit_kind: "Kind of place",
    visit_venue: "Venue",
    visit_team: "Team",
    visit_note: "Office's note",
    visit_checkin: "Check in at the venue",
    visit_checkin_again: "Check in again",
    visit_walk_in: "Someone not on the list",
    visit_only_not_met: "Not met yet",
    visit_people_shown: "{n} people",
    visit_people_none: "Nobody matches.",
    visit_no_outcome: "Not recorded yet",
    visit_walk_in_mark: "Not on the list",
    receipt_visit: "Visit",
    checkin_title: "Check-in",
    checkin_photos: "Activity photos",
    checkin_photos_count: "{n} of at most {max} photos",
    checkin_photo_add: "Add another photo",
    checkin_photo_remove: "Remove",
    checkin_place_hint: "Compared with the visit's village: {desa}.",
    checkin_note_hint: "e.g. generator running, 30 people queueing",
    checkin_saved: "Check-in saved on the phone. It goes to the office when there is signal.",
    place_near: "{m} m outside the border",
    place_elsewhere: "{km} km from the visit's village, in {desa}",
    person_title: "Recording outcome",
    person_ikd: "IKD activation (optional)",
    person_latest: "Latest outcome: {outcome}",
    person_correct: "A new outcome replaces the latest on the list; both are sent to the office.",
    person_need_outcome: "Choose the outcome.",
    person_saved: "Saved on the phone: {name} — {outcome}.",
    person_born: "Born",
    walk_in_title: "Someone not on the list",
    walk_in_intro: "For people who came without being on the list. The NIK is checked on the phone; a NIK on the list is recorded for that person.",
    walk_in_nik: "NIK (16 digits)",
    walk_in_nik_hint: "type it from the KK or KTP",
    walk_in_need_nik: "Enter the NIK.",
    walk_in_name: "Name (optional)",
    walk_in_on_list: "This NIK is on the list: recorded for that person — {outcome}.",
    walk_in_saved: "Saved on the phone: someone not on the list — {outcome}.",
    visit_handover: "Collective handover",
    handover_title: "Collective handover",
    handover_intro: "Cards of {ba} handed to the village officials, who pass them on to their owners. Untick the cards not handed over.",
    handover_cards: "Cards handed over: {n} of {total}",
    handover_cards_none: "No card on this BA is left to hand over.",
    handover_line: "Line {line}",
    handover_official_name: "Village official's name",
    handover_official_position: "Position",
    handover_position_hint: "e.g. Sekretaris Pekon, Kaur Pemerintahan",
    handover_need_name: "Enter the name of the official receiving the cards.",
    handover_need_position: "Enter the position of the official receiving the cards.",
    handover_need_cards: "Tick at least one card.",
    handover_photo: "Photo of the handover",
    handover_note_hint: "e.g. received at the village office",
    handover_save: "Save the handover",
    handover_saved: "{n} cards handed to the village officials.",
};

impl VisitStrings {
    /// A check-in's place verdict: the glossary's word, then what the team can act on.
    pub fn place(&self, t: &Strings, verdict: &PlaceVerdict) -> String {
        let word = t.words().place_verdict(verdict);
        match verdict {
            PlaceVerdict::Near { distance_m } => format!(
                "{word} ({})",
                fill(self.place_near, &[("m", &format!("{distance_m:.0}"))])
            ),
            PlaceVerdict::Elsewhere { found, distance_m } => {
                let desa = found
                    .as_ref()
                    .and_then(|code| Registry::tanggamus().get(code))
                    .map_or("?", |region| region.name.as_str());
                let km = format!("{:.1}", distance_m / 1000.0);
                format!(
                    "{word} ({})",
                    fill(self.place_elsewhere, &[("km", &km), ("desa", desa)])
                )
            }
            PlaceVerdict::Unusable { reason } => {
                format!("{word}: {}", t.words().unusable_fix(reason))
            }
            PlaceVerdict::Inside | PlaceVerdict::UnknownDesa { .. } => word.to_owned(),
        }
    }
}
