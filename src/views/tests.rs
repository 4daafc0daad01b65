//! The screens rendered headless (VirtualDom + dioxus-ssr) from fixture state: what a
//! courier would read on each one.

use std::rc::Rc;

use antar_device::{LastContact, ManifestCard, OutboxSummary, Status};
use antar_domain::attempt::OutcomeKind;
use antar_domain::ids::DeviceId;
use antar_domain::manifest::Manifest;
use antar_domain::state::ItemState;
use chrono::{Duration, Utc};
use dioxus::prelude::*;

use crate::app::Shell;
use crate::fixtures::manifest_from_sample;
use crate::platform::Desktop;
use crate::state::{App, AppState, Route, Settings};
use crate::strings::Lang;

#[component]
fn Fixture(state: AppState) -> Element {
    use_hook(|| App::provide(state.clone(), None, Rc::new(Desktop::default())));
    rsx! { Shell {} }
}

pub(super) fn render(state: AppState) -> String {
    let mut dom = VirtualDom::new_with_props(Fixture, FixtureProps { state });
    dom.rebuild_in_place();
    dioxus_ssr::render(&dom)
}

pub(super) fn status(enrolled: bool, outbox: OutboxSummary) -> Status {
    let now = Utc::now();
    Status {
        enrolled,
        office_url: enrolled.then(|| "http://127.0.0.1:8080".to_owned()),
        device_id: enrolled.then(DeviceId::new_v7),
        courier_name: enrolled.then(|| "Budi Santoso".to_owned()),
        last_contact: enrolled.then_some(LastContact {
            office_time: now - Duration::minutes(5),
            device_time: now - Duration::minutes(5) + Duration::seconds(90),
            boot: None,
        }),
        outbox,
        receipts: 0,
        manifests: 1,
        revoked: false,
    }
}

fn card(manifest: &Manifest) -> ManifestCard {
    let [(_, pending), (_, delivered), (_, failed), (_, returned)] = manifest.counts();
    let mut kecamatan: Vec<String> = manifest
        .items
        .iter()
        .map(|i| i.address.kecamatan_name.clone())
        .collect();
    kecamatan.sort();
    kecamatan.dedup();
    ManifestCard {
        id: manifest.id,
        number: manifest.number.clone(),
        issued_on: manifest.issued_on,
        kecamatan,
        pending,
        delivered,
        failed,
        returned,
        needs_count: false,
        redo: 0,
    }
}

/// An enrolled courier with one manifest open on `route`.
pub(super) fn courier_state(manifest: Manifest, route: Route) -> AppState {
    let mut state = AppState::new(Settings::default());
    state.status = Some(status(true, OutboxSummary::default()));
    state.cards = Some(vec![card(&manifest)]);
    state.manifest = Some(manifest);
    state.route = route;
    state
}

#[test]
fn a_new_phone_opens_on_enrollment_without_the_bottom_bar() {
    let mut state = AppState::new(Settings::default());
    state.apply(crate::state::Update::Status(status(
        false,
        OutboxSummary::default(),
    )));
    let html = render(state);
    assert!(html.contains("Daftarkan ponsel ini"), "{html}");
    assert!(html.contains("Alamat kantor") && html.contains("Kode pendaftaran"));
    assert!(
        !html.contains("class=\"bottom\""),
        "no bottom bar before enrollment"
    );
}

#[test]
fn the_manifest_list_shows_number_date_kecamatan_and_counts() {
    let mut manifest = manifest_from_sample(40);
    manifest.items[0].state = ItemState::Delivered;
    manifest.items[1].state = ItemState::Failed;
    let number = manifest.number.to_string();
    let html = render(courier_state(manifest, Route::Manifests));
    // Whole, breaking only after its slashes (its hyphens do not break).
    let shown = number.replace('-', "\u{2011}").replace('/', "/<wbr/>");
    assert!(html.contains(&shown), "{html}");
    assert!(html.contains("26-11-2026"));
    assert!(html.contains("40 dokumen"));
    assert!(html.contains("38 di kurir"), "{html}");
    assert!(html.contains("1 diserahkan") && html.contains("1 gagal diantar"));
    assert!(html.contains("Unduh BA"));
    assert!(
        html.contains("KOTA AGUNG") || html.contains("Kota Agung"),
        "kecamatan names"
    );
}

