//! The HTTP API v1 end to end, on a real server over a real SQLite file: enrollment, the
//! protocol header, tokens, manifests per courier, idempotent events and batches, JSON errors.

use antar_domain::attempt::{OfficialPosition, Outcome, Relationship, Text};
use antar_domain::field_role::FieldRole;
use antar_domain::ids::{EventId, ManifestId};
use antar_domain::manifest::Manifest;
use antar_domain::state::ItemState;
use antar_domain::wire::{BatchResponse, BatchResult, Health, ManifestList, Receipt};
use common::{TestServer, attempt_event, courier_with_manifest, event_path, not_at_home};
use serde_json::json;

use crate::common;

crate::on_both_engines! {
fn health_answers_with_the_protocol_version() {
    let server = TestServer::start();
    let reply = server.get("/api/v1/health", None);
    assert_eq!(reply.status, 200);
    reply.assert_protocol();
    let health: Health = reply.json();
    assert_eq!(health.protocol, 1);
    assert_eq!(health.status.as_deref(), Some("ok"));
    assert!(health.problems.is_empty());
    server.stop();
}
}

crate::on_both_engines! {
fn enrollment_codes_work_once_and_wrong_ones_say_nothing_more() {
    let server = TestServer::start();
    let (courier, code) = server
        .office()
        .add_courier("Kurir Satu", Some("0812-3456-7890"), FieldRole::Courier)
        .unwrap();
    let lowercase = code.display().to_lowercase();
    let reply = server.send_json(
        "POST",
        "/api/v1/enroll",
        None,
        &json!({"code": lowercase, "device_label": "HP Kurir Satu"}),
    );
    assert_eq!(reply.status, 201, "{}", reply.text());
    let enrolled: antar_domain::wire::EnrollResponse = reply.json();
    assert_eq!(enrolled.courier.id, courier);
    assert_eq!(enrolled.token.len(), 64);

    for code in [
        code.display(),
        "ABCD-EFGH".to_owned(),
        "nonsense".to_owned(),
    ] {
        let again = server.send_json(
            "POST",
            "/api/v1/enroll",
            None,
            &json!({"code": code, "device_label": "HP lain"}),
        );
        let error = again.api_error(401);
        assert_eq!(error.code, "enrollment_code");
    }
    let couriers = server.office().couriers().unwrap();
    assert_eq!(couriers[0].devices, 1);
    server.stop();
}
}

crate::on_both_engines! {
/// Guessing codes is paused after 20 wrong ones in a minute, for everyone (a guesser may come
/// from many addresses): the 21st try, even with a good code, is told to wait and for how long.
fn enrollment_pauses_after_too_many_wrong_codes() {
    let server = TestServer::start();
    let (_, code) = server
        .office()
        .add_courier("Kurir Satu", None, FieldRole::Courier)
        .unwrap();
    let enroll = |code: &str| {
        server.send_json(
            "POST",
            "/api/v1/enroll",
            None,
            &json!({"code": code, "device_label": "HP"}),
        )
    };
    for n in 0..20 {
        let guess = format!("ZZZZ-{n:04}");
        assert_eq!(enroll(&guess).api_error(401).code, "enrollment_code");
    }
    for tried in ["ZZZZ-9999", code.display().as_str()] {
        let paused = enroll(tried);
        let retry_after: u64 = paused.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=61).contains(&retry_after), "{retry_after}");
        let error = paused.api_error(429);
        assert_eq!(error.code, "enrollment_paused");
        assert!(error.message.contains("coba lagi"), "{}", error.message);
    }
    // The good code was not spent while paused.
    assert_eq!(server.office().couriers().unwrap()[0].devices, 0);
    server.stop();
}
}

crate::on_both_engines! {
fn the_protocol_header_is_required_and_checked() {
    let server = TestServer::start();
    let missing = server.raw_request("GET", "/api/v1/manifests", &[], None);
    assert_eq!(missing.api_error(400).code, "protocol_missing");
    // A monitor asks for health without it.
    let monitor = server.raw_request("GET", "/api/v1/health", &[], None);
    assert_eq!(monitor.status, 200);
    monitor.assert_protocol();
    let wrong = server.raw_request("GET", "/api/v1/health", &[("x-antar-protocol", "2")], None);
    let error = wrong.api_error(400);
    assert_eq!(error.code, "protocol_version");
    assert!(
        error.message.contains("\"2\"") && error.message.contains("versi 1"),
        "{}",
        error.message
    );
    server.stop();
}
}

