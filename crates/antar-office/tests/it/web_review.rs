//! The review queue: the office's own findings on each proof beside it, clean ones apart and
//! approved together, the reviewer taken to the next proof after each verdict, and a flag
//! without a note kept on its page with the error beside the field.

use std::path::Path;

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{FailureReason, FixProvider, GpsFix, Outcome};
use antar_domain::region::Registry;

use crate::common::PHOTO;
use crate::web_flow::field;

fn record(device: &mut Device, line: usize, outcome: Outcome, with_fix: bool) {
    let manifest = device.manifests().unwrap()[0].id;
    let item = device.manifest(manifest).unwrap().items[line - 1].clone();
    // At the centre of the address desa: the office finds nothing to say about the place.
    let (lat, lon) = Registry::tanggamus()
        .get(&item.address.desa)
        .and_then(|desa| desa.centroid)
        .unwrap();
    device
        .record_attempt(AttemptInput {
            item_id: item.id,
            outcome,
            photo: Some(Path::new(PHOTO).to_owned()),
            fix: with_fix.then(|| {
                GpsFix::new(lat, lon, 15.0, chrono::Utc::now(), FixProvider::Gps).unwrap()
            }),
            note: None,
        })
        .unwrap();
}

fn not_home() -> Outcome {
    Outcome::Failed {
        reason: FailureReason::NotAtHome,
    }
}

/// The proof numbers the list links to, in its order.
fn listed(page: &str) -> Vec<String> {
    page.match_indices("href=\"/bukti/")
        .map(|(at, _)| {
            page[at + 13..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect()
        })
        .collect()
}

#[test]
fn findings_set_clean_proofs_apart_which_are_approved_together_and_each_verdict_moves_on() {
    let mut f = field();
    // Recorded first: a failed attempt without a GPS fix; then a delivery at the address.
    record(&mut f.device, 1, not_home(), false);
    record(&mut f.device, 3, Outcome::DeliveredToOwner, true);
    f.device.sync().unwrap();

    let newest = f.reviewer.get("/bukti").page(200);
    let order = listed(&newest);
    assert_eq!(order.len(), 2);
    let (clean, no_fix) = (order[0].clone(), order[1].clone());
    assert!(newest.contains("Bersih"), "{newest}");
    assert!(newest.contains("Tanpa lokasi GPS"));
    assert_eq!(
        newest.matches("type=\"checkbox\"").count(),
        1,
        "only the clean one"
    );
    assert!(newest.contains("Setujui semua yang bersih di halaman ini (1)"));
    // Findings first: the proof without a fix leads.
    let by_findings = f.reviewer.get("/bukti?urutan=temuan").page(200);
    assert_eq!(listed(&by_findings), vec![no_fix.clone(), clean.clone()]);
    let page = f.reviewer.get(&format!("/bukti/{no_fix}")).page(200);
    assert!(page.contains("Tanpa lokasi GPS"));

    // A flag without a note: the same proof's page, the error beside the note.
    let refused = f.reviewer.post(
        &format!("/bukti/{no_fix}"),
        &[("verdict", "flagged"), ("catatan", "  ")],
    );
    let refused = refused.page(422);
    assert!(
        refused.contains("Tulis catatan: mengapa bukti ini bermasalah"),
        "{refused}"
    );
    assert!(refused.contains("aria-invalid=\"true\""));
    assert!(refused.contains(&format!("action=\"/bukti/{no_fix}\"")));

    // All clean on the page, as the page listed them — one with a finding slipped in is
    // skipped, not approved.
    let approved = f.reviewer.post(
        "/bukti/setujui",
        &[("aksi", "bersih"), ("bersih", &clean), ("bersih", &no_fix)],
    );
    assert_eq!(approved.location(), "/bukti?disetujui=1&dilewati=1");
    let after = f.reviewer.get(&approved.location()).page(200);
    assert!(
        after.contains("1 bukti bersih disetujui; 1 dilewati"),
        "{after}"
    );
    assert_eq!(
        listed(&after),
        vec![no_fix.clone()],
        "the clean one left the queue"
    );
    assert!(
        f.reviewer
            .get(&format!("/bukti/{clean}"))
            .page(200)
            .contains("Disetujui")
    );

    // Two more come in; flagging one goes to the next unreviewed with a message.
    record(&mut f.device, 2, not_home(), false);
    record(&mut f.device, 4, not_home(), false);
    f.device.sync().unwrap();
    let flagged = f.reviewer.post(
        &format!("/bukti/{no_fix}"),
        &[("verdict", "flagged"), ("catatan", "tidak ada lokasi")],
    );
    assert_eq!(flagged.status, 303);
    let next = flagged.location();
    assert!(
        next.starts_with("/bukti/")
            && next.ends_with(&format!("?selesai={no_fix}&putusan=flagged")),
        "{next}"
    );
    let next_page = f.reviewer.get(&next).page(200);
    assert!(
        next_page.contains(&format!(
            "Bukti no. {no_fix} ditandai bermasalah. Ini bukti berikutnya"
        )),
        "{next_page}"
    );
    // Deciding the rest one by one ends on the list: nothing left.
    let mut at = next;
    let mut decided = 0;
    while at.starts_with("/bukti/") {
        let seq: String = at[7..].chars().take_while(char::is_ascii_digit).collect();
        let reply = f.reviewer.post(
            &format!("/bukti/{seq}"),
            &[("verdict", "flagged"), ("catatan", "ulangi dengan GPS")],
        );
        at = reply.location();
        decided += 1;
        assert!(decided <= 2, "{at}");
    }
    assert_eq!(decided, 2);
    let done = f.reviewer.get(&at).page(200);
    assert!(
        done.contains("Tidak ada lagi bukti yang menunggu"),
        "{done}"
    );
    assert_eq!(
        f.server.office().tally_drift().unwrap(),
        0,
        "counts and states as a full pass finds them"
    );
    f.server.stop();
}
