//! The recording teams' screens rendered headless from what a real phone store answers: a
//! visit imported into an offline-enrolled device, its cards and people read through the
//! same `Device` calls the worker makes.

use antar_device::{
    Device, DeviceError, VisitCard, VisitOutcomeInput, VisitPersonInput, VisitTarget,
};
use antar_domain::ids::{CourierId, DeviceId, ManifestId, VisitId};
use antar_domain::manifest::{BaNumber, CourierRef, Manifest};
use antar_domain::place::PlaceVerdict;
use antar_domain::state::ItemState;
use antar_domain::visit::{IkdOutcome, PhoneCategory, RecordingOutcome};
use antar_domain::wire::Receipt;
use chrono::{NaiveDate, Utc};

use super::tests::{courier_state, render};
use crate::fixtures::{manifest_from_sample, visit_from_sample};
use crate::state::{Action, AppState, HandoverForm, People, Route, Update, VisitUpdate};
use crate::strings::Lang;

struct Phone {
    _dir: tempfile::TempDir,
    device: Device,
    visit: VisitId,
}

/// A phone enrolled without an office, holding one visit of `count` people.
fn phone_with_visit(count: usize) -> Phone {
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    let courier = CourierRef {
        id: CourierId::new_v7(),
        name: "Budi Santoso".into(),
    };
    device
        .enroll_offline_for_tests("http://127.0.0.1:9", DeviceId::new_v7(), courier, "t")
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let sheet = visit_from_sample(1, day, count).unwrap();
    device.import_visit_for_tests(&sheet).unwrap();
    Phone {
        _dir: dir,
        device,
        visit: sheet.visit.id,
    }
}

impl Phone {
    fn card(&self) -> VisitCard {
        self.device.visits().unwrap().remove(0)
    }

    fn people(&self, query: &str, only_not_met: bool) -> People {
        People {
            visit: self.visit,
            query: query.to_owned(),
            only_not_met,
            list: self
                .device
                .visit_targets(self.visit, query, only_not_met)
                .unwrap(),
        }
    }

    fn record(&mut self, person: VisitPersonInput, outcome: RecordingOutcome) {
        self.device
            .record_visit_outcome(VisitOutcomeInput {
                visit_id: self.visit,
                person,
                outcome,
                ikd: Some(IkdOutcome::Activated).filter(|_| outcome.met()),
                note: None,
            })
            .unwrap();
    }

    /// The app as it stands on `route` after the worker's answers about this phone.
    fn state(&self, route: Route) -> AppState {
        let mut state = courier_state(manifest_from_sample(2), route);
        state.apply(Update::Visit(VisitUpdate::Cards(
            self.device.visits().unwrap(),
        )));
        state
    }
}

fn listed(people: &[VisitTarget], index: usize) -> VisitPersonInput {
    VisitPersonInput::Target(people[index].id.unwrap())
}

#[test]
fn the_visit_list_shows_number_day_venue_state_counts_and_the_check_in_mark() {
    let mut phone = phone_with_visit(12);
    let people = phone.people("", false).list;
    phone.record(listed(&people, 0), RecordingOutcome::Recorded);
    phone.record(listed(&people, 1), RecordingOutcome::Absent);
    phone.record(
        VisitPersonInput::WalkIn {
            nik: "1806012308009999".into(),
            name: None,
        },
        RecordingOutcome::Recorded,
    );
    let mut state = phone.state(Route::Visits);
    let card = phone.card();
    // The phone's mark of a check-in, as the device reports it after one.
    if let Some(Some(cards)) = Some(state.visits.cards.as_mut()) {
        cards[0].checked_in = true;
    }
    let html = render(state);
    for text in [
        card.number.as_str(),
        "03-12-2026",
        "Balai Pekon Penanggungan",
        &card.desa_name,
        "Direncanakan",
        "1/12 ditemui",
        "2 direkam",
        "1 datang langsung",
        "✓ Sudah check-in",
        "Unduh daftar",
        ">Keliling<",
    ] {
        assert!(html.contains(text), "missing {text}: {html}");
    }

    // A list that left the phone keeps its counts and says where the people went.
    let mut state = phone.state(Route::Visits);
    if let Some(cards) = state.visits.cards.as_mut() {
        cards[0].list_removed = true;
    }
    let html = render(state);
    assert!(html.contains("1/12 ditemui"), "{html}");
    assert!(
        html.contains("Daftar warga sudah dihapus dari ponsel"),
        "{html}"
    );
}