crate::on_both_engines! {
fn tokens_are_required_and_must_be_known() {
    let server = TestServer::start();
    let missing = server.get("/api/v1/manifests", None);
    assert_eq!(missing.api_error(401).code, "unauthorized");
    assert!(missing.header("www-authenticate").is_some());
    let wrong = server.get("/api/v1/manifests", Some(&"0".repeat(64)));
    assert_eq!(wrong.api_error(401).code, "unauthorized");
    let not_bearer = server.request(
        "GET",
        "/api/v1/manifests",
        None,
        &[("authorization", "Basic YTpi")],
        None,
    );
    assert_eq!(not_bearer.api_error(401).code, "unauthorized");
    server.stop();
}
}

crate::on_both_engines! {
fn a_courier_sees_only_its_own_manifests() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let b = courier_with_manifest(&server, "Kurir B", "18.06.20");

    let list: ManifestList = server.get("/api/v1/manifests", Some(&a.token)).json();
    assert_eq!(list.manifests.len(), 1);
    let summary = &list.manifests[0];
    assert_eq!(summary.id, a.manifest.id);
    assert_eq!(summary.item_count as usize, a.manifest.items.len());
    assert_eq!(summary.kecamatan, ["Kota Agung"]);

    let path = format!("/api/v1/manifests/{}", a.manifest.id);
    let own = server.get(&path, Some(&a.token));
    assert_eq!(own.status, 200);
    let downloaded: Manifest = own.json();
    assert_eq!(downloaded, a.manifest);
    assert_eq!(downloaded.content_hash(), a.manifest.content_hash());
    // Items come in walking order: desa, then RT/RW.
    let keys: Vec<_> = downloaded
        .items
        .iter()
        .map(|i| (i.address.desa.clone(), i.address.rt, i.address.rw))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]));

    let foreign = server.get(&path, Some(&b.token));
    assert_eq!(foreign.api_error(404).code, "manifest_not_found");
    let unknown = server.get(
        &format!("/api/v1/manifests/{}", ManifestId::new_v7()),
        Some(&a.token),
    );
    assert_eq!(unknown.api_error(404).code, "manifest_not_found");
    let malformed = server.get("/api/v1/manifests/not-a-uuid", Some(&a.token));
    assert_eq!(malformed.api_error(400).code, "bad_id");
    server.stop();
}
}