#[test]
fn a_list_of_2000_documents_renders_one_page_grouped_by_desa() {
    let manifest = manifest_from_sample(2000);
    let id = manifest.id;
    let html = render(courier_state(manifest, Route::Manifest(id)));
    assert!(html.contains("Menampilkan 60 dari 2000"), "paging line");
    assert!(
        html.contains("aria-pressed=false>Belum diantar saja"),
        "the filter to what still goes to a door"
    );
    assert_eq!(
        html.matches("class=\"item\"").count(),
        60,
        "only one page in the DOM"
    );
    assert!(html.matches("class=\"desa\"").count() >= 2, "desa headers");
    assert!(html.contains("Tampilkan 60 lagi"));
    assert!(html.contains("Nama, atau angka terakhir NIK"));
}

#[test]
fn a_document_shows_address_contacts_and_only_the_nik_s_last_digits() {
    let manifest = manifest_from_sample(30);
    let item = manifest
        .items
        .iter()
        .find(|i| i.phone.is_some())
        .unwrap()
        .clone();
    let html = render(courier_state(
        manifest.clone(),
        Route::Item(manifest.id, item.id),
    ));
    assert!(html.contains(&item.owner_name));
    assert!(html.contains(&item.address.alamat));
    assert!(html.contains(&item.address.desa_name) && html.contains(&item.address.kecamatan_name));
    assert!(html.contains(&format!("RT {}/RW {}", item.address.rt, item.address.rw)));
    assert!(html.contains(item.nik.last_digits(4)));
    assert!(
        !html.contains(item.nik.as_str()),
        "the full NIK is never on screen"
    );
    let phone = item.phone.unwrap();
    assert!(
        html.contains(&format!("href=\"{}\"", phone.tel_uri())),
        "{html}"
    );
    assert!(html.contains("href=\"https://wa.me/62"));
    // The desa's centroid from the registry, so the maps app opens at the right pekon.
    assert!(
        html.contains("google.com/maps/search/?api=1&#38;query=-5."),
        "{html}"
    );
    assert!(html.contains("Catat pengantaran"));
    // The outcomes are on the document's screen: one tap opens the attempt with it chosen.
    for outcome in ["Diterima pemilik", "Diterima keluarga", "Gagal diantar"] {
        assert!(
            html.contains(&format!(">{outcome}</button>")),
            "{outcome}: {html}"
        );
    }
    let head = &html[..html.find("Diterima pemilik").unwrap()];
    assert!(
        head.contains(&item.owner_name) && head.contains(item.nik.last_digits(4)),
        "the name and NIK come before the outcomes"
    );
}

#[test]
fn a_delivery_sent_back_by_the_office_says_why_first_on_the_ba_and_on_the_document() {
    let mut manifest = manifest_from_sample(5);
    let (id, item) = (manifest.id, manifest.items[3].clone());
    manifest.items[3].state = ItemState::Pending;
    let redo = antar_device::RedoItem {
        item_id: item.id,
        line: item.line,
        note: Some("Foto buram, kartu tidak terlihat".into()),
        flagged_at: Utc::now(),
    };
    let mut state = courier_state(manifest.clone(), Route::Manifest(id));
    state.redo = Some((id, vec![redo.clone()]));
    let html = render(state.clone());
    let section = &html[html.find("id=\"redo\"").expect("a perlu diulang list")..];
    assert!(section.contains("Perlu diulang (1)"), "{html}");
    assert!(
        section.contains(&item.owner_name) && section.contains("Foto buram"),
        "{section}"
    );
    assert!(
        html.find("id=\"redo\"") < html.find("id=\"search\""),
        "before the list"
    );

    state.go(Route::Item(id, item.id));
    let html = render(state.clone());
    assert!(
        html.contains("Bukti pengantaran ditolak kantor («Foto buram, kartu tidak terlihat»)"),
        "{html}"
    );
    assert!(
        html.contains(">Diterima pemilik</button>"),
        "it can be recorded again"
    );

    // Another BA open: its list is not this one's.
    state.redo = Some((antar_domain::ids::ManifestId::new_v7(), vec![redo]));
    assert!(!render(state).contains("redo-notice"));

    let mut state = courier_state(manifest.clone(), Route::Manifests);
    let mut with_redo = card(&manifest);
    with_redo.redo = 2;
    state.cards = Some(vec![with_redo]);
    assert!(render(state).contains("2 perlu diulang"));
}

