//! The office's own checks of a device's events: the hash chain flags a deleted, altered or
//! reordered event; the time window flags a phone clock that was moved; the BA binding flags
//! a proof moved to another BA. Flagged events are still kept: they happened in the field.

use antar_domain::custody::{ChainVerdict, SinceContact};
use antar_domain::ids::{EventId, Sha256Hash};
use antar_domain::wire::Event;
use chrono::{Duration, Utc};
use common::{Courier, TestServer, courier_with_manifest, event_path};
use common::{attempt_chain as chain, set_manifest_hash};

use crate::common;

/// `count` events of one device, each naming the hash of the one before, bound to the BA.
fn put(server: &TestServer, courier: &Courier, event: &Event) {
    put_bytes(server, courier, event.id, &event.canonical_bytes());
}

fn put_bytes(server: &TestServer, courier: &Courier, id: EventId, bytes: &[u8]) {
    let reply = server.send_json_bytes(
        "PUT",
        &format!("/api/v1/events/{id}"),
        Some(&courier.token),
        bytes,
    );
    assert_eq!(reply.status, 201, "{}", reply.text());
}

/// The office's chain verdict for each stored event, in device order.
fn chain_verdicts(server: &TestServer) -> Vec<(EventId, ChainVerdict)> {
    let mut attempts = server.office().attempts().unwrap();
    attempts.sort_by_key(|a| a.event_id);
    attempts
        .into_iter()
        .map(|a| (a.event_id, a.chain))
        .collect()
}

fn verdict_of(server: &TestServer, id: EventId) -> ChainVerdict {
    chain_verdicts(server)
        .into_iter()
        .find(|(event, _)| *event == id)
        .unwrap()
        .1
}

crate::on_both_engines! {
fn an_intact_chain_is_linked_and_bound_to_its_ba() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let events = chain(&courier, 4);
    for event in &events {
        put(&server, &courier, event);
    }
    let attempts = server.office().attempts().unwrap();
    assert_eq!(attempts.len(), 4);
    assert_eq!(verdict_of(&server, events[0].id), ChainVerdict::Genesis);
    for event in &events[1..] {
        assert_eq!(verdict_of(&server, event.id), ChainVerdict::Linked);
    }
    assert!(attempts.iter().all(|a| a.manifest_bound));
}
}

crate::on_both_engines! {
/// A batch whose events come out of order (a successor before the one it names, a later
/// event before the chain reaches it) ends as linked as the chain sent in order: on
/// PostgreSQL the batch's rows wait to be written together, and the chain's slow paths write
/// them first, so they read what the batch stored before them.
fn a_batch_out_of_order_ends_linked_as_in_order() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let events = chain(&courier, 6);
    let shuffled = [0, 2, 1, 5, 3, 4].map(|i| &events[i]);
    let reply = server.post_batch(&courier.token, shuffled);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(server.office().attempts().unwrap().len(), 6);
    assert_eq!(verdict_of(&server, events[0].id), ChainVerdict::Genesis);
    for event in &events[1..] {
        assert_eq!(verdict_of(&server, event.id), ChainVerdict::Linked, "{}", event.device_seq);
    }
}
}

crate::on_both_engines! {
fn a_deleted_event_leaves_its_successor_flagged() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let events = chain(&courier, 5);
    for (n, event) in events.iter().enumerate() {
        if n != 2 {
            put(&server, &courier, event);
        }
    }
    assert_eq!(
        verdict_of(&server, events[3].id),
        ChainVerdict::Missing { previous_seq: 3 }
    );
    assert_eq!(verdict_of(&server, events[4].id), ChainVerdict::Linked);

    // A late arrival is not a deletion: once it comes, its successor is linked again.
    put(&server, &courier, &events[2]);
    assert_eq!(verdict_of(&server, events[3].id), ChainVerdict::Linked);
}
}

crate::on_both_engines! {
fn one_changed_byte_breaks_the_chain_at_the_next_event() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let events = chain(&courier, 4);
    put(&server, &courier, &events[0]);
    put(&server, &courier, &events[1]);
    let mut altered = events[2].canonical_bytes();
    let at = altered.windows(9).position(|w| w == b"catatan A").unwrap();
    altered[at + 8] = b'B';
    put_bytes(&server, &courier, events[2].id, &altered);
    put(&server, &courier, &events[3]);
    assert_eq!(verdict_of(&server, events[2].id), ChainVerdict::Linked);
    assert_eq!(verdict_of(&server, events[3].id), ChainVerdict::Broken);
}
}

