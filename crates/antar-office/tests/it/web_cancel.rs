//! A BA issued by mistake is cancelled while the courier has neither counted nor recorded on
//! it: its documents go back to the office's queue; an attempt the phone still sends for it is
//! taken with a warning; a BA already at work cannot be cancelled.

use antar_domain::attempt::Outcome;

use crate::web_flow::{attempt, field};

#[test]
fn a_ba_not_yet_at_work_is_cancelled_and_a_late_attempt_is_kept_with_a_warning() {
    let mut f = field();
    let page = f.operator.get(&format!("/ba/{}", f.manifest)).page(200);
    assert!(page.contains("Batalkan BA ini"), "{page}");
    let no_reason = f
        .operator
        .post(&format!("/ba/{}/batal", f.manifest), &[("alasan", " ")]);
    assert_eq!(no_reason.status, 400, "{}", no_reason.text());
    let cancelled = f.operator.post(
        &format!("/ba/{}/batal", f.manifest),
        &[("alasan", "kurir salah, BA diterbitkan ulang")],
    );
    assert_eq!(cancelled.status, 303, "{}", cancelled.text());
    let page = f.operator.get(&format!("/ba/{}", f.manifest)).page(200);
    assert!(page.contains("BA ini dibatalkan"), "{page}");
    assert!(page.contains("kurir salah, BA diterbitkan ulang"));
    assert!(!page.contains("Batalkan BA ini"));
    let again = f
        .operator
        .post(&format!("/ba/{}/batal", f.manifest), &[("alasan", "lagi")]);
    assert!(again.page(400).contains("sudah dibatalkan"));
    // Not waiting for collection: back in the queue.
    let followups = f.operator.get("/tindak-lanjut").page(200);
    assert!(!followups.contains("href=\"/tindak-lanjut/"), "{followups}");

    // The phone had the BA already: what it records is taken, with a warning for review.
    attempt(&mut f.device, 1, Outcome::DeliveredToOwner, true);
    f.device.sync().unwrap();
    let late = f.server.office().attempts().unwrap().pop().unwrap();
    assert!(late.warning.is_some(), "{late:?}");

    // The documents go on a new BA; once it is at work it cannot be cancelled.
    let courier = f.server.office().couriers().unwrap()[0].id;
    let issued = f
        .operator
        .issue_ba(&courier.to_string(), "18.06.01", "2026-11-27");
    assert_eq!(issued.status, 303, "{}", issued.text());
    let second = issued.location().trim_start_matches("/ba/").to_owned();
    f.device.pull().unwrap();
    let manifests = f.device.manifests().unwrap();
    let newest = manifests
        .iter()
        .find(|m| m.id.to_string() == second)
        .unwrap();
    let item = f.device.manifest(newest.id).unwrap().items[0].id;
    f.device
        .record_attempt(antar_device::AttemptInput {
            item_id: item,
            outcome: Outcome::DeliveredToOwner,
            photo: Some(std::path::Path::new(crate::common::PHOTO).to_owned()),
            fix: None,
            note: None,
        })
        .unwrap();
    f.device.sync().unwrap();
    let refused = f
        .operator
        .post(&format!("/ba/{second}/batal"), &[("alasan", "salah")]);
    let refused = refused.page(400);
    assert!(refused.contains("tidak bisa dibatalkan"), "{refused}");
    let admin_audit = {
        let mut admin = crate::common::web::Browser::new(&f.server);
        assert_eq!(
            admin
                .sign_in("uji-admin", crate::common::web::PASSWORD)
                .status,
            303
        );
        admin.get("/audit").page(200)
    };
    assert!(admin_audit.contains("Membatalkan BA 470/"), "{admin_audit}");
    assert_eq!(
        f.server.office().tally_drift().unwrap(),
        0,
        "counts and states as a full pass finds them"
    );
    f.server.stop();
}