#[test]
fn a_card_left_with_an_official_asks_for_the_name_and_position() {
    let manifest = manifest_from_sample(3);
    let item = manifest.items[0].id;
    let html = render(courier_state(
        manifest.clone(),
        Route::Attempt(manifest.id, item, OutcomeKind::LeftWithOfficial),
    ));
    for text in [
        "Dititipkan ke aparat pekon/RT",
        "Nama aparat yang menerima",
        "Jabatan",
        "Kepala Pekon",
        "Ketua RT",
        "Foto bukti",
    ] {
        assert!(html.contains(text), "missing {text}: {html}");
    }
    let html = render(courier_state(
        manifest.clone(),
        Route::Item(manifest.id, item),
    ));
    assert!(
        html.contains(">Dititipkan ke aparat pekon/RT</button>"),
        "{html}"
    );
}

#[test]
fn a_delivered_document_cannot_be_recorded_again() {
    let mut manifest = manifest_from_sample(3);
    manifest.items[0].state = ItemState::Delivered;
    let item = manifest.items[0].id;
    let html = render(courier_state(
        manifest.clone(),
        Route::Item(manifest.id, item),
    ));
    assert!(html.contains("sudah selesai"));
    assert!(!html.contains(">Diterima pemilik</button>"));
}

#[test]
fn the_attempt_screen_offers_outcomes_photo_position_and_place_check() {
    let manifest = manifest_from_sample(3);
    let item = manifest.items[0].id;
    let mut state = courier_state(
        manifest.clone(),
        Route::Attempt(manifest.id, item, OutcomeKind::DeliveredToOwner),
    );
    state.place = Some((
        item,
        antar_domain::place::PlaceVerdict::Near { distance_m: 42.0 },
    ));
    let html = render(state);
    for text in [
        "Diterima pemilik",
        "Ganti",
        "Foto bukti",
        "Posisi GPS",
        "Menunggu posisi",
        "Tunggu akurasi lebih baik",
        "Ketik posisi",
        "Dekat batas desa (42 m di luar)",
        "Tambah keterangan",
        "Simpan",
    ] {
        assert!(html.contains(text), "missing {text}: {html}");
    }
    assert!(html.contains("type=\"file\""), "desktop photo picker");
    assert!(
        html.contains("<strong>Diterima pemilik</strong>") && !html.contains("Diterima keluarga"),
        "the outcome chosen on the document's screen: {html}"
    );
    assert!(
        html.contains(
            "id=\"wait-better\" class=\"toggle\" aria-pressed=false>Tunggu akurasi lebih baik"
        ),
        "a toggle whose label never changes: {html}"
    );
    assert!(html.contains("actions sticky"), "Simpan stays in sight");
}