crate::on_both_engines! {
fn events_are_idempotent_and_conflicts_are_refused() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let item = &a.manifest.items[0];
    let event = attempt_event(
        a.device,
        1,
        a.manifest.id,
        item.id,
        Outcome::DeliveredToOwner,
    );

    let first = server.send_json("PUT", &event_path(&event), Some(&a.token), &event);
    assert_eq!(first.status, 201, "{}", first.text());
    first.assert_protocol();
    let receipt: Receipt = first.json();
    assert_eq!(receipt.event_id, event.id);
    assert_eq!(receipt.event_sha256, event.content_hash());
    assert_eq!(receipt.item_state, Some(ItemState::Delivered));
    assert_eq!(receipt.warning, None);
    assert_eq!(receipt.office_seq, 1);

    let again = server.send_json("PUT", &event_path(&event), Some(&a.token), &event);
    assert_eq!(again.status, 200);
    assert_eq!(
        again.body, first.body,
        "a replay gets the identical receipt bytes"
    );

    let mut changed = event.clone();
    changed.device_seq = 2;
    let conflict = server.send_json("PUT", &event_path(&event), Some(&a.token), &changed);
    assert_eq!(conflict.api_error(409).code, "event_conflict");

    // The same event from a client that writes JSON its own way (keys sorted by a generic
    // value, spaces around) is the same event: the office encodes it as the device would.
    let reencoded = format!(" {} \n", serde_json::to_value(&event).unwrap());
    assert_ne!(reencoded.trim().as_bytes(), &event.canonical_bytes()[..]);
    let other_bytes = server.send_json_bytes(
        "PUT",
        &event_path(&event),
        Some(&a.token),
        reencoded.as_bytes(),
    );
    assert_eq!(other_bytes.status, 200, "{}", other_bytes.text());
    assert_eq!(other_bytes.body, first.body);

    let other_path = format!("/api/v1/events/{}", EventId::new_v7());
    let mismatch = server.send_json("PUT", &other_path, Some(&a.token), &event);
    assert_eq!(mismatch.api_error(400).code, "id_mismatch");

    // Pretty-printed: encoded again, hashed as the device hashed it.
    let second = attempt_event(
        a.device,
        2,
        a.manifest.id,
        a.manifest.items[1].id,
        not_at_home(),
    );
    let pretty = serde_json::to_vec_pretty(&second).unwrap();
    let stored = server.send_json_bytes(
        "PUT",
        &event_path(&second),
        Some(&a.token),
        &[&b"\n  "[..], &pretty, b"\r\n"].concat(),
    );
    assert_eq!(stored.status, 201, "{}", stored.text());
    assert_eq!(stored.json::<Receipt>().event_sha256, second.content_hash());

    // Written as a device writes, it is kept and hashed as sent, not encoded again (here an
    // escape the office's encoding would not write; a device never sends one).
    let third = attempt_event(
        a.device,
        3,
        a.manifest.id,
        a.manifest.items[2].id,
        not_at_home(),
    );
    let canonical = String::from_utf8(third.canonical_bytes()).unwrap();
    let sent = canonical.replacen("not_at_home", "not\\u005fat_home", 1);
    assert_ne!(sent, canonical);
    let kept = server.send_json_bytes("PUT", &event_path(&third), Some(&a.token), sent.as_bytes());
    assert_eq!(kept.status, 201, "{}", kept.text());
    assert_eq!(
        kept.json::<Receipt>().event_sha256,
        antar_domain::ids::Sha256Hash::of(sent.as_bytes())
    );

    assert_eq!(server.office().event_count().unwrap(), 3);
    let manifest: Manifest = server
        .get(
            &format!("/api/v1/manifests/{}", a.manifest.id),
            Some(&a.token),
        )
        .json();
    assert_eq!(manifest.items[0].state, ItemState::Delivered);
    server.stop();
}
}

crate::on_both_engines! {
fn a_courier_cannot_write_to_another_couriers_manifest() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let b = courier_with_manifest(&server, "Kurir B", "18.06.20");
    let a_item = a.manifest.items[0].id;

    // B's own device, A's manifest and item: looks like an unknown item.
    let event = attempt_event(
        b.device,
        1,
        a.manifest.id,
        a_item,
        Outcome::DeliveredToOwner,
    );
    let reply = server.send_json("PUT", &event_path(&event), Some(&b.token), &event);
    assert_eq!(reply.api_error(404).code, "item_not_found");
    // B's manifest with A's item: the item is not in that manifest.
    let event = attempt_event(
        b.device,
        2,
        b.manifest.id,
        a_item,
        Outcome::DeliveredToOwner,
    );
    let reply = server.send_json("PUT", &event_path(&event), Some(&b.token), &event);
    assert_eq!(reply.api_error(404).code, "item_not_found");
    // B's token claiming to be A's device.
    let event = attempt_event(
        a.device,
        1,
        a.manifest.id,
        a_item,
        Outcome::DeliveredToOwner,
    );
    let reply = server.send_json("PUT", &event_path(&event), Some(&b.token), &event);
    assert_eq!(reply.api_error(403).code, "wrong_device");

    assert_eq!(server.office().event_count().unwrap(), 0);
    let manifest = server.office().manifest(a.manifest.id).unwrap().unwrap();
    assert_eq!(manifest.items[0].state, ItemState::Pending);

    // Once A's own attempt is in (the office now remembers the item), B is still refused.
    let own = attempt_event(a.device, 1, a.manifest.id, a_item, not_at_home());
    let reply = server.send_json("PUT", &event_path(&own), Some(&a.token), &own);
    assert_eq!(reply.status, 201, "{}", reply.text());
    for manifest in [a.manifest.id, b.manifest.id] {
        let event = attempt_event(b.device, 3, manifest, a_item, Outcome::DeliveredToOwner);
        let reply = server.send_json("PUT", &event_path(&event), Some(&b.token), &event);
        assert_eq!(reply.api_error(404).code, "item_not_found");
    }
    let manifest = server.office().manifest(a.manifest.id).unwrap().unwrap();
    assert_eq!(manifest.items[0].state, ItemState::Failed);
    server.stop();
}
}

