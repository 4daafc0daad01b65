//! Two office servers on one PostgreSQL database (issue 19): each its own store, memo and token
//! cache, as two `antar-office serve` processes behind a load balancer. Phones send their chains
//! to both at once, every other event to the other server; every event is stored exactly once,
//! office numbers are gapless, chains stay whole, and a phone revoked on one is refused by both.

use std::time::{Duration, Instant};

use antar_domain::attempt::Outcome;
use antar_domain::custody::ChainVerdict;
use antar_domain::field_role::FieldRole;
use antar_domain::state::ItemState;
use antar_domain::wire::{BatchResponse, BatchResult, Event, Receipt};
use serde_json::json;

use crate::common::{
    Courier, TestServer, attempt_chain as chain, attempt_event, courier_with_manifest, not_at_home,
};

#[test]
fn two_servers_on_one_database_store_each_event_once_with_gapless_numbers() {
    crate::common::engine::on_postgres(|| {
        const EVENTS: usize = 20;
        let first = TestServer::start();
        // The second server opens the same database from a data folder of its own.
        let second = TestServer::start_on(tempfile::tempdir().unwrap());
        let servers = [&first, &second];
        let couriers: Vec<Courier> = ["18.06.03", "18.06.12", "18.06.11", "18.06.01"]
            .iter()
            .enumerate()
            .map(|(n, kecamatan)| {
                courier_with_manifest(servers[n % 2], &format!("Kurir {n}"), kecamatan)
            })
            .collect();
        let chains: Vec<Vec<Event>> = couriers.iter().map(|c| chain(c, EVENTS)).collect();

        let receipts: Vec<Vec<Receipt>> = std::thread::scope(|scope| {
            let senders: Vec<_> = (couriers.iter().zip(&chains).enumerate())
                .map(|(c, (courier, events))| {
                    scope.spawn(move || {
                        (events.iter().enumerate())
                            .map(|(n, event)| {
                                // Each phone alternates servers, each starting on another.
                                let server = servers[(n + c) % 2];
                                let reply = server.put_event(&courier.token, event);
                                assert_eq!(reply.status, 201, "{}", reply.text());
                                reply.json::<Receipt>()
                            })
                            .collect()
                    })
                })
                .collect();
            senders.into_iter().map(|s| s.join().unwrap()).collect()
        });

        let mut office_seqs: Vec<i64> = receipts.iter().flatten().map(|r| r.office_seq).collect();
        office_seqs.sort_unstable();
        let expected: Vec<i64> = (1..=(couriers.len() * EVENTS) as i64).collect();
        assert_eq!(office_seqs, expected, "gapless and each given once");

        for server in servers {
            let attempts = server.office().attempts().unwrap();
            assert_eq!(
                attempts.len(),
                couriers.len() * EVENTS,
                "stored exactly once"
            );
            for events in &chains {
                for (n, event) in events.iter().enumerate() {
                    let stored = attempts.iter().find(|a| a.event_id == event.id).unwrap();
                    let expected = if n == 0 {
                        ChainVerdict::Genesis
                    } else {
                        ChainVerdict::Linked
                    };
                    assert_eq!(stored.chain, expected, "event {n} of its chain");
                }
            }
        }

        // The same bytes again, to the server that did not store them: the same receipt.
        for ((courier, events), receipts) in couriers.iter().zip(&chains).zip(&receipts) {
            for n in [0, 7, EVENTS - 1] {
                let other = servers[(n + 1) % 2];
                let again = other.put_event(&courier.token, &events[n]);
                assert_eq!(again.status, 200, "{}", again.text());
                assert_eq!(again.json::<Receipt>(), receipts[n]);
            }
        }

        // A phone revoked on the first server is refused by the second too (its token cache
        // reads the database again within a second).
        let lost = &couriers[1];
        first.office().revoke_device(lost.device, false).unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let reply = second.get("/api/v1/manifests", Some(&lost.token));
            if reply.status == 401 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "still {} after 5 s",
                reply.status
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        assert_eq!(
            first.get("/api/v1/manifests", Some(&lost.token)).status,
            401
        );
    });
}

/// An item's state that one server changed is what the other meets next, in a batch too: each
/// server's memo keeps the states its attempts left only until another process writes.
#[test]
fn a_state_changed_on_one_server_is_what_the_other_meets_next() {
    crate::common::engine::on_postgres(|| {
        let first = TestServer::start();
        let second = TestServer::start_on(tempfile::tempdir().unwrap());
        let a = courier_with_manifest(&first, "Kurir A", "18.06.03");
        let (m, item) = (a.manifest.id, a.manifest.items[0].id);
        let put = |server: &TestServer, event: &Event| {
            let reply = server.put_event(&a.token, event);
            assert_eq!(reply.status, 201, "{}", reply.text());
            reply.json::<Receipt>()
        };
        // The phone enrolled through the first server a moment ago; the second knows its
        // token at once. The second server meets the item first and keeps it as failed ...
        let failed = attempt_event(a.device, 1, m, item, not_at_home());
        assert_eq!(put(&second, &failed).item_state, Some(ItemState::Failed));
        // ... the first delivers it ...
        let delivered = attempt_event(a.device, 2, m, item, Outcome::DeliveredToOwner);
        let receipt = put(&first, &delivered);
        assert_eq!(
            (receipt.item_state, receipt.warning),
            (Some(ItemState::Delivered), None)
        );
        // ... and a second delivery, in a batch to the second server, is a second one.
        let again = attempt_event(a.device, 3, m, item, Outcome::DeliveredToOwner);
        let other = attempt_event(a.device, 4, m, a.manifest.items[1].id, not_at_home());
        let reply = second.post_batch(&a.token, [&again, &other]);
        assert_eq!(reply.status, 200, "{}", reply.text());
        let answers: BatchResponse = reply.json();
        let BatchResult::Receipt(receipt) = &answers.results[0] else {
            panic!("not stored: {:?}", answers.results[0]);
        };
        assert_eq!(receipt.item_state, Some(ItemState::Delivered));
        assert!(receipt.warning.is_some(), "delivered twice: {receipt:?}");
        assert_eq!(second.office().report().unwrap().total.delivered, 1);
    });
}

/// Guess limits are the database's, not a server's (issue 19): wrong enrollment codes tried
/// on one server pause enrollment on the other, even with a good code.
#[test]
fn wrong_codes_on_one_server_pause_enrollment_on_the_other() {
    crate::common::engine::on_postgres(|| {
        let first = TestServer::start();
        let second = TestServer::start_on(tempfile::tempdir().unwrap());
        let (_, code) = first
            .office()
            .add_courier("Kurir Satu", None, FieldRole::Courier)
            .unwrap();
        let enroll = |server: &TestServer, code: &str| {
            server.send_json(
                "POST",
                "/api/v1/enroll",
                None,
                &json!({"code": code, "device_label": "HP"}),
            )
        };
        for n in 0..20 {
            let guess = format!("ZZZZ-{n:04}");
            assert_eq!(
                enroll(&first, &guess).api_error(401).code,
                "enrollment_code"
            );
        }
        let paused = enroll(&second, &code.display());
        assert_eq!(paused.api_error(429).code, "enrollment_paused");
        assert_eq!(second.office().couriers().unwrap()[0].devices, 0);
    });
}
