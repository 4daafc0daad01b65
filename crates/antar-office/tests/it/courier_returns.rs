//! Documents the courier hands back (issue 16, part 2) through the real API and staff web: the
//! phone's return arrives as a numbered BA Pengembalian with the courier's count and each
//! reason; staff count the bundle once; a difference on either side stays flagged on the BA's
//! page, the print and the audit log; every return that does not fit is refused saying why.

use antar_domain::attempt::FailureReason;
use antar_domain::ba_return::{CourierReturn, ReturnedDocument};
use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::manifest::Manifest;
use antar_domain::wire::{BatchResult, Event, EventBody};
use antar_office::Role;

use crate::common::team::{Chain, refusal, send};
use crate::common::web::Browser;
use crate::common::{TestServer, attempt_event, courier_with_manifest, office_cli};

fn return_of(manifest: &Manifest, lines: &[usize], counted: u32) -> EventBody {
    EventBody::CourierReturn(CourierReturn {
        manifest_id: manifest.id,
        manifest_sha256: manifest.content_hash(),
        documents: lines
            .iter()
            .map(|n| ReturnedDocument {
                item_id: manifest.items[*n].id,
                reason: if n % 2 == 0 {
                    FailureReason::NotAtHome
                } else {
                    FailureReason::Moved
                },
            })
            .collect(),
        counted,
        fix: None,
        note: None,
    })
}

