//! The courier's count of a BA's bundle at handover (issue 16, part 1) through the real API:
//! a short count sends the missing documents back to the office's queue and shows on the BA's
//! page, in the BA list, on the print and in the audit log; every count that does not fit its
//! BA is refused saying why; a replay answers as the first time.

use antar_domain::ba_count::HandoverCount;
use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::manifest::Manifest;
use antar_domain::region::RegionCode;
use antar_domain::wire::{BatchResult, Event, EventBody};
use antar_office::{ManifestRequest, Role};
use chrono::NaiveDate;

use crate::common::team::{Chain, refusal, send};
use crate::common::web::Browser;
use crate::common::{TestServer, attempt_event, courier_with_manifest, not_at_home};

fn count_of(manifest: &Manifest, missing: &[usize]) -> EventBody {
    let missing: Vec<ItemId> = missing.iter().map(|n| manifest.items[*n].id).collect();
    EventBody::HandoverCount(HandoverCount {
        manifest_id: manifest.id,
        manifest_sha256: manifest.content_hash(),
        counted: u32::try_from(manifest.items.len() - missing.len()).unwrap(),
        missing,
        fix: None,
        note: None,
    })
}

fn phone_copy(server: &TestServer, token: &str, id: ManifestId) -> Manifest {
    let reply = server.get(&format!("/api/v1/manifests/{id}"), Some(token));
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

crate::on_both_engines! {
fn a_short_count_sends_the_missing_documents_back_and_shows_everywhere() {
    let server = TestServer::start();
    let budi = courier_with_manifest(&server, "Budi Santoso", "18.06.01");
    let ba = phone_copy(&server, &budi.token, budi.manifest.id);
    assert!(ba.count_required, "a new BA asks for the count");
    let on_ba = ba.items.len();
    assert!(on_ba > 5);

    let mut chain = Chain::new(budi.device);
    let short = chain.next(count_of(&ba, &[1, 4]));
    let first = send(&server, &budi.token, std::slice::from_ref(&short));
    let BatchResult::Receipt(receipt) = &first[0] else {
        panic!("{first:?}");
    };
    assert_eq!(receipt.item_state, None);
    assert_eq!(send(&server, &budi.token, &[short]), first, "a replay");
    assert!(
        !phone_copy(&server, &budi.token, ba.id).count_required,
        "counted: a new phone of the courier is not asked again"
    );

    let operator = Browser::signed_in(&server, Role::Operator);
    let page = operator.get(&format!("/ba/{}", ba.id)).page(200);
    let counted = format!("menghitung {} dari {on_ba} dokumen", on_ba - 2);
    for shown in [counted.as_str(), "Tidak ada di bundel: baris 2, 5"] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    assert_eq!(page.matches("Tidak ada saat serah terima").count(), 2);
    let list = operator.get("/ba").page(200);
    assert!(list.contains("Kurang 2"), "{list}");
    let print = operator.get(&format!("/ba/{}/cetak", ba.id)).page(200);
    let line = format!("diterima kurir: {} dari {on_ba} dokumen", on_ba - 2);
    assert!(print.contains(&line), "{print}");
    let audit = Browser::signed_in(&server, Role::Admin)
        .get("/audit")
        .page(200);
    assert!(audit.contains("ba_kurang"), "{audit}");

    // The two documents are free for the next BA.
    let next = server
        .office()
        .issue_manifest(ManifestRequest {
            courier: budi.id,
            officer: "Petugas Uji".to_owned(),
            officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            kecamatan: vec![RegionCode::parse("18.06.01").unwrap()],
            desa: vec![],
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        })
        .unwrap();
    let mut again: Vec<String> = next
        .items
        .iter()
        .map(|i| i.nik.as_str().to_owned())
        .collect();
    let mut missing: Vec<String> = [1, 4]
        .iter()
        .map(|n| ba.items[*n].nik.as_str().to_owned())
        .collect();
    again.sort();
    missing.sort();
    assert_eq!(again, missing);
    server.stop();
}
}

crate::on_both_engines! {
fn a_count_that_does_not_fit_its_ba_is_refused_saying_why() {
    let server = TestServer::start();
    let budi = courier_with_manifest(&server, "Budi Santoso", "18.06.01");
    let sari = courier_with_manifest(&server, "Sari", "18.06.02");
    let ba = phone_copy(&server, &budi.token, budi.manifest.id);
    let mut chain = Chain::new(budi.device);
    let refused = |event: Event, token: &str| refusal(&send(&server, token, &[event])[0]);

    // An attempt first: that document was in the courier's hands.
    let attempt = attempt_event(budi.device, 1, ba.id, ba.items[0].id, not_at_home());
    assert!(matches!(
        send(&server, &budi.token, &[chain.next(attempt.body)])[0],
        BatchResult::Receipt(_)
    ));

    let EventBody::HandoverCount(mut wrong) = count_of(&ba, &[2]) else {
        unreachable!()
    };
    wrong.counted += 1;
    let (status, code, message) = refused(chain.next(EventBody::HandoverCount(wrong)), &budi.token);
    assert_eq!((status, code.as_str()), (422, "bad_handover_count"));
    assert!(message.starts_with("jumlah tidak cocok"), "{message}");

    let EventBody::HandoverCount(mut stranger) = count_of(&ba, &[2]) else {
        unreachable!()
    };
    stranger.missing[0] = ItemId::new_v7();
    let (status, _, message) = refused(chain.next(EventBody::HandoverCount(stranger)), &budi.token);
    assert_eq!(status, 422);
    assert!(message.contains("tidak ada di BA ini"), "{message}");

    let (status, _, message) = refused(chain.next(count_of(&ba, &[0])), &budi.token);
    assert_eq!(status, 422);
    assert!(message.contains("sudah berstatus gagal"), "{message}");

    let mut sari_chain = Chain::new(sari.device);
    let (status, code, _) = refused(sari_chain.next(count_of(&ba, &[])), &sari.token);
    assert_eq!((status, code.as_str()), (404, "manifest_not_found"));

    let fine = chain.next(count_of(&ba, &[]));
    assert!(matches!(
        send(&server, &budi.token, &[fine])[0],
        BatchResult::Receipt(_)
    ));
    let (status, code, _) = refused(chain.next(count_of(&ba, &[])), &budi.token);
    assert_eq!((status, code.as_str()), (409, "already_counted"));
    let list = Browser::signed_in(&server, Role::Operator)
        .get("/ba")
        .page(200);
    assert!(
        list.contains("Lengkap") && list.contains("Belum dihitung"),
        "{list}"
    );
    server.stop();
}
}