crate::on_both_engines! {
/// Two different events at one place in the chain: one of them was forged, and the second to
/// arrive is flagged (the office keeps each device's latest event in memory, so this also
/// checks that it still looks at what is stored when an event does not simply continue).
fn a_forked_chain_is_flagged() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let events = chain(&courier, 3);
    for event in &events {
        put(&server, &courier, event);
    }
    let mut forged = chain(&courier, 3).remove(1);
    forged.prev_sha256 = Some(events[0].content_hash());
    put(&server, &courier, &forged);
    assert_eq!(verdict_of(&server, events[1].id), ChainVerdict::Linked);
    assert_eq!(verdict_of(&server, forged.id), ChainVerdict::Broken);
}
}

crate::on_both_engines! {
/// After a restart the office finds where each device's chain stands from what is stored.
fn a_chain_continues_across_an_office_restart() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let events = chain(&courier, 4);
    put(&server, &courier, &events[0]);
    put(&server, &courier, &events[1]);
    let server = TestServer::start_on(server.stop());
    put(&server, &courier, &events[2]);
    // A gap after the restart is still seen as one.
    put(&server, &courier, &events[3]);
    assert_eq!(verdict_of(&server, events[2].id), ChainVerdict::Linked);
    assert_eq!(verdict_of(&server, events[3].id), ChainVerdict::Linked);

    let server = TestServer::start_on(server.stop());
    let mut late = chain(&courier, 6).remove(5);
    late.prev_sha256 = Some(Sha256Hash::of(b"kejadian ke-5 yang belum tiba"));
    put(&server, &courier, &late);
    assert_eq!(
        verdict_of(&server, late.id),
        ChainVerdict::Missing { previous_seq: 5 }
    );
}
}

crate::on_both_engines! {
fn two_swapped_events_are_flagged() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let mut events = chain(&courier, 4);
    // The second and third trade places in the sequence, each keeping the link it had.
    events[1].device_seq = 3;
    events[2].device_seq = 2;
    for event in &events {
        put(&server, &courier, event);
    }
    assert_eq!(verdict_of(&server, events[0].id), ChainVerdict::Genesis);
    assert_eq!(verdict_of(&server, events[1].id), ChainVerdict::Broken);
    assert_eq!(verdict_of(&server, events[2].id), ChainVerdict::Broken);
    assert_eq!(verdict_of(&server, events[3].id), ChainVerdict::Broken);
}
}

crate::on_both_engines! {
fn a_proof_naming_another_ba_is_flagged() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let mut event = chain(&courier, 1).remove(0);
    set_manifest_hash(&mut event, Sha256Hash::of(b"BA lain"));
    put(&server, &courier, &event);
    let attempts = server.office().attempts().unwrap();
    assert!(!attempts[0].manifest_bound);
}
}

crate::on_both_engines! {
fn a_phone_clock_moved_back_is_flagged_and_an_honest_one_is_not() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let mut events = chain(&courier, 2);
    let contact = Utc::now() - Duration::hours(3);
    let since = SinceContact {
        office_time: contact,
        elapsed_ms: 2 * 3600 * 1000,
    };
    events[0].since_contact = Some(since);
    events[0].recorded_at = contact + Duration::hours(2);
    events[1].since_contact = Some(since);
    events[1].recorded_at = contact + Duration::hours(2) - Duration::days(1);
    events[1].prev_sha256 = Some(events[0].content_hash());
    put(&server, &courier, &events[0]);
    put(&server, &courier, &events[1]);
    let mut attempts = server.office().attempts().unwrap();
    attempts.sort_by_key(|a| a.event_id);
    assert_eq!(attempts[0].time.code(), "consistent");
    assert_eq!(attempts[1].time.code(), "outside_window");
    assert!(attempts[1].time.is_flagged());
    assert_eq!(
        event_path(&events[0]),
        format!("/api/v1/events/{}", events[0].id)
    );
}
}

/// A point well inside `desa`, from the shipped sample of points with known desa.
fn point_in(desa: &str) -> Option<(f64, f64)> {
    let sample = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/samples/geo_points_sample.csv"
    ));
    sample.lines().skip(1).find_map(|line| {
        let fields: Vec<&str> = line.split(',').collect();
        (fields.get(2) == Some(&desa))
            .then(|| Some((fields[0].parse().ok()?, fields[1].parse().ok()?)))
            .flatten()
    })
}