#[test]
fn the_sync_screen_shows_outbox_progress_contact_and_receipts() {
    let manifest = manifest_from_sample(3);
    let mut state = courier_state(manifest, Route::Sync);
    state.status = Some(status(
        true,
        OutboxSummary {
            events: 2,
            rejected: 1,
            photos: 1,
            photo_bytes_pending: 110_000,
        },
    ));
    state.sync.running = true;
    state.sync.progress = Some(antar_device::Progress::Photo {
        index: 1,
        photos: 1,
        bytes_done: 65_536,
        bytes_total: 110_000,
    });
    let html = render(state);
    // Sending: the progress is the one message.
    assert!(!html.contains("menunggu dikirim."), "{html}");
    assert!(html.contains("1 foto (108 KB)"));
    assert!(html.contains("1 catatan ditolak kantor") && html.contains("Kirim ulang yang ditolak"));
    assert!(html.contains("Foto 1 dari 1: 64 dari 107 KB"));
    assert!(html.contains("Kontak terakhir dengan kantor"));
    assert!(html.contains("Jam ponsel selisih 90 detik"));
    // The button keeps the focus and takes a press while the try runs.
    assert!(
        html.contains("id=\"sync-now\" aria-busy=true>Mengirim"),
        "{html}"
    );
    assert!(
        html.contains("badge-count"),
        "the bottom bar shows what waits"
    );
}

#[test]
fn the_offline_banner_and_errors_speak_plainly() {
    let manifest = manifest_from_sample(3);
    let mut state = courier_state(manifest, Route::Manifests);
    state.apply(crate::state::Update::Failed {
        action: crate::state::Action::Pull,
        error: antar_device::DeviceError::Offline {
            reason: "connection refused".into(),
        },
        automatic: false,
    });
    let html = render(state);
    // A mark inside the header, not a line that pushes the screen down.
    let header = &html[html.find("<header").unwrap()..html.find("</header>").unwrap()];
    assert!(
        header.contains("offline-mark") && header.contains("Tanpa sinyal"),
        "{header}"
    );
    assert!(
        header.contains("Tidak ada sambungan ke kantor"),
        "said whole to a screen reader"
    );
    assert!(html.contains("Kantor tidak dapat dihubungi. Data tetap aman di ponsel"));
    assert!(
        !html.contains("connection refused"),
        "no internals on screen"
    );
}

/// 03:31 UTC on the day of the test's receipts: 10:31 WIB.
fn at_utc(hour: u32, minute: u32) -> chrono::DateTime<Utc> {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
        .and_utc()
}

#[test]
fn the_send_screen_says_one_thing_per_state_and_when_it_tries_again() {
    let manifest = manifest_from_sample(3);
    let waiting = OutboxSummary {
        events: 2,
        ..OutboxSummary::default()
    };
    let mut state = courier_state(manifest.clone(), Route::Sync);
    state.status = Some(status(true, waiting));
    state.apply(crate::state::Update::Failed {
        action: crate::state::Action::Sync,
        error: antar_device::DeviceError::Offline {
            reason: "connection refused".into(),
        },
        automatic: true,
    });
    state.apply(crate::state::Update::RetryAt(at_utc(3, 31)));
    let html = render(state.clone());
    assert_eq!(
        html.matches("menunggu dikirim.").count(),
        1,
        "offline is said once: {html}"
    );
    assert!(html.contains("Kantor belum bisa dihubungi; semua aman di ponsel"));
    assert!(!html.contains("offline-mark"), "the screen says it already");
    assert!(
        !html.contains("Kantor tidak dapat dihubungi"),
        "no second wording"
    );
    assert!(
        html.contains("Dicoba lagi otomatis pukul 10:31 WIB."),
        "{html}"
    );

    // Another failure shows its reason in the same one message.
    state.offline = false;
    state.apply(crate::state::Update::Failed {
        action: crate::state::Action::Sync,
        error: antar_device::DeviceError::Protocol("x".into()),
        automatic: true,
    });
    let html = render(state.clone());
    assert_eq!(html.matches("notice error").count(), 1, "{html}");
    assert!(html.contains("Pengiriman terakhir gagal"), "{html}");

    // Everything received: no stale error above it.
    state.status = Some(status(true, OutboxSummary::default()));
    let html = render(state);
    assert!(html.contains("Semua catatan sudah diterima kantor."));
    assert!(
        !html.contains("notice error") && !html.contains("gagal"),
        "{html}"
    );
    assert!(!html.contains("next-try"), "nothing to try again");
}