#[test]
fn an_empty_visit_list_says_how_to_get_one_and_a_courier_keeps_three_buttons() {
    let mut state = courier_state(manifest_from_sample(2), Route::Visits);
    state.apply(Update::Visit(VisitUpdate::Cards(Vec::new())));
    let html = render(state);
    assert!(html.contains("Belum ada kunjungan di ponsel ini"), "{html}");
    assert!(!html.contains(">Keliling<"), "no visits, no fourth button");
}

#[test]
fn the_visit_screen_shows_plan_counts_the_filter_and_what_a_search_found() {
    let mut phone = phone_with_visit(12);
    let people = phone.people("", false).list;
    phone.record(listed(&people, 0), RecordingOutcome::Recorded);
    let wanted = &people[3];
    let digits = wanted.nik.last_digits(4).to_owned();
    let mut state = phone.state(Route::Visit(phone.visit));
    state.visits.query = digits.clone();
    state.visits.only_not_met = true;
    state.apply(Update::Visit(VisitUpdate::People(
        phone.people(&digits, true),
    )));
    let html = render(state);
    for text in [
        "Bawa KK asli",
        "Budi Santoso, Sri Wahyuni",
        "Balai pekon",
        "1/12 ditemui",
        "Check-in di lokasi",
        "Warga di luar daftar",
        "Belum ditemui",
        "aria-pressed=true",
        "1 orang",
        &wanted.name,
        &format!("•••• •••• •••• {digits}"),
        "Belum dicatat",
    ] {
        assert!(html.contains(text), "missing {text}: {html}");
    }
    assert!(!html.contains(wanted.nik.as_str()), "never the whole NIK");
    assert!(!html.contains(&people[0].name) || people[0].name == wanted.name);

    // Without a search: everyone, with the category word and the latest outcome and IKD.
    let mut state = phone.state(Route::Visit(phone.visit));
    state.apply(Update::Visit(VisitUpdate::People(phone.people("", false))));
    let html = render(state);
    assert!(html.contains("12 orang"), "{html}");
    assert!(html.contains("Direkam") && html.contains("IKD aktif"));
    let words = antar_domain::glossary::ID;
    let category = people[0].category().unwrap();
    assert!(html.contains(words.phone_category(category)));
    for health in ["Disabilitas", "ODGJ", "Sakit"] {
        assert!(
            !html.contains(health),
            "health is never on the phone: {health}"
        );
    }
    let special = people
        .iter()
        .any(|p| p.category() == Some(PhoneCategory::ProsedurKhusus));
    assert_eq!(html.contains("Prosedur khusus"), special);
}

#[test]
fn the_outcome_screen_offers_nine_outcomes_and_shows_what_it_corrects() {
    let mut phone = phone_with_visit(3);
    let people = phone.people("", false).list;
    phone.record(listed(&people, 0), RecordingOutcome::Recorded);
    let person = phone.people("", false).list.remove(0);
    let mut state = phone.state(Route::VisitPerson(phone.visit));
    state.visits.person = Some(person.clone());
    let html = render(state);
    let words = antar_domain::glossary::ID;
    for outcome in RecordingOutcome::ALL {
        assert!(
            html.contains(words.recording_outcome(*outcome)),
            "{outcome:?}"
        );
    }
    assert_eq!(html.matches("data-outcome=").count(), 9);
    assert!(html.contains(&person.name));
    assert!(
        html.contains("Hasil terakhir: Direkam · IKD aktif"),
        "{html}"
    );
    assert!(html.contains("keduanya dikirim ke kantor"));
    assert!(html.contains(">Simpan<"));
}

#[test]
fn a_walk_in_s_bad_nik_is_the_device_s_indonesian_word_under_the_field() {
    let mut phone = phone_with_visit(2);
    let refused = phone
        .device
        .record_visit_outcome(VisitOutcomeInput {
            visit_id: phone.visit,
            person: VisitPersonInput::WalkIn {
                nik: "18060123080099".into(),
                name: None,
            },
            outcome: RecordingOutcome::Recorded,
            ikd: None,
            note: None,
        })
        .unwrap_err();
    assert!(matches!(refused, DeviceError::Invalid(_)));
    let said = refused.to_string();
    let mut state = phone.state(Route::WalkIn(phone.visit));
    state.busy = Some(Action::WalkIn);
    state.apply(Update::Failed {
        action: Action::WalkIn,
        error: refused,
        automatic: false,
    });
    assert_eq!(state.busy, None, "the form can be sent again");
    let html = render(state);
    assert!(html.contains("NIK (16 digit)"), "{html}");
    assert!(
        html.contains(&format!(
            "class=\"field-error\" id=\"walk-in-nik-error\" role=\"alert\">{said}<"
        )),
        "{html}"
    );
    assert!(said.contains("NIK tidak sah"), "{said}");
    assert!(
        !html.contains("class=\"notice error\""),
        "not repeated on top"
    );
    assert!(html.contains("Tidak hadir") && html.contains("Nama (boleh kosong)"));
}