crate::on_both_engines! {
fn delivering_twice_is_stored_with_a_warning_and_changes_nothing() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let item = a.manifest.items[3].id;
    let failed = attempt_event(a.device, 1, a.manifest.id, item, not_at_home());
    let delivered = attempt_event(a.device, 2, a.manifest.id, item, Outcome::DeliveredToOwner);
    let family = attempt_event(
        a.device,
        3,
        a.manifest.id,
        item,
        Outcome::DeliveredToFamily {
            recipient: Text::parse("Siti").unwrap(),
            relationship: Relationship::Spouse,
        },
    );
    let states: Vec<Receipt> = [&failed, &delivered, &family]
        .into_iter()
        .map(|e| {
            let reply = server.send_json("PUT", &event_path(e), Some(&a.token), e);
            assert_eq!(reply.status, 201, "{}", reply.text());
            reply.json()
        })
        .collect();
    assert_eq!(states[0].item_state, Some(ItemState::Failed));
    assert_eq!(states[1].item_state, Some(ItemState::Delivered));
    assert_eq!(states[2].item_state, Some(ItemState::Delivered));
    let warning = states[2].warning.as_deref().unwrap();
    assert!(warning.contains("Diserahkan"), "{warning}");

    let attempts = server.office().attempts().unwrap();
    assert_eq!(attempts.len(), 3);
    assert_eq!(attempts[2].event_id, family.id);
    assert_eq!(attempts[2].outcome.code(), "delivered_to_family");
    assert!(attempts[2].warning.is_some());
    assert!(attempts[1].warning.is_none());

    let report = server.office().report().unwrap();
    assert_eq!(report.total.delivered, 1);
    assert_eq!(report.total.total(), 500);
    server.stop();
}
}

crate::on_both_engines! {
/// A batch's attempts change their items together at its end: each item as its last attempt
/// left it, across more items than one statement writes; and a review between two requests
/// (another writer in the same process) is what the next attempt meets.
fn a_batch_leaves_each_item_as_its_last_attempt_and_sees_a_review() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let m = a.manifest.id;
    let items = &a.manifest.items;
    assert_eq!(items.len(), 57);
    let mut events = vec![
        attempt_event(a.device, 1, m, items[0].id, not_at_home()),
        attempt_event(a.device, 2, m, items[0].id, Outcome::DeliveredToOwner),
        attempt_event(a.device, 3, m, items[0].id, Outcome::DeliveredToOwner),
    ];
    // 56 more items: 57 in all, written as 32 + 8 + 8 + 8 + 1, each statement size.
    for (seq, item) in (4..).zip(&items[1..=55]) {
        events.push(attempt_event(a.device, seq, m, item.id, Outcome::DeliveredToOwner));
    }
    events.push(attempt_event(a.device, 59, m, items[56].id, not_at_home()));
    // An event sent twice in one batch is stored once; other bytes under its id conflict.
    events.push(events[1].clone());
    let mut other_bytes = events[4].clone();
    other_bytes.device_seq = 99;
    events.push(other_bytes);
    let reply = server.post_batch(&a.token, &events);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let answers: BatchResponse = reply.json();
    let mut results = answers.results;
    match results.pop() {
        Some(BatchResult::Error { status: 409, .. }) => {}
        other => panic!("other bytes under a stored id: {other:?}"),
    }
    let receipts: Vec<Receipt> = results
        .into_iter()
        .map(|r| match r {
            BatchResult::Receipt(receipt) => receipt,
            other => panic!("not stored: {other:?}"),
        })
        .collect();
    assert_eq!(receipts[59], receipts[1], "the same event, the same receipt");
    assert_eq!(server.office().event_count().unwrap(), 59);
    assert_eq!(receipts[0].item_state, Some(ItemState::Failed));
    assert_eq!(receipts[1].item_state, Some(ItemState::Delivered));
    assert!(receipts[2].warning.is_some(), "delivered twice in one batch");
    let report = server.office().report().unwrap();
    assert_eq!(report.total.delivered, 56);
    assert_eq!(report.total.failed, 1);
    assert_eq!(report.total.total(), 500);

    // The reviewer flags the item's latest delivery: it is pending again, and a delivery in the
    // next request is a delivery, not a second one.
    server
        .office()
        .add_staff_user("rina", "Rina", None, antar_office::Role::Reviewer, "kuda-lari-pagi-7")
        .unwrap();
    let reviewer = server.office().staff_user("rina").unwrap().unwrap();
    server
        .office()
        .review_proof(
            &reviewer,
            antar_office::ProofNumber::new(receipts[2].office_seq),
            antar_office::Verdict::Flagged,
            Some("foto buram"),
        )
        .unwrap();
    assert_eq!(server.office().report().unwrap().total.delivered, 55);
    let again = attempt_event(a.device, 60, m, items[0].id, Outcome::DeliveredToOwner);
    let reply = server.send_json("PUT", &event_path(&again), Some(&a.token), &again);
    assert_eq!(reply.status, 201, "{}", reply.text());
    let receipt: Receipt = reply.json();
    assert_eq!(receipt.warning, None, "delivered after the review reopened it");
    assert_eq!(server.office().report().unwrap().total.delivered, 56);
    assert_eq!(server.office().tally_drift().unwrap(), 0, "counts and states as a full pass finds them");
    server.stop();
}
}