#[test]
fn receipts_name_the_person_and_document_in_wib() {
    use antar_device::{ReceiptLine, RecordAbout};
    use antar_domain::document::DocumentType;
    let manifest = manifest_from_sample(3);
    let mut state = courier_state(manifest.clone(), Route::Sync);
    let receipt = |seq: i64, state| antar_domain::wire::Receipt {
        event_id: antar_domain::ids::EventId::new_v7(),
        event_sha256: antar_domain::ids::Sha256Hash::of(b"x"),
        office_seq: seq,
        received_at: at_utc(3, 31),
        item_state: state,
        warning: None,
    };
    state.receipts = vec![
        ReceiptLine {
            receipt: receipt(12, Some(antar_domain::state::ItemState::Delivered)),
            about: RecordAbout::Document {
                ba_number: manifest.number.to_string(),
                line: 2,
                document: Some(DocumentType::KtpEl),
                owner: Some("Siti Aminah".into()),
            },
        },
        ReceiptLine {
            receipt: receipt(11, Some(antar_domain::state::ItemState::Delivered)),
            about: RecordAbout::Document {
                ba_number: "470/0001/Dukcapil/XI/2026".into(),
                line: 7,
                document: Some(DocumentType::KtpEl),
                owner: None,
            },
        },
        ReceiptLine {
            receipt: receipt(10, None),
            about: RecordAbout::Ba {
                ba_number: "470/0001/Dukcapil/XI/2026".into(),
            },
        },
    ];
    let html = render(state);
    assert!(html.contains("Siti Aminah · KTP-el, baris 2"), "{html}");
    assert!(
        html.contains("#12 · 07-12 10:31 WIB · Diserahkan"),
        "{html}"
    );
    assert!(
        html.contains("KTP-el, baris 7 BA 470/0001/Dukcapil/XI/2026"),
        "a forgotten owner: the line and BA instead"
    );
    assert!(
        html.contains("BA 470/0001/Dukcapil/XI/2026</div>"),
        "{html}"
    );
    assert!(
        html.contains("#10 · 07-12 10:31 WIB · Diterima kantor"),
        "{html}"
    );
}

#[test]
fn english_is_one_setting_away() {
    let manifest = manifest_from_sample(5);
    let id = manifest.id;
    let mut state = courier_state(manifest, Route::Manifest(id));
    state.settings.lang = Lang::En;
    let html = render(state);
    assert!(html.contains("Showing 5 of 5"), "{html}");
    assert!(html.contains("My BAs") && html.contains("Settings"));
    assert!(!html.contains("Menampilkan"));
    assert!(html.contains("lang=\"en\""));
}

#[test]
fn enrolling_again_with_unsent_records_warns_first() {
    let manifest = manifest_from_sample(1);
    let html = render(courier_state(manifest.clone(), Route::Enroll));
    assert!(
        !html.contains("enroll-unsent"),
        "nothing unsent, no warning"
    );
    let mut state = courier_state(manifest, Route::Enroll);
    state.status = Some(status(
        true,
        OutboxSummary {
            events: 3,
            ..OutboxSummary::default()
        },
    ));
    let html = render(state);
    assert!(
        html.contains("Masih ada 3 catatan yang belum diterima kantor"),
        "{html}"
    );
    assert!(html.contains("kurir lain"));
}

#[test]
fn settings_and_about_render() {
    let manifest = manifest_from_sample(1);
    let html = render(courier_state(manifest.clone(), Route::Settings));
    assert!(html.contains("Alamat kantor") && html.contains("http://127.0.0.1:8080"));
    assert!(html.contains("Bahasa Indonesia") && html.contains("English"));
    assert!(html.contains("Standar (paling besar 120 KB)"));
    assert!(html.contains("Daftar ulang ponsel ini"));
    let html = render(courier_state(manifest, Route::About));
    assert!(html.contains("UU 27/2022"));
}