#[test]
fn the_check_in_shows_the_place_verdict_before_saving_and_the_photo_picker() {
    let phone = phone_with_visit(2);
    let mut state = phone.state(Route::VisitCheckin(phone.visit));
    state.apply(Update::Visit(VisitUpdate::Place {
        visit: phone.visit,
        verdict: PlaceVerdict::Near { distance_m: 42.0 },
    }));
    let html = render(state);
    let desa = phone.card().desa_name;
    for text in [
        "Posisi GPS",
        "Cek lokasi",
        "Dekat batas desa (42 m di luar batas)",
        &format!("Dibandingkan dengan desa tempat kunjungan: {desa}."),
        "Foto kegiatan",
        "0 dari paling banyak 10 foto",
        "type=\"file\"",
        ">Check-in<",
    ] {
        assert!(html.contains(text), "missing {text}: {html}");
    }
}

#[test]
fn a_saved_outcome_returns_to_the_list_and_asks_for_it_again() {
    let phone = phone_with_visit(2);
    let person = phone.people("", false).list.remove(0);
    let mut state = phone.state(Route::Visit(phone.visit));
    state.go(Route::VisitPerson(phone.visit));
    state.visits.person = Some(person.clone());
    state.apply(Update::Visit(VisitUpdate::Recorded {
        event: antar_device::RecordedVisitEvent {
            event_id: antar_domain::ids::EventId::new_v7(),
            device_seq: 1,
            photos: Vec::new(),
            target_id: person.id,
        },
        outcome: RecordingOutcome::Refused,
        walk_in: false,
    }));
    assert_eq!(state.route, Route::Visit(phone.visit));
    let text = state.notice.clone().unwrap().text;
    assert_eq!(
        text,
        format!("Tersimpan di ponsel: {} — Menolak.", person.name)
    );
    assert!(
        state.take_visit_requery().is_some(),
        "the list is read again"
    );
    assert!(state.take_visit_requery().is_none(), "once");
}

#[test]
fn a_visit_receipt_says_the_office_has_it_and_a_team_phone_finds_its_visits() {
    let phone = phone_with_visit(1);
    let mut state = phone.state(Route::Sync);
    state.receipts = vec![antar_device::ReceiptLine {
        receipt: Receipt {
            event_id: antar_domain::ids::EventId::new_v7(),
            event_sha256: antar_domain::ids::Sha256Hash::of(b"x"),
            office_seq: 7,
            received_at: Utc::now(),
            item_state: None,
            warning: None,
        },
        about: antar_device::RecordAbout::Visit {
            number: "KLL/0007/XII/2026".into(),
            person: Some("Rahmat Hidayat".into()),
        },
    }];
    let html = render(state);
    assert!(html.contains("#7 · "), "{html}");
    assert!(
        html.contains("Rahmat Hidayat · kunjungan KLL/0007/XII/2026"),
        "{html}"
    );
    assert!(html.contains(" · Diterima kantor"), "{html}");

    let mut state = phone.state(Route::Manifests);
    state.cards = Some(Vec::new());
    let html = render(state);
    assert!(html.contains("Pelayanan keliling: 1 kunjungan"), "{html}");

    let mut state = phone.state(Route::Visits);
    state.settings.lang = Lang::En;
    let html = render(state);
    assert!(
        html.contains("0/1 met") && html.contains("Planned"),
        "{html}"
    );
    assert!(html.contains(">Visits<"));
}

/// A visit BA of `count` cards on the phone of `phone`'s visit, the app on `route`.
fn with_visit_ba(phone: &Phone, count: usize, route: Route) -> (AppState, Manifest) {
    let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let mut ba = manifest_from_sample(count);
    ba.number = BaNumber::format_visit(7, day);
    let mut state = courier_state(ba.clone(), route);
    state.apply(Update::Visit(VisitUpdate::Cards(
        phone.device.visits().unwrap(),
    )));
    (state, ba)
}

#[test]
fn the_visit_screen_offers_the_collective_handover_only_with_a_visit_ba() {
    let phone = phone_with_visit(2);
    let html = render(phone.state(Route::Visit(phone.visit)));
    assert!(!html.contains("Serah terima kolektif"), "{html}");
    let (state, _) = with_visit_ba(&phone, 3, Route::Visit(phone.visit));
    let html = render(state);
    assert!(html.contains(">Serah terima kolektif<"), "{html}");
    assert!(
        html.contains("data-ba=\"470/0007/BA-KELILING/DUKCAPIL/XII/2026\""),
        "{html}"
    );
}