/// What another process writes (as a tool or the CLI could) is what ingest meets next: an
/// item's state, and an event row, whose office number the office does not give out again.
#[test]
fn changes_made_by_another_process_are_seen_by_the_next_event() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let item = a.manifest.items[0].id;
    let put = |seq| {
        let event = attempt_event(
            a.device,
            seq,
            a.manifest.id,
            item,
            Outcome::DeliveredToOwner,
        );
        let reply = server.send_json("PUT", &event_path(&event), Some(&a.token), &event);
        assert_eq!(reply.status, 201, "{}", reply.text());
        reply.json::<Receipt>()
    };
    let first = put(1);
    assert_eq!(first.item_state, Some(ItemState::Delivered));
    let db = rusqlite::Connection::open(server.data_dir().join("office.sqlite")).unwrap();
    db.execute(
        "UPDATE manifest_items SET state = 'pending' WHERE id = ?1",
        [item.to_string()],
    )
    .unwrap();
    let again = put(2);
    assert_eq!(again.warning, None, "delivered after it was reopened");
    assert_eq!(again.item_state, Some(ItemState::Delivered));

    db.execute(
        "INSERT INTO events (office_seq, id, device_id, device_seq, canonical, sha256,
             received_at)
         VALUES (?1, ?2, 'alat', 1, x'7b7d', 'ab', '2026-11-26T00:00:00.000Z')",
        rusqlite::params![again.office_seq + 1, EventId::new_v7().to_string()],
    )
    .unwrap();
    let third = put(3);
    assert_eq!(third.office_seq, again.office_seq + 2);
    assert!(third.warning.is_some(), "not delivered a third time");
    server.stop();
}

