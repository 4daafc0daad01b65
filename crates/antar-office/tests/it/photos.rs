//! Resumable photo uploads over HTTP: chunks, a connection cut mid-chunk, wrong offsets,
//! wrong hashes, non-JPEG bytes, and the verified file on disk.

use std::io::{Read, Write};
use std::net::TcpStream;

use antar_domain::ids::Sha256Hash;
use antar_domain::wire::PhotoStatus;
use common::{PHOTO, TestServer, courier_with_manifest, name_photo};

use crate::common;

fn put_chunk(
    server: &TestServer,
    token: &str,
    hash: &Sha256Hash,
    offset: u64,
    total: u64,
    chunk: &[u8],
) -> common::Reply {
    server.request(
        "PUT",
        &format!("/api/v1/photos/{hash}"),
        Some(token),
        &[
            ("x-upload-offset", &offset.to_string()),
            ("x-upload-length", &total.to_string()),
            ("content-type", "image/jpeg"),
        ],
        Some(chunk),
    )
}

/// Sends the headers of a chunk and only part of its body, then hangs up: what a phone losing
/// signal mid-upload does.
fn cut_upload(
    server: &TestServer,
    token: &str,
    hash: &Sha256Hash,
    offset: u64,
    total: u64,
    chunk: &[u8],
) {
    let addr = server.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).unwrap();
    let head = format!(
        "PUT /api/v1/photos/{hash} HTTP/1.1\r\nhost: {addr}\r\nx-antar-protocol: 1\r\n\
         authorization: Bearer {token}\r\nx-upload-offset: {offset}\r\nx-upload-length: {total}\r\n\
         content-length: {}\r\n\r\n",
        chunk.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&chunk[..chunk.len() / 3]).unwrap();
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    let mut sink = Vec::new();
    let _ = stream.read_to_end(&mut sink);
}

fn status(server: &TestServer, token: &str, hash: &Sha256Hash) -> PhotoStatus {
    let reply = server.get(&format!("/api/v1/photos/{hash}"), Some(token));
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

crate::on_both_engines! {
fn a_photo_uploads_in_chunks_survives_a_cut_and_lands_under_its_hash() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let photo = std::fs::read(PHOTO).unwrap();
    let hash = Sha256Hash::of(&photo);
    let total = photo.len() as u64;
    let third = photo.len() / 3;
    name_photo(&server, &a, &hash, total);

    assert_eq!(status(&server, &a.token, &hash).received_bytes, 0);
    let first = put_chunk(&server, &a.token, &hash, 0, total, &photo[..third]);
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(
        first.header("x-upload-offset").as_deref(),
        Some(third.to_string().as_str())
    );

    // The signal drops in the middle of the second chunk: nothing of it is kept.
    cut_upload(
        &server,
        &a.token,
        &hash,
        third as u64,
        total,
        &photo[third..2 * third],
    );
    let resumed_at = status(&server, &a.token, &hash);
    assert_eq!(resumed_at.received_bytes, third as u64);
    assert!(!resumed_at.complete);

    // A retry from the wrong place is told where to continue.
    let wrong = put_chunk(&server, &a.token, &hash, 0, total, &photo[..third]);
    let error = wrong.api_error(409);
    assert_eq!(error.code, "upload_offset");
    assert!(
        error.message.contains(&third.to_string()),
        "{}",
        error.message
    );
    assert_eq!(wrong.header("x-upload-offset"), Some(third.to_string()));
    let changed_length = put_chunk(
        &server,
        &a.token,
        &hash,
        third as u64,
        total + 1,
        &photo[third..],
    );
    assert_eq!(changed_length.api_error(409).code, "upload_length");

    let offset = resumed_at.received_bytes as usize;
    let second = put_chunk(
        &server,
        &a.token,
        &hash,
        offset as u64,
        total,
        &photo[offset..2 * third],
    );
    assert_eq!(second.status, 200);
    let last = put_chunk(
        &server,
        &a.token,
        &hash,
        2 * third as u64,
        total,
        &photo[2 * third..],
    );
    assert_eq!(last.status, 201, "{}", last.text());
    let done: PhotoStatus = last.json();
    assert!(done.complete);
    assert_eq!(done.received_bytes, total);

    let path = server.office().photo_path(&hash).unwrap();
    assert_eq!(Sha256Hash::of(&std::fs::read(&path).unwrap()), hash);
    let hex = hash.to_hex();
    assert!(
        path.ends_with(format!("photos/{}/{hex}", &hex[..2])),
        "{}",
        path.display()
    );

    // Sending it again writes nothing and says it is complete.
    let again = put_chunk(&server, &a.token, &hash, 0, total, &photo[..third]);
    assert_eq!(again.status, 200);
    assert!(again.json::<PhotoStatus>().complete);
    assert!(status(&server, &a.token, &hash).complete);
    server.stop();
}
}

