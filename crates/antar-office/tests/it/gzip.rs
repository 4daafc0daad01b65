//! gzip on the API (issue 17): a gzipped batch is opened, hashed and answered like a plain
//! one; a phone from before (plain body, no `Accept-Encoding`) is answered as before; a body
//! that opens past the batch limit is refused as too large and one that does not open as a bad
//! request, and the office goes on serving.

use std::io::{Read, Write};

use antar_domain::ids::{EventId, Sha256Hash};
use antar_domain::manifest::Manifest;
use antar_domain::wire::{BatchResponse, BatchResult, MAX_BATCH_BYTES};
use common::{Courier, Reply, TestServer, attempt_event, courier_with_manifest, not_at_home};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::common;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

/// `count` attempts from `first` on, each in its canonical bytes, and the batch body.
fn batch(courier: &Courier, first: usize, count: usize) -> (Vec<(EventId, Vec<u8>)>, Vec<u8>) {
    let items = &courier.manifest.items;
    let events: Vec<(EventId, Vec<u8>)> = (first..first + count)
        .map(|i| {
            let event = attempt_event(
                courier.device,
                i as u64 + 1,
                courier.manifest.id,
                items[i].id,
                not_at_home(),
            );
            (event.id, event.canonical_bytes())
        })
        .collect();
    let parts: Vec<&[u8]> = events.iter().map(|(_, bytes)| bytes.as_slice()).collect();
    let body = [&b"{\"events\":["[..], &parts.join(&b","[..]), b"]}"].concat();
    (events, body)
}

fn post_batch(server: &TestServer, token: &str, body: &[u8], headers: &[(&str, &str)]) -> Reply {
    let mut all = vec![("content-type", "application/json")];
    all.extend_from_slice(headers);
    server.request(
        "POST",
        "/api/v1/events/batch",
        Some(token),
        &all,
        Some(body),
    )
}

/// Every receipt names its event and the hash of the bytes as the phone made them.
fn assert_receipts(response: &BatchResponse, events: &[(EventId, Vec<u8>)]) {
    assert_eq!(response.results.len(), events.len());
    for (result, (id, bytes)) in response.results.iter().zip(events) {
        match result {
            BatchResult::Receipt(receipt) => {
                assert_eq!(receipt.event_id, *id);
                assert_eq!(receipt.event_sha256, Sha256Hash::of(bytes));
            }
            other => panic!("not a receipt: {other:?}"),
        }
    }
}

#[test]
fn a_gzip_batch_is_taken_and_a_plain_one_still_is() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir Gzip", "18.06.03");
    assert!(courier.manifest.items.len() >= 40);

    // A phone of today: gzip up, gzip down.
    let (events, body) = batch(&courier, 0, 20);
    let packed = gzip(&body);
    assert!(
        packed.len() * 3 < body.len(),
        "{} of {}",
        packed.len(),
        body.len()
    );
    let reply = post_batch(
        &server,
        &courier.token,
        &packed,
        &[("content-encoding", "gzip"), ("accept-encoding", "gzip")],
    );
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert_eq!(reply.header("content-encoding").as_deref(), Some("gzip"));
    assert_eq!(reply.header("accept-encoding").as_deref(), Some("gzip"));
    let answer: BatchResponse = serde_json::from_slice(&gunzip(&reply.body)).unwrap();
    assert_receipts(&answer, &events);
    // The same batch again: the office stored the opened bytes, so it is the same events.
    let again = post_batch(
        &server,
        &courier.token,
        &packed,
        &[("content-encoding", "gzip"), ("accept-encoding", "gzip")],
    );
    let again: BatchResponse = serde_json::from_slice(&gunzip(&again.body)).unwrap();
    assert_receipts(&again, &events);

    // A phone from before: plain up, plain down, and told the office reads gzip.
    let (events, body) = batch(&courier, 20, 20);
    let reply = post_batch(&server, &courier.token, &body, &[]);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-encoding"), None);
    assert_eq!(reply.header("accept-encoding").as_deref(), Some("gzip"));
    assert_receipts(&reply.json(), &events);

    // A BA downloads gzipped for a phone that asks, and opens to the same BA.
    let path = format!("/api/v1/manifests/{}?form=phone", courier.manifest.id);
    let plain = server.get(&path, Some(&courier.token));
    let auth = format!("Bearer {}", courier.token);
    let packed = server.raw_request(
        "GET",
        &path,
        &[
            ("x-antar-protocol", "1"),
            ("authorization", &auth),
            ("accept-encoding", "gzip"),
        ],
        None,
    );
    assert_eq!(packed.status, 200);
    assert_eq!(packed.header("content-encoding").as_deref(), Some("gzip"));
    assert!(packed.body.len() * 3 < plain.body.len());
    let opened: Manifest = serde_json::from_slice(&gunzip(&packed.body)).unwrap();
    assert_eq!(opened, plain.json::<Manifest>());
    server.stop();
}

#[test]
fn a_gzip_bomb_and_a_broken_gzip_are_refused_and_the_office_goes_on() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir Bom", "18.06.01");
    let gz = [("content-encoding", "gzip")];

    // Valid JSON that opens one byte past the limit, and one that opens to 64 MiB: each
    // is a few kilobytes on the wire.
    for opened in [MAX_BATCH_BYTES + 1, 64 * 1024 * 1024] {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(b"{\"events\":[").unwrap();
        let spaces = vec![b' '; 1024 * 1024];
        let mut left = opened - 13;
        while left > 0 {
            let n = left.min(spaces.len());
            encoder.write_all(&spaces[..n]).unwrap();
            left -= n;
        }
        encoder.write_all(b"]}").unwrap();
        let bomb = encoder.finish().unwrap();
        assert!(bomb.len() < 300 * 1024, "{}", bomb.len());
        let reply = post_batch(&server, &courier.token, &bomb, &gz);
        let error = reply.api_error(413);
        assert_eq!(error.code, "too_large");
        assert!(
            error.message.contains("setelah gzip dibuka"),
            "{}",
            error.message
        );
    }

    // Not gzip at all, and gzip cut short.
    let (events, body) = batch(&courier, 0, 5);
    let packed = gzip(&body);
    for broken in [&body[..], &packed[..packed.len() / 2]] {
        let reply = post_batch(&server, &courier.token, broken, &gz);
        let error = reply.api_error(400);
        assert_eq!(error.code, "bad_gzip", "{}", error.message);
    }
    // A coding the office does not read: 415, saying which it does.
    let reply = post_batch(
        &server,
        &courier.token,
        &body,
        &[("content-encoding", "br")],
    );
    assert_eq!(reply.api_error(415).code, "content_encoding");
    assert_eq!(reply.header("accept-encoding").as_deref(), Some("gzip"));

    // Still serving: the same events go through whole.
    let reply = post_batch(&server, &courier.token, &packed, &gz);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_receipts(&reply.json(), &events);
    assert_eq!(server.get("/api/v1/health", None).status, 200);
    server.stop();
}