fn phone_copy(server: &TestServer, token: &str, id: ManifestId) -> Manifest {
    let reply = server.get(&format!("/api/v1/manifests/{id}"), Some(token));
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

fn return_id_on(page: &str) -> String {
    let start = page
        .find("/pengembalian/")
        .map(|at| at + "/pengembalian/".len())
        .unwrap_or_else(|| panic!("no return on the page: {page}"));
    page[start..]
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The follow-up list's row of the document owned by `owner`.
fn followup_row(page: &str, owner: &str) -> String {
    page.split("<tr")
        .find(|row| row.contains(owner))
        .unwrap_or_else(|| panic!("{owner} not on the follow-up list: {page}"))
        .to_owned()
}

crate::on_both_engines! {
fn a_return_of_five_counted_four_at_the_office_stays_flagged() {
    let server = TestServer::start();
    let budi = courier_with_manifest(&server, "Budi Santoso", "18.06.01");
    let ba = phone_copy(&server, &budi.token, budi.manifest.id);
    assert!(ba.items.len() > 6);
    let mut chain = Chain::new(budi.device);
    let handed_back = chain.next(return_of(&ba, &[0, 1, 2, 3, 5], 5));
    let first = send(&server, &budi.token, std::slice::from_ref(&handed_back));
    let BatchResult::Receipt(receipt) = &first[0] else {
        panic!("{first:?}");
    };
    assert_eq!(
        receipt.warning, None,
        "the courier's count matches the list"
    );
    assert_eq!(
        send(&server, &budi.token, &[handed_back]),
        first,
        "a replay"
    );
    let states = phone_copy(&server, &budi.token, ba.id);
    for line in [0, 1, 2, 3, 5] {
        assert_eq!(states.items[line].state.code(), "returned", "line {line}");
    }
    assert_eq!(states.items[4].state.code(), "pending");

    let clerk = Browser::signed_in(&server, Role::Operator);
    let page = clerk.get(&format!("/ba/{}", ba.id)).page(200);
    assert!(page.contains("Menunggu hitungan kantor"), "{page}");
    assert!(page.contains("HP kurir"), "{page}");
    let return_id = return_id_on(&page);
    let print = clerk
        .get(&format!("/pengembalian/{return_id}/cetak"))
        .page(200);
    for shown in [
        "Tidak ada di rumah",
        "Sudah pindah",
        "menurut kurir: 5; menurut kantor: ........",
    ] {
        assert!(print.contains(shown), "{shown}: {print}");
    }

    // On its way to the office: the 14-day clock waits for staff's count.
    let owner = &ba.items[0].owner_name;
    let row = followup_row(&clerk.get("/tindak-lanjut").page(200), owner);
    assert!(row.contains("Masih di kurir"), "{row}");

    let bad = clerk.post(
        &format!("/pengembalian/{return_id}/hitung"),
        &[("jumlah", "empat"), ("petugas", "Rina")],
    );
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("bukan jumlah"), "{}", bad.text());
    let counted = clerk.post(
        &format!("/pengembalian/{return_id}/hitung"),
        &[("jumlah", "4"), ("petugas", "Rina Kasi")],
    );
    assert_eq!(counted.status, 303, "{}", counted.text());
    let flag = "Selisih: 5 dokumen di daftar, kurir menghitung 5, kantor menghitung 4";
    let page = clerk.get(&format!("/ba/{}", ba.id)).page(200);
    assert!(page.contains(flag), "{page}");
    assert!(page.contains("dihitung oleh Rina Kasi"), "{page}");
    let print = clerk
        .get(&format!("/pengembalian/{return_id}/cetak"))
        .page(200);
    assert!(
        print.contains(flag) && print.contains("Rina Kasi"),
        "{print}"
    );
    let again = clerk.post(
        &format!("/pengembalian/{return_id}/hitung"),
        &[("jumlah", "5"), ("petugas", "Rina Kasi")],
    );
    assert_eq!(again.status, 400);
    assert!(
        again.text().contains("sudah dihitung kantor"),
        "{}",
        again.text()
    );
    let page = clerk.get(&format!("/ba/{}", ba.id)).page(200);
    assert!(
        page.contains(flag),
        "a second count does not resolve it: {page}"
    );
    let audit = Browser::signed_in(&server, Role::Admin)
        .get("/audit")
        .page(200);
    for action in ["ba_kembali_kurir", "ba_kembali_selisih"] {
        assert!(audit.contains(action), "{action}: {audit}");
    }
    // Counted at the office: the returned documents' 14-day follow-up clock runs from today.
    let row = followup_row(&clerk.get("/tindak-lanjut").page(200), owner);
    assert!(!row.contains("Masih di kurir"), "{row}");
    assert!(row.contains("class=\"num\">0</td>"), "waited 0 days: {row}");
    assert_eq!(server.office().tally_drift().unwrap(), 0, "counts and states as a full pass finds them");
    server.stop();
}
}

crate::on_both_engines! {
fn a_return_that_does_not_fit_is_refused_and_a_short_count_is_flagged() {
    let server = TestServer::start();
    let budi = courier_with_manifest(&server, "Budi Santoso", "18.06.01");
    let sari = courier_with_manifest(&server, "Sari", "18.06.02");
    let ba = phone_copy(&server, &budi.token, budi.manifest.id);
    let mut chain = Chain::new(budi.device);
    let refused = |event: Event, token: &str| refusal(&send(&server, token, &[event])[0]);

    let delivered = attempt_event(
        budi.device,
        1,
        ba.id,
        ba.items[0].id,
        antar_domain::attempt::Outcome::DeliveredToOwner,
    );
    assert!(matches!(
        send(&server, &budi.token, &[chain.next(delivered.body)])[0],
        BatchResult::Receipt(_)
    ));
    let (status, code, message) = refused(chain.next(return_of(&ba, &[0], 1)), &budi.token);
    assert_eq!((status, code.as_str()), (422, "bad_return"));
    assert!(message.contains("sudah berstatus diserahkan"), "{message}");

    let EventBody::CourierReturn(mut stranger) = return_of(&ba, &[1], 1) else {
        unreachable!()
    };
    stranger.documents[0].item_id = ItemId::new_v7();
    let (status, _, message) = refused(chain.next(EventBody::CourierReturn(stranger)), &budi.token);
    assert_eq!(status, 422);
    assert!(message.contains("tidak ada di BA ini"), "{message}");

    // Refused whatever the BA: the body itself does not add up.
    let (status, code, message) = refused(chain.next(return_of(&ba, &[1, 2], 3)), &budi.token);
    assert_eq!((status, code.as_str()), (400, "bad_return"));
    assert!(message.contains("jumlah tidak cocok"), "{message}");

    let mut sari_chain = Chain::new(sari.device);
    let (status, code, _) = refused(sari_chain.next(return_of(&ba, &[1], 1)), &sari.token);
    assert_eq!((status, code.as_str()), (404, "manifest_not_found"));

    let short = send(
        &server,
        &budi.token,
        &[chain.next(return_of(&ba, &[1, 2], 1))],
    );
    let BatchResult::Receipt(receipt) = &short[0] else {
        panic!("{short:?}");
    };
    assert!(
        receipt
            .warning
            .as_deref()
            .is_some_and(|w| w.contains("menghitung 1 dari 2")),
        "{receipt:?}"
    );
    let (status, _, message) = refused(chain.next(return_of(&ba, &[2], 1)), &budi.token);
    assert_eq!(status, 422);
    assert!(
        message.contains("sudah berstatus dikembalikan"),
        "{message}"
    );
    let page = Browser::signed_in(&server, Role::Operator)
        .get(&format!("/ba/{}", ba.id))
        .page(200);
    assert!(
        page.contains("Selisih: 2 dokumen di daftar, kurir menghitung 1"),
        "flagged before the office counts: {page}"
    );
    server.stop();
}
}

crate::on_both_engines! {
fn staff_count_a_courier_return_on_the_command_line_once() {
    let server = TestServer::start();
    let budi = courier_with_manifest(&server, "Budi Santoso", "18.06.01");
    let ba = phone_copy(&server, &budi.token, budi.manifest.id);
    let mut chain = Chain::new(budi.device);
    send(
        &server,
        &budi.token,
        &[chain.next(return_of(&ba, &[0, 1, 2], 3))],
    );
    let text = |out: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let number = ba.number.to_string();
    let listed = office_cli(&server, &["ba", "returns", &number]);
    assert!(listed.status.success(), "{}", text(&listed));
    let listed = text(&listed);
    assert!(
        listed.contains(
            "dari HP kurir  Menunggu hitungan kantor (3 dokumen di daftar, hitungan kurir 3, \
             hitungan kantor -)"
        ),
        "{listed}"
    );
    let return_number = listed.split_whitespace().next().unwrap().to_owned();
    let counted = office_cli(
        &server,
        &[
            "ba",
            "return-count",
            &return_number,
            "--counted",
            "3",
            "--officer",
            "Rina",
        ],
    );
    assert!(counted.status.success(), "{}", text(&counted));
    assert!(text(&counted).contains("Cocok"), "{}", text(&counted));
    let again = office_cli(
        &server,
        &[
            "ba",
            "return-count",
            &return_number,
            "--counted",
            "2",
            "--officer",
            "Rina",
        ],
    );
    assert!(!again.status.success());
    assert!(
        text(&again).contains("sudah dihitung kantor"),
        "{}",
        text(&again)
    );
    let audit = Browser::signed_in(&server, Role::Admin)
        .get("/audit")
        .page(200);
    assert!(audit.contains("ba_kembali_hitung"), "{audit}");
    server.stop();
}
}