crate::on_both_engines! {
fn a_batch_answers_each_event_in_order() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let b = courier_with_manifest(&server, "Kurir B", "18.06.20");
    let m = a.manifest.id;
    let items = &a.manifest.items;

    let stored_before = attempt_event(a.device, 1, m, items[0].id, not_at_home());
    let put = server.send_json(
        "PUT",
        &event_path(&stored_before),
        Some(&a.token),
        &stored_before,
    );
    assert_eq!(put.status, 201);
    let mut conflicting = stored_before.clone();
    conflicting.device_seq = 99;

    let good1 = attempt_event(a.device, 2, m, items[1].id, Outcome::DeliveredToOwner);
    let good2 = attempt_event(a.device, 3, m, items[2].id, not_at_home());
    let foreign_item = attempt_event(a.device, 4, m, b.manifest.items[0].id, not_at_home());
    let wrong_device = attempt_event(b.device, 1, m, items[4].id, not_at_home());
    let mut malformed =
        serde_json::to_value(attempt_event(a.device, 5, m, items[5].id, not_at_home())).unwrap();
    malformed["device_seq"] = json!("lima");
    let malformed_id: EventId = malformed["id"].as_str().unwrap().parse().unwrap();

    // Each event in its canonical bytes, as a device sends them (a re-encoding, e.g. through
    // a `serde_json::Value` with its sorted keys, would be other bytes: a conflict).
    let mut parts: Vec<Vec<u8>> = [&good1, &stored_before, &conflicting, &foreign_item]
        .iter()
        .map(|e| e.canonical_bytes())
        .collect();
    parts.push(serde_json::to_vec(&malformed).unwrap());
    parts.extend([&wrong_device, &good2].iter().map(|e| e.canonical_bytes()));
    // An event larger than a single PUT may be is refused alone, batch or not.
    let oversized = attempt_event(a.device, 6, m, items[6].id, not_at_home());
    let mut padded = oversized.canonical_bytes();
    padded.pop();
    padded.extend_from_slice(format!(",\"padding\":\"{}\"}}", "x".repeat(20_000)).as_bytes());
    parts.push(padded);
    let body = [&b"{\"events\":["[..], &parts.join(&b","[..]), b"]}"].concat();
    let reply = server.send_json_bytes("POST", "/api/v1/events/batch", Some(&a.token), &body);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let response: BatchResponse = reply.json();
    let summary: Vec<(EventId, u16, String)> = response
        .results
        .iter()
        .map(|r| match r {
            BatchResult::Receipt(receipt) => (receipt.event_id, 200, String::new()),
            BatchResult::Error {
                event_id,
                status,
                error,
            } => (*event_id, *status, error.code.clone()),
        })
        .collect();
    let expected = vec![
        (good1.id, 200, String::new()),
        (stored_before.id, 200, String::new()),
        (stored_before.id, 409, "event_conflict".to_owned()),
        (foreign_item.id, 404, "item_not_found".to_owned()),
        (malformed_id, 400, "json_invalid".to_owned()),
        (wrong_device.id, 403, "wrong_device".to_owned()),
        (good2.id, 200, String::new()),
        (oversized.id, 413, "too_large".to_owned()),
    ];
    assert_eq!(summary, expected);
    if let BatchResult::Error { error, .. } = &response.results[4] {
        assert!(error.message.contains("device_seq"), "{}", error.message);
    }
    // The replayed receipt is the one the PUT gave.
    let first: Receipt = put.json();
    assert_eq!(response.results[1], BatchResult::Receipt(first));
    assert_eq!(server.office().event_count().unwrap(), 3);
    server.stop();
}
}

crate::on_both_engines! {
/// A phone enrolled again (new code, new device id) still holds events recorded under its
/// earlier id: they are its courier's and are accepted; another courier's phone's are not.
fn a_phone_enrolled_again_still_sends_what_it_recorded_before() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let b = courier_with_manifest(&server, "Kurir B", "18.06.20");
    let recorded_before = attempt_event(
        a.device,
        1,
        a.manifest.id,
        a.manifest.items[0].id,
        not_at_home(),
    );
    let code = server.office().new_enrollment_code(a.id).unwrap();
    let again = server.enroll(&code);
    assert_ne!(again.device_id, a.device);

    let put = server.send_json(
        "PUT",
        &event_path(&recorded_before),
        Some(&again.token),
        &recorded_before,
    );
    assert_eq!(put.status, 201, "{}", put.text());
    let batch_event = attempt_event(
        a.device,
        2,
        a.manifest.id,
        a.manifest.items[1].id,
        not_at_home(),
    );
    let reply = server.send_json(
        "POST",
        "/api/v1/events/batch",
        Some(&again.token),
        &json!({"events": [batch_event]}),
    );
    let response: BatchResponse = reply.json();
    assert!(
        matches!(response.results[0], BatchResult::Receipt(_)),
        "{:?}",
        response.results
    );

    // Courier B's phone may not send courier A's events, nor the reverse.
    let other = attempt_event(
        a.device,
        3,
        a.manifest.id,
        a.manifest.items[2].id,
        not_at_home(),
    );
    let refused = server.send_json("PUT", &event_path(&other), Some(&b.token), &other);
    assert_eq!(refused.api_error(403).code, "wrong_device");
    server.stop();
}
}

