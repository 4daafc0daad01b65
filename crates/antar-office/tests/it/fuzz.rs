//! Garbage in, JSON errors out: random bytes, broken JSON, wrong types and odd paths at every
//! endpoint must each get a 4xx `ApiError` with the protocol header, and the server must stay up.

use antar_domain::wire::{ApiError, Health};
use common::{TestServer, attempt_event, courier_with_manifest, not_at_home};

use crate::common;

/// A small deterministic generator, so a failure can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn bytes(&mut self, max: usize) -> Vec<u8> {
        let len = self.below(max + 1);
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// A body that can never be a valid request: random bytes, a valid document cut short, or
/// valid JSON of the wrong shape.
fn garbage(rng: &mut XorShift, valid: &[u8]) -> Vec<u8> {
    match rng.below(6) {
        0 => rng.bytes(300),
        1 => valid[..rng.below(valid.len())].to_vec(),
        2 => {
            let mut bytes = valid.to_vec();
            let at = rng.below(bytes.len());
            bytes[at] = b"{}[]\",:\\\x00"[rng.below(9)];
            bytes.truncate(bytes.len() - 1);
            bytes
        }
        3 => serde_json::to_vec(&wrong_shape(rng)).unwrap(),
        4 => format!("{}{}", "[".repeat(rng.below(300) + 1), "1").into_bytes(),
        _ => {
            let mut value: serde_json::Value = serde_json::from_slice(valid).unwrap();
            if let Some(object) = value.as_object_mut() {
                let keys: Vec<String> = object.keys().cloned().collect();
                let key = &keys[rng.below(keys.len())];
                object.insert(key.clone(), wrong_shape(rng));
            }
            serde_json::to_vec(&value).unwrap()
        }
    }
}

fn wrong_shape(rng: &mut XorShift) -> serde_json::Value {
    match rng.below(7) {
        0 => serde_json::json!(null),
        1 => serde_json::json!(rng.next() as f64 * -1e300),
        2 => serde_json::json!(true),
        3 => serde_json::json!([1, "dua", null]),
        4 => serde_json::json!({"ꦲꦤ": "🙂", "\u{0}": 1}),
        5 => serde_json::json!(""),
        _ => serde_json::json!(-1),
    }
}

fn assert_api_error(reply: &common::Reply, what: &str) {
    assert!(
        (400..500).contains(&reply.status),
        "{what}: status {} body {}",
        reply.status,
        reply.text()
    );
    reply.assert_protocol();
    let error: ApiError = serde_json::from_slice(&reply.body)
        .unwrap_or_else(|e| panic!("{what}: not an ApiError ({e}): {}", reply.text()));
    assert!(
        !error.code.is_empty() && !error.message.is_empty(),
        "{what}"
    );
}

#[test]
fn garbage_at_every_endpoint_gets_json_errors_and_the_server_stays_up() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let event = attempt_event(
        a.device,
        1,
        a.manifest.id,
        a.manifest.items[0].id,
        not_at_home(),
    );
    let event_json = serde_json::to_vec(&event).unwrap();
    let batch_json = serde_json::to_vec(&serde_json::json!({"events": [event]})).unwrap();
    let enroll_json = br#"{"code":"ABCD-EFGH","device_label":"x"}"#.to_vec();
    let event_path = format!("/api/v1/events/{}", event.id);
    let photo_path = format!("/api/v1/photos/{}", "ab".repeat(32));
    let mut rng = XorShift(0x5eed_a17a_2026);
    // Garbage may be answered before its body is read, and then the server rightly closes
    // the connection; a fresh connection per request keeps one refusal from failing the next.
    let close = ("connection", "close");
    let json = [("content-type", "application/json"), close];
    let mut accepted = 0;

    for i in 0..200 {
        let body = garbage(&mut rng, &enroll_json);
        let reply = server.request("POST", "/api/v1/enroll", None, &json, Some(&body));
        assert_api_error(&reply, &format!("enroll #{i}"));

        let body = garbage(&mut rng, &event_json);
        let reply = server.request("PUT", &event_path, Some(&a.token), &json, Some(&body));
        if (200..300).contains(&reply.status) {
            // Some mutations still make an event (null where a field is optional): then it
            // must really be one, and it is stored like any other.
            assert!(
                serde_json::from_slice::<antar_domain::wire::Event>(&body).is_ok(),
                "event #{i}: accepted garbage: {}",
                String::from_utf8_lossy(&body)
            );
            accepted += 1;
        } else {
            assert_api_error(&reply, &format!("event #{i}"));
        }

        let body = garbage(&mut rng, &batch_json);
        let reply = server.request(
            "POST",
            "/api/v1/events/batch",
            Some(&a.token),
            &json,
            Some(&body),
        );
        if reply.status == 200 {
            // A batch whose events array survived but whose events did not: each is an error.
            let response: antar_domain::wire::BatchResponse = reply.json();
            assert!(response.results.iter().all(|r| matches!(
                r,
                antar_domain::wire::BatchResult::Error {
                    status: 400..=499,
                    ..
                }
            )));
        } else {
            assert_api_error(&reply, &format!("batch #{i}"));
        }

        let body = rng.bytes(200);
        let offset = rng.next().to_string();
        let headers = [
            ("x-upload-offset", offset.as_str()),
            ("x-upload-length", "100"),
            close,
        ];
        let reply = server.request("PUT", &photo_path, Some(&a.token), &headers, Some(&body));
        assert_api_error(&reply, &format!("photo #{i}"));

        let segment: String = (0..rng.below(40))
            .map(|_| char::from(b"abz09-._~%/:@!$&'()*+,;=AZ"[rng.below(26)]))
            .collect();
        let prefix = [
            "/api/v1/",
            "/api/v1/manifests/",
            "/api/v1/events/",
            "/api/v1/photos/",
            "/",
        ][rng.below(5)];
        let method = ["GET", "PUT", "POST", "DELETE", "PATCH"][rng.below(5)];
        let path = format!("{prefix}{segment}");
        // Web pages answer (redirect, 404) without reading a body, and hyper then closes
        // the connection, which would break the pooled connection of the next request.
        let body: Option<&[u8]> = path.starts_with("/api/").then_some(b"{}");
        let reply = server.request(method, &path, Some(&a.token), &json, body);
        if !path.starts_with("/api/") {
            // Outside the API is the staff web: HTML answers (mostly a sign-in redirect or
            // 404/405), never a server error.
            assert!(reply.status < 500, "{method} {path}: {}", reply.status);
        } else if !(200..300).contains(&reply.status) {
            assert_api_error(&reply, &format!("{method} {path}"));
        }

        let token = hex_of(&rng.bytes(32));
        let reply = server.request("GET", "/api/v1/manifests", Some(&token), &[close], None);
        assert_api_error(&reply, &format!("token #{i}"));
    }

    let health = server.get("/api/v1/health", None);
    assert_eq!(health.status, 200);
    let _: Health = health.json();
    // Every mutation sat under the same event id: at most one could be stored.
    assert_eq!(
        server.office().event_count().unwrap(),
        u64::from(accepted > 0)
    );
    server.stop();
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
