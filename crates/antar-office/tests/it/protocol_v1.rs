//! Protocol v1 grows by addition only: the requests a phone of the version before the
//! recording teams sends, and one of the version before the returns, written here as the bytes
//! they send, still get the answers they read (a receipt with the document's state, its hash
//! of exactly those bytes; the whole BA).

use antar_domain::ids::{EventId, Sha256Hash};
use antar_domain::wire::ManifestList;
use serde::Deserialize;

use crate::common::{TestServer, courier_with_manifest};

/// The receipt as that phone's code reads it: `item_state` is required there.
#[derive(Deserialize, Debug)]
#[allow(dead_code)]
struct ReceiptBefore {
    event_id: EventId,
    event_sha256: Sha256Hash,
    office_seq: i64,
    received_at: String,
    item_state: String,
    warning: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(tag = "result", rename_all = "snake_case")]
enum ResultBefore {
    Receipt(ReceiptBefore),
    Error { status: u16 },
}

#[derive(Deserialize, Debug)]
struct BatchBefore {
    results: Vec<ResultBefore>,
}

/// An attempt exactly as that phone wrote it (serde's order, nulls spelled out).
fn attempt_bytes(
    device: &str,
    seq: u64,
    prev: Option<&str>,
    manifest: &str,
    item: &str,
    outcome: &str,
) -> Vec<u8> {
    let id = EventId::new_v7();
    let prev = prev.map_or("null".to_owned(), |p| format!("\"{p}\""));
    format!(
        "{{\"id\":\"{id}\",\"device_id\":\"{device}\",\"device_seq\":{seq},\
         \"recorded_at\":\"2026-11-27T09:30:00Z\",\"since_contact\":null,\"prev_sha256\":{prev},\
         \"body\":{{\"type\":\"attempt\",\"manifest_id\":\"{manifest}\",\
         \"manifest_sha256\":\"{}\",\"item_id\":\"{item}\",\"outcome\":{outcome},\
         \"fix\":null,\"place\":null,\"photo\":null,\"note\":null}}}}",
        Sha256Hash::of(b"ba").to_hex()
    )
    .into_bytes()
}

crate::on_both_engines! {
fn a_phone_from_before_the_recording_teams_syncs_deliveries_as_it_always_did() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir Lama", "18.06.01");
    let device = courier.device.to_string();
    let manifest = courier.manifest.id.to_string();
    let items: Vec<String> = courier
        .manifest
        .items
        .iter()
        .map(|i| i.id.to_string())
        .collect();

    let list = server.get("/api/v1/manifests", Some(&courier.token));
    assert_eq!(list.status, 200);
    assert_eq!(list.json::<ManifestList>().manifests.len(), 1);

    let first = attempt_bytes(
        &device,
        1,
        None,
        &manifest,
        &items[0],
        r#"{"kind":"delivered_to_owner"}"#,
    );
    let first_hash = Sha256Hash::of(&first).to_hex();
    let second = attempt_bytes(
        &device,
        2,
        Some(&first_hash),
        &manifest,
        &items[1],
        r#"{"kind":"failed","reason":"not_at_home"}"#,
    );
    let body = [&b"{\"events\":["[..], &first, b",", &second, b"]}"].concat();
    for round in 0..2 {
        let reply =
            server.send_json_bytes("POST", "/api/v1/events/batch", Some(&courier.token), &body);
        assert_eq!(reply.status, 200, "{}", reply.text());
        let batch: BatchBefore =
            serde_json::from_slice(reply.body.as_slice()).expect("read as that phone reads it");
        let states: Vec<(Sha256Hash, String)> = batch
            .results
            .into_iter()
            .map(|r| match r {
                ResultBefore::Receipt(receipt) => (receipt.event_sha256, receipt.item_state),
                ResultBefore::Error { status } => panic!("refused with {status}"),
            })
            .collect();
        assert_eq!(
            states,
            [
                (Sha256Hash::of(&first), "delivered".to_owned()),
                (Sha256Hash::of(&second), "failed".to_owned())
            ],
            "round {round}"
        );
    }
    // One at a time, as it sends when the batch route fails.
    let third = attempt_bytes(
        &device,
        3,
        Some(&Sha256Hash::of(&second).to_hex()),
        &manifest,
        &items[2],
        r#"{"kind":"delivered_to_family","recipient":"Siti","relationship":"spouse"}"#,
    );
    let id: serde_json::Value = serde_json::from_slice(&third).unwrap();
    let path = format!("/api/v1/events/{}", id["id"].as_str().unwrap());
    let reply = server.send_json_bytes("PUT", &path, Some(&courier.token), &third);
    assert_eq!(reply.status, 201, "{}", reply.text());
    let receipt: ReceiptBefore = serde_json::from_slice(reply.body.as_slice()).unwrap();
    assert_eq!(receipt.item_state, "delivered");
    assert_eq!(receipt.event_sha256, Sha256Hash::of(&third));
    server.stop();
}
}

crate::on_both_engines! {
/// A phone of the version with the counts at handover (before the returns and the phone's
/// form): it enrolls without a previous token, reads the whole BA (16-digit NIKs) and sends
/// its count as the bytes it wrote then; the office takes it, bound to that whole BA.
fn a_phone_from_before_the_returns_reads_whole_bas_and_sends_its_count_as_it_did() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir Lama", "18.06.01");
    let path = format!("/api/v1/manifests/{}", courier.manifest.id);
    let reply = server.get(&path, Some(&courier.token));
    assert_eq!(reply.status, 200);
    let ba: serde_json::Value = serde_json::from_slice(reply.body.as_slice()).unwrap();
    let items = ba["items"].as_array().unwrap();
    assert!(
        items
            .iter()
            .all(|i| i["nik"].as_str().is_some_and(|n| n.len() == 16)),
        "the whole NIKs that phone reads"
    );
    let whole: antar_domain::manifest::Manifest = serde_json::from_value(ba.clone()).unwrap();
    let count = format!(
        "{{\"id\":\"{}\",\"device_id\":\"{}\",\"device_seq\":1,\
         \"recorded_at\":\"2026-11-27T08:00:00Z\",\"since_contact\":null,\"prev_sha256\":null,\
         \"body\":{{\"type\":\"handover_count\",\"manifest_id\":\"{}\",\"manifest_sha256\":\"{}\",\
         \"counted\":{},\"missing\":[],\"fix\":null,\"note\":null}}}}",
        EventId::new_v7(),
        courier.device,
        courier.manifest.id,
        whole.content_hash().to_hex(),
        items.len()
    );
    let body = format!("{{\"events\":[{count}]}}");
    let reply = server.send_json_bytes(
        "POST",
        "/api/v1/events/batch",
        Some(&courier.token),
        body.as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(
        reply.text().contains("\"result\":\"receipt\""),
        "{}",
        reply.text()
    );
    let counted = server
        .office()
        .handover_count(courier.manifest.id)
        .unwrap()
        .expect("the count at the office");
    assert_eq!(counted.counted as usize, items.len());
    server.stop();
}
}