crate::on_both_engines! {
fn bad_bodies_get_json_errors_that_say_what_is_wrong() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let event = attempt_event(
        a.device,
        1,
        a.manifest.id,
        a.manifest.items[0].id,
        not_at_home(),
    );
    let path = event_path(&event);
    let put = |body: &[u8]| server.send_json_bytes("PUT", &path, Some(&a.token), body);

    let syntax = put(b"{\"id\": \n  oops}").api_error(400);
    assert_eq!(syntax.code, "json_syntax");
    assert!(syntax.message.contains("baris 2"), "{}", syntax.message);

    let mut value = serde_json::to_value(&event).unwrap();
    value["body"]["outcome"]["kind"] = json!("teleported");
    let unknown_kind = put(&serde_json::to_vec(&value).unwrap()).api_error(400);
    assert_eq!(unknown_kind.code, "json_invalid");
    // serde buffers internally tagged enums, so the path ends at `body`; the message names
    // the unknown variant.
    assert!(
        unknown_kind.message.contains("`body`") && unknown_kind.message.contains("teleported"),
        "{}",
        unknown_kind.message
    );

    let mut value = serde_json::to_value(&event).unwrap();
    value["body"]["type"] = json!("pickup");
    assert_eq!(
        put(&serde_json::to_vec(&value).unwrap())
            .api_error(400)
            .code,
        "json_invalid"
    );

    let mut value = serde_json::to_value(&event).unwrap();
    value["device_seq"] = json!(-1);
    let negative = put(&serde_json::to_vec(&value).unwrap()).api_error(400);
    assert!(
        negative.message.contains("device_seq"),
        "{}",
        negative.message
    );

    let mut value = serde_json::to_value(&event).unwrap();
    value.as_object_mut().unwrap().remove("recorded_at");
    let missing = put(&serde_json::to_vec(&value).unwrap()).api_error(400);
    assert!(
        missing.message.contains("recorded_at"),
        "{}",
        missing.message
    );

    let not_json = server.request(
        "PUT",
        &path,
        Some(&a.token),
        &[("content-type", "text/plain")],
        Some(b"hi"),
    );
    assert_eq!(not_json.api_error(415).code, "content_type");

    // Fields the office does not know are ignored (a newer app may add some); the content
    // hash is over the parsed event, so the receipt is the same either way.
    let mut value = serde_json::to_value(&event).unwrap();
    value["extra"] = json!("diabaikan");
    let extra = put(&serde_json::to_vec(&value).unwrap());
    assert_eq!(extra.status, 201, "{}", extra.text());
    server.stop();
}
}

crate::on_both_engines! {
fn limits_unknown_routes_and_methods_answer_json() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let event = attempt_event(
        a.device,
        1,
        a.manifest.id,
        a.manifest.items[0].id,
        not_at_home(),
    );
    let mut value = serde_json::to_value(&event).unwrap();
    value["padding"] = json!("x".repeat(20 * 1024));
    let big = server.send_json("PUT", &event_path(&event), Some(&a.token), &value);
    let error = big.api_error(413);
    assert_eq!(error.code, "too_large");
    assert!(error.message.contains("16384"), "{}", error.message);

    let nowhere = server.get("/api/v1/nowhere", Some(&a.token));
    assert_eq!(nowhere.api_error(404).code, "not_found");
    let api_root = server.get("/api/nowhere", None);
    assert_eq!(api_root.api_error(404).code, "not_found");
    let method = server.request("DELETE", "/api/v1/health", None, &[], None);
    assert_eq!(method.api_error(405).code, "method_not_allowed");

    let too_many: Vec<_> = (0..501)
        .map(|i| {
            attempt_event(
                a.device,
                i + 1,
                a.manifest.id,
                a.manifest.items[0].id,
                not_at_home(),
            )
        })
        .collect();
    let reply = server.send_json(
        "POST",
        "/api/v1/events/batch",
        Some(&a.token),
        &json!({"events": too_many}),
    );
    assert_eq!(reply.api_error(413).code, "too_large");
    server.stop();
}
}

crate::on_both_engines! {
fn the_office_restarts_on_the_same_data_with_tokens_and_receipts_intact() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let event = attempt_event(
        a.device,
        1,
        a.manifest.id,
        a.manifest.items[0].id,
        Outcome::DeliveredToOwner,
    );
    let first = server.send_json("PUT", &event_path(&event), Some(&a.token), &event);
    assert_eq!(first.status, 201);

    let dir = server.stop();
    let server = TestServer::start_on(dir);
    let again = server.send_json("PUT", &event_path(&event), Some(&a.token), &event);
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.body, first.body);
    let report = server.office().report().unwrap();
    assert_eq!(report.total.delivered, 1);
    server.stop();
}
}

