//! The phone's form of a BA (issue 16, part 3) through the real API: `?form=phone` cuts each
//! NIK to its last 4 digits; the whole BA still answers without it (phones of earlier
//! versions); the office keeps the fingerprint of each form it served, so an attempt recorded
//! against the phone's form is bound to its BA, and one against a form never served is not.

use antar_domain::manifest::Manifest;
use antar_domain::wire::{BatchResult, EventBody};

use crate::common::team::{Chain, send};
use crate::common::{TestServer, attempt_event, courier_with_manifest, not_at_home};

#[test]
fn a_phone_gets_the_last_four_digits_and_its_proofs_stay_bound() {
    let server = TestServer::start();
    let budi = courier_with_manifest(&server, "Budi Santoso", "18.06.01");
    let path = format!("/api/v1/manifests/{}", budi.manifest.id);

    let whole: Manifest = server.get(&path, Some(&budi.token)).json();
    assert!(
        whole.items.iter().all(|i| i.nik.whole().is_some()),
        "earlier phones"
    );
    let reply = server.get(&format!("{path}?form=phone"), Some(&budi.token));
    assert_eq!(reply.status, 200, "{}", reply.text());
    let text = reply.text();
    for item in &whole.items {
        let nik = item.nik.as_str();
        assert!(
            !text.contains(nik),
            "line {}: the whole NIK went to the phone",
            item.line
        );
    }
    let lean: Manifest = reply.json();
    assert_eq!(
        lean.items[0].nik.as_str(),
        whole.items[0].nik.last_digits(4)
    );
    assert_ne!(lean.content_hash(), whole.content_hash());
    let unknown = server.get(&format!("{path}?form=kertas"), Some(&budi.token));
    assert_eq!(unknown.status, 400);
    assert!(
        unknown.text().contains("unknown_form"),
        "{}",
        unknown.text()
    );

    let mut chain = Chain::new(budi.device);
    let mut bound_to = |manifest_sha256| {
        let mut event = attempt_event(budi.device, 1, lean.id, lean.items[1].id, not_at_home());
        if let EventBody::Attempt(attempt) = &mut event.body {
            attempt.manifest_sha256 = manifest_sha256;
        }
        let result = send(&server, &budi.token, &[chain.next(event.body)]);
        assert!(matches!(result[0], BatchResult::Receipt(_)), "{result:?}");
    };
    bound_to(lean.content_hash());
    bound_to(whole.content_hash());
    bound_to(antar_domain::ids::Sha256Hash::of(b"a form never served"));
    let bound: Vec<bool> = server
        .office()
        .attempts()
        .unwrap()
        .iter()
        .map(|a| a.manifest_bound)
        .collect();
    assert_eq!(bound, [true, true, false]);
}
