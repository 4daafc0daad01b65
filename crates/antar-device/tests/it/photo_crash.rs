//! The office dies between two writes of a photo upload, and the phone still gets its photo
//! through: the two crash windows found by killing the office at random, reproduced exactly
//! (random kills rarely hit them). Each leaves the office's folder and rows as that crash
//! would; the office is started again and the phone syncs.

use std::path::{Path, PathBuf};

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{FailureReason, Outcome};
use antar_domain::ids::Sha256Hash;
use antar_office::PhotoCheck;
use rusqlite::Connection;
use support::office::Fixture;

use crate::support;

/// A phone with one attempt recorded with its proof photo, not yet sent: the phone's data
/// folder, the photo's hash and its bytes.
fn phone_with_unsent_photo(fixture: &Fixture) -> (tempfile::TempDir, Sha256Hash, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let item = device.manifest(card.id).unwrap().items[0].id;
    let recorded = device
        .record_attempt(AttemptInput {
            item_id: item,
            outcome: Outcome::Failed {
                reason: FailureReason::NotAtHome,
            },
            photo: Some(support::photo_fixture()),
            fix: None,
            note: None,
        })
        .unwrap();
    let sha = recorded.photo.unwrap().sha256;
    let bytes = std::fs::read(dir.path().join(format!("photos/{sha}.jpg"))).unwrap();
    (dir, sha, bytes)
}

/// The office's row for the photo, as its upload's first chunk wrote it.
fn insert_incomplete_row(office_dir: &Path, sha: Sha256Hash, total: usize) {
    Connection::open(office_dir.join("office.sqlite"))
        .unwrap()
        .execute(
            "INSERT INTO photos (sha256, total_bytes, complete, created_at)
             VALUES (?1, ?2, 0, '2026-12-05T01:00:00Z')",
            rusqlite::params![sha.to_hex(), total as i64],
        )
        .unwrap();
}

fn whole_path(office_dir: &Path, sha: Sha256Hash) -> PathBuf {
    let hex = sha.to_hex();
    office_dir.join("photos").join(&hex[..2]).join(hex)
}

fn partial_path(office_dir: &Path, sha: Sha256Hash) -> PathBuf {
    office_dir.join("photos/partial").join(sha.to_hex())
}

fn office_row(office_dir: &Path, sha: Sha256Hash) -> (bool, Option<String>) {
    Connection::open(office_dir.join("office.sqlite"))
        .unwrap()
        .query_row(
            "SELECT complete, proof_check FROM photos WHERE sha256 = ?1",
            [sha.to_hex()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

/// The phone syncs: the event gets its receipt, the photo leaves the outbox, and the office
/// holds it whole, verified, and shows the attempt's proof as verified.
fn sync_and_check_photo_is_whole(fixture: &Fixture, phone: &Path, sha: Sha256Hash) {
    let mut device = Device::open(phone).unwrap();
    let report = device.sync().unwrap();
    assert_eq!(report.receipts_stored, 1);
    assert_eq!(report.photos_failed, 0);
    assert!(device.outbox().unwrap().is_empty(), "the photo was sent");
    assert_eq!(
        office_row(fixture.office_dir(), sha),
        (true, Some("ok".to_owned())),
        "the office's row says whole and a proof photo"
    );
    let attempts = fixture.office().attempts().unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].photo_check, PhotoCheck::Verified);
    assert!(!partial_path(fixture.office_dir(), sha).exists());
    let kept = std::fs::read(whole_path(fixture.office_dir(), sha)).unwrap();
    assert_eq!(Sha256Hash::of(&kept), sha);
}

/// Killed after the last chunk was written to `partial/` but before the hash check and
/// rename: every byte is there and nothing said so. The office used to answer "all bytes
/// received, not complete" forever, and the phone gave up its whole photo step.
#[test]
fn a_photo_whose_last_chunk_landed_before_the_crash_is_finished() {
    let mut fixture = Fixture::start();
    let (phone, sha, bytes) = phone_with_unsent_photo(&fixture);
    fixture.restart(|office_dir| {
        std::fs::write(partial_path(office_dir, sha), &bytes).unwrap();
        insert_incomplete_row(office_dir, sha, bytes.len());
    });
    sync_and_check_photo_is_whole(&fixture, phone.path(), sha);
}

/// Killed after the rename into `photos/xx/` but before the row was marked whole: the phone
/// was told "complete", and the review page said "not yet uploaded" forever.
#[test]
fn a_photo_renamed_into_place_before_the_crash_is_marked_whole() {
    let mut fixture = Fixture::start();
    let (phone, sha, bytes) = phone_with_unsent_photo(&fixture);
    fixture.restart(|office_dir| {
        let whole = whole_path(office_dir, sha);
        std::fs::create_dir_all(whole.parent().unwrap()).unwrap();
        std::fs::write(&whole, &bytes).unwrap();
        insert_incomplete_row(office_dir, sha, bytes.len());
    });
    sync_and_check_photo_is_whole(&fixture, phone.path(), sha);
}

/// The same two states reached while the office runs (a tool or a second process left
/// them): asking about the photo settles it, with no restart.
#[test]
fn a_photo_left_half_finished_is_settled_when_the_phone_asks() {
    let fixture = Fixture::start();
    let (phone, sha, bytes) = phone_with_unsent_photo(&fixture);
    std::fs::write(partial_path(fixture.office_dir(), sha), &bytes).unwrap();
    insert_incomplete_row(fixture.office_dir(), sha, bytes.len());
    sync_and_check_photo_is_whole(&fixture, phone.path(), sha);
}