crate::on_both_engines! {
/// Issue 13.8: ids and sequence numbers no device makes — a UUIDv4 or the nil UUID (the
/// batch's own "no id" placeholder), `device_seq` 0 or past what SQLite holds (it was silently
/// clamped to i64::MAX) — are refused, each with its reason; the good event beside them is kept.
fn event_ids_and_sequence_numbers_no_device_makes_are_refused() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let item = |i: usize| a.manifest.items[i].id;
    let event = |seq, i| attempt_event(a.device, seq, a.manifest.id, item(i), not_at_home());

    let mut v4 = event(1, 0);
    v4.id = EventId::from_uuid(uuid::Builder::from_random_bytes([9; 16]).into_uuid());
    let put = server.send_json_bytes(
        "PUT",
        &event_path(&v4),
        Some(&a.token),
        &v4.canonical_bytes(),
    );
    let error = put.api_error(400);
    assert_eq!(error.code, "bad_event_id");
    assert!(error.message.contains("versi 7"), "{}", error.message);

    let mut nil = event(2, 1);
    nil.id = EventId::from_uuid(uuid::Uuid::nil());
    let zero = event(0, 2);
    let huge = event(u64::MAX, 3);
    let good = event(1, 4);
    let body: Vec<String> = [&nil, &zero, &huge, &good]
        .iter()
        .map(|e| String::from_utf8(e.canonical_bytes()).unwrap())
        .collect();
    let reply = server.send_json_bytes(
        "POST",
        "/api/v1/events/batch",
        Some(&a.token),
        format!("{{\"events\":[{}]}}", body.join(",")).as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let results = reply.json::<BatchResponse>().results;
    let codes: Vec<String> = results
        .iter()
        .map(|r| match r {
            BatchResult::Receipt(_) => "receipt".to_owned(),
            BatchResult::Error { status, error, .. } => format!("{status} {}", error.code),
        })
        .collect();
    assert_eq!(
        codes,
        [
            "400 bad_event_id",
            "400 bad_device_seq",
            "400 bad_device_seq",
            "receipt"
        ]
    );
    if let BatchResult::Error { error, .. } = &results[2] {
        assert!(
            error.message.contains("18446744073709551615"),
            "{}",
            error.message
        );
    }
    let stored = server.get(
        &format!("/api/v1/manifests/{}", a.manifest.id),
        Some(&a.token),
    );
    let manifest: Manifest = stored.json();
    let failed = manifest
        .items
        .iter()
        .filter(|i| i.state == ItemState::Failed)
        .count();
    assert_eq!(failed, 1, "only the good event changed an item");
}
}

crate::on_both_engines! {
/// Issue 13.7: a courier's note or recipient holding ESC, NUL or BEL was stored, and later
/// printed raw; an arriving event with one is refused, saying which character.
fn an_event_whose_texts_hold_control_characters_is_refused() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let item = a.manifest.items[0].id;
    let event = attempt_event(a.device, 1, a.manifest.id, item, not_at_home());
    let json = String::from_utf8(event.canonical_bytes()).unwrap();
    let with_note = json.replacen("\"note\":null", "\"note\":\"rumah\\u001b]0;x\\u0007\"", 1);
    assert_ne!(with_note, json);
    let reply = server.send_json_bytes(
        "PUT",
        &event_path(&event),
        Some(&a.token),
        with_note.as_bytes(),
    );
    let error = reply.api_error(400);
    assert_eq!(error.code, "bad_text");
    assert!(error.message.contains("U+001B"), "{}", error.message);
}
}

crate::on_both_engines! {
/// Issue 17: a card left with an official proves nothing without its photo; the office
/// refuses such an event (no phone of today sends one) and stores nothing for the item.
fn a_card_left_with_an_official_without_a_photo_is_refused() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let item = a.manifest.items[0].id;
    let left = Outcome::LeftWithOfficial {
        recipient: Text::parse("Suparman").unwrap(),
        position: OfficialPosition::KetuaRt,
    };
    let event = attempt_event(a.device, 1, a.manifest.id, item, left);
    let reply = server.send_json_bytes(
        "PUT",
        &event_path(&event),
        Some(&a.token),
        &event.canonical_bytes(),
    );
    let error = reply.api_error(400);
    assert_eq!(error.code, "photo_required");
    assert!(
        error
            .message
            .contains("Dititipkan ke aparat pekon/RT memerlukan foto bukti"),
        "{}",
        error.message
    );
    let stored = server.get(
        &format!("/api/v1/manifests/{}", a.manifest.id),
        Some(&a.token),
    );
    let manifest: Manifest = stored.json();
    assert_eq!(manifest.item(item).unwrap().state, ItemState::Pending);
}
}