crate::on_both_engines! {
fn the_office_judges_the_place_itself_and_flags_a_device_that_disagrees() {
    use antar_domain::attempt::{FixProvider, GpsFix};
    use antar_domain::place::PlaceVerdict;

    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir A", "18.06.03");
    let (index, lat, lon) = courier
        .manifest
        .items
        .iter()
        .enumerate()
        .find_map(|(n, item)| point_in(item.address.desa.as_str()).map(|(lat, lon)| (n, lat, lon)))
        .expect("a sample point in one of the BA's desa");
    let fix = GpsFix::new(lat, lon, 10.0, Utc::now(), FixProvider::Gps).unwrap();
    let far = GpsFix::new(-5.0, 105.5, 10.0, Utc::now(), FixProvider::Gps).unwrap();

    let mut events = chain(&courier, index + 1);
    let honest = events.pop().unwrap();
    let mut honest = honest;
    let mut lying = honest.clone();
    {
        let antar_domain::wire::EventBody::Attempt(attempt) = &mut honest.body else {
            unreachable!("an attempt")
        };
        attempt.fix = Some(fix);
        attempt.place = Some(PlaceVerdict::Inside);
    }
    {
        lying.id = EventId::new_v7();
        lying.device_seq += 1;
        let antar_domain::wire::EventBody::Attempt(attempt) = &mut lying.body else {
            unreachable!("an attempt")
        };
        attempt.fix = Some(far);
        attempt.place = Some(PlaceVerdict::Inside);
    }
    put(&server, &courier, &honest);
    put(&server, &courier, &lying);
    let attempts = server.office().attempts().unwrap();
    let judged = |id: EventId| attempts.iter().find(|a| a.event_id == id).unwrap();
    assert_eq!(judged(honest.id).place_office, PlaceVerdict::Inside);
    assert_eq!(judged(honest.id).place_agrees, Some(true));
    assert_eq!(judged(lying.id).place_office.code(), "elsewhere");
    assert_eq!(judged(lying.id).place_agrees, Some(false));
}
}

crate::on_both_engines! {
/// Phones of several couriers sending at once (their requests are stored in shared
/// transactions): every event is stored once with its own receipt, office numbers have no gaps
/// or doubles, every chain is whole, and a resend gets the same receipt.
fn phones_sending_at_once_each_keep_a_whole_chain() {
    const EVENTS: usize = 25;
    let server = TestServer::start();
    let couriers: Vec<Courier> = ["18.06.03", "18.06.12", "18.06.11", "18.06.01"]
        .iter()
        .enumerate()
        .map(|(n, kecamatan)| courier_with_manifest(&server, &format!("Kurir {n}"), kecamatan))
        .collect();
    let chains: Vec<Vec<Event>> = couriers.iter().map(|c| chain(c, EVENTS)).collect();
    let receipts: Vec<Vec<String>> = std::thread::scope(|scope| {
        let senders: Vec<_> = couriers
            .iter()
            .zip(&chains)
            .map(|(courier, events)| {
                let server = &server;
                scope.spawn(move || {
                    events
                        .iter()
                        .map(|event| {
                            let reply = server.put_event(&courier.token, event);
                            assert_eq!(reply.status, 201, "{}", reply.text());
                            reply.text()
                        })
                        .collect()
                })
            })
            .collect();
        senders.into_iter().map(|s| s.join().unwrap()).collect()
    });

    let mut office_seqs: Vec<i64> = receipts
        .iter()
        .flatten()
        .map(|json| serde_json::from_str::<antar_domain::wire::Receipt>(json).unwrap())
        .map(|receipt| receipt.office_seq)
        .collect();
    office_seqs.sort_unstable();
    let expected: Vec<i64> = (1..=(couriers.len() * EVENTS) as i64).collect();
    assert_eq!(office_seqs, expected);
    for events in &chains {
        assert_eq!(verdict_of(&server, events[0].id), ChainVerdict::Genesis);
        for event in &events[1..] {
            assert_eq!(verdict_of(&server, event.id), ChainVerdict::Linked);
        }
    }
    for ((courier, events), receipts) in couriers.iter().zip(&chains).zip(&receipts) {
        let again = server.put_event(&courier.token, &events[7]);
        assert_eq!(again.status, 200);
        assert_eq!(again.text(), receipts[7]);
    }
}
}