#[test]
fn the_visit_screen_offers_only_the_visits_own_ba_when_the_office_names_it() {
    let phone = phone_with_visit(2);
    let (mut state, ba) = with_visit_ba(&phone, 3, Route::Visit(phone.visit));
    let cards_naming = |manifests: Vec<ManifestId>| {
        let mut cards = phone.device.visits().unwrap();
        cards[0].manifests = manifests;
        Update::Visit(VisitUpdate::Cards(cards))
    };
    state.apply(cards_naming(vec![ManifestId::new_v7()]));
    let html = render(state.clone());
    assert!(
        !html.contains("Serah terima kolektif"),
        "another visit's BA: {html}"
    );
    state.apply(cards_naming(vec![ba.id]));
    assert!(render(state).contains(">Serah terima kolektif<"));
}

#[test]
fn the_handover_lists_the_cards_still_to_hand_over_and_says_what_is_missing() {
    let phone = phone_with_visit(2);
    let mut ba = manifest_from_sample(4);
    ba.number = BaNumber::format_visit(7, NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
    ba.items[1].state = ItemState::Delivered;
    ba.items[2].state = ItemState::Failed;
    let route = Route::VisitHandover(phone.visit, ba.id);
    let mut state = courier_state(ba.clone(), route);
    state.apply(Update::Visit(VisitUpdate::Cards(
        phone.device.visits().unwrap(),
    )));
    let html = render(state.clone());
    for text in [
        "Kartu dari 470/0007/BA-KELILING/DUKCAPIL/XII/2026",
        "Kartu diserahkan: 3 dari 3",
        &ba.items[0].owner_name,
        &ba.items[2].owner_name,
        &ba.items[3].owner_name,
        &format!(
            "Baris 1 · •••• •••• •••• {}",
            ba.items[0].nik.last_digits(4)
        ),
        "Baris 3 · ",
        "Gagal",
        "type=\"checkbox\"",
        "Nama aparat pekon",
        "Jabatan",
        "Sekretaris Pekon, Kaur Pemerintahan",
        "Posisi GPS",
        "Foto serah terima",
        "type=\"file\"",
        ">Simpan serah terima<",
    ] {
        assert!(html.contains(text), "missing {text}: {html}");
    }
    assert!(
        !html.contains("Baris 2 · "),
        "a delivered card is not offered"
    );
    assert!(
        !html.contains(ba.items[1].nik.as_str()),
        "never the whole NIK"
    );
    assert!(!html.contains("field-error"), "no error before saving");

    // Saved with nothing filled in: each missing thing under its field, in Indonesian.
    let errors = HandoverForm::default()
        .to_input(phone.visit, ba.id, None, None, &crate::strings::ID)
        .unwrap_err();
    state.visits.handover_errors = Some(errors);
    let html = render(state);
    for (id, text) in [
        (
            "official-name-error",
            "Isi nama aparat yang menerima kartu.",
        ),
        (
            "official-position-error",
            "Isi jabatan aparat yang menerima kartu.",
        ),
        ("handover-cards-error", "Centang paling sedikit satu kartu."),
    ] {
        assert!(
            html.contains(&format!(
                "class=\"field-error\" id=\"{id}\" role=\"alert\">{text}<"
            )),
            "missing {id}: {html}"
        );
    }
    assert!(html.contains("aria-invalid=true"), "{html}");
}

#[test]
fn a_saved_handover_returns_to_the_visit_and_says_how_many_cards() {
    let phone = phone_with_visit(2);
    let (mut state, ba) = with_visit_ba(&phone, 3, Route::Visit(phone.visit));
    state.go(Route::VisitHandover(phone.visit, ba.id));
    state.busy = Some(Action::Handover);
    state.apply(Update::Visit(VisitUpdate::HandedOver {
        event: antar_device::RecordedVisitEvent {
            event_id: antar_domain::ids::EventId::new_v7(),
            device_seq: 3,
            photos: Vec::new(),
            target_id: None,
        },
        manifest: ba.id,
        cards: 3,
    }));
    assert_eq!(state.route, Route::Visit(phone.visit));
    assert_eq!(state.busy, None);
    assert_eq!(
        state.notice.unwrap().text,
        "3 kartu diserahkan ke aparat pekon."
    );
    assert_eq!(state.reopen, Some(ba.id), "the BA is read again");
}