crate::on_both_engines! {
fn wrong_bytes_are_refused() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let photo = std::fs::read(PHOTO).unwrap();
    let small = &photo[..50_000];
    let total = small.len() as u64;

    let named_otherwise = Sha256Hash::of(b"foto lain");
    name_photo(&server, &a, &named_otherwise, total);
    let mismatch = put_chunk(&server, &a.token, &named_otherwise, 0, total, small);
    assert_eq!(mismatch.api_error(422).code, "hash_mismatch");
    assert_eq!(
        status(&server, &a.token, &named_otherwise).received_bytes,
        0
    );

    let png = b"\x89PNG\r\n\x1a\n rest of a png".to_vec();
    name_photo(&server, &a, &Sha256Hash::of(&png), png.len() as u64);
    let not_jpeg = put_chunk(
        &server,
        &a.token,
        &Sha256Hash::of(&png),
        0,
        png.len() as u64,
        &png,
    );
    assert_eq!(not_jpeg.api_error(415).code, "not_jpeg");

    let hash = Sha256Hash::of(small);
    name_photo(&server, &a, &hash, total);
    let huge = put_chunk(&server, &a.token, &hash, 0, 16 * 1024 * 1024, small);
    assert_eq!(huge.api_error(413).code, "too_large");
    let overflow = put_chunk(&server, &a.token, &hash, 0, 10, small);
    assert_eq!(overflow.api_error(400).code, "upload_length");

    let no_headers = server.request(
        "PUT",
        &format!("/api/v1/photos/{hash}"),
        Some(&a.token),
        &[],
        Some(small),
    );
    assert_eq!(no_headers.api_error(400).code, "upload_header");
    let bad_hash = put_chunk(&server, &a.token, &hash, 0, total, small);
    assert_eq!(
        bad_hash.status,
        201,
        "the right name still works: {}",
        bad_hash.text()
    );
    let malformed = server.get("/api/v1/photos/abc", Some(&a.token));
    assert_eq!(malformed.api_error(400).code, "bad_id");
    let anonymous = server.get(&format!("/api/v1/photos/{hash}"), None);
    assert_eq!(anonymous.api_error(401).code, "unauthorized");
    server.stop();
}
}

crate::on_both_engines! {
/// Issue 13.9: courier B's token could finish A's half-uploaded photo with junk (422, and A's
/// part was deleted), and any phone could learn whether a photo exists. A phone may upload or
/// ask about only photos its courier's events name — an earlier enrollment's too.
fn a_phone_touches_only_photos_its_couriers_events_name() {
    let server = TestServer::start();
    let a = courier_with_manifest(&server, "Kurir A", "18.06.01");
    let b = courier_with_manifest(&server, "Kurir B", "18.06.02");
    let photo = std::fs::read(PHOTO).unwrap();
    let hash = Sha256Hash::of(&photo);
    let total = photo.len() as u64;
    let half = photo.len() / 2;

    let unnamed = put_chunk(&server, &a.token, &hash, 0, total, &photo[..half]);
    assert_eq!(
        unnamed.api_error(404).code,
        "photo_not_named",
        "no event names it yet"
    );
    name_photo(&server, &a, &hash, total);
    assert_eq!(
        put_chunk(&server, &a.token, &hash, 0, total, &photo[..half]).status,
        200
    );

    let peek = server.get(&format!("/api/v1/photos/{hash}"), Some(&b.token));
    assert_eq!(peek.api_error(404).code, "photo_not_named");
    let junk = vec![0xAB; photo.len() - half];
    let spoil = put_chunk(&server, &b.token, &hash, half as u64, total, &junk);
    assert_eq!(spoil.api_error(404).code, "photo_not_named");
    assert_eq!(
        status(&server, &a.token, &hash).received_bytes,
        half as u64,
        "A's part is kept"
    );

    // The same courier's phone enrolled again goes on with what the old one started.
    let code = server.office().new_enrollment_code(a.id).unwrap();
    let again = server.enroll(&code);
    let rest = put_chunk(
        &server,
        &again.token,
        &hash,
        half as u64,
        total,
        &photo[half..],
    );
    assert_eq!(rest.status, 201, "{}", rest.text());
    server.stop();
}
}
