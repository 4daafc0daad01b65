//! Emptying the outbox: events in batches (each receipt checked against the local hash and
//! stored before the event leaves the outbox), then photos in resumable chunks.

use antar_domain::ids::EventId;
use antar_domain::wire::{
    BatchResponse, BatchResult, DeviceStatus, MAX_BATCH_BYTES, MAX_BATCH_EVENTS,
    MAX_PHOTO_CHUNK_BYTES, PhotoStatus, Receipt, UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER,
};
use ureq::http::Method;

use crate::client::{self, Office, Reply};
use crate::error::{DeviceError, Result};
use crate::model::{Progress, SyncOptions, SyncReport};
use crate::office_copy;
use crate::store::{PendingEvent, PendingPhoto, Store};

/// Room left in a batch body for `{"events":[` … `]}` and the commas.
const BATCH_ENVELOPE_BYTES: usize = 64;

pub(crate) fn run(
    store: &mut Store,
    office: &mut Office,
    options: SyncOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    send_events(store, office, options, progress, &mut report)?;
    send_photos(store, office, options, progress, &mut report)?;
    if office_copy::requeue_if_restored(store, office)? {
        report.resent_after_restore = true;
        send_events(store, office, options, progress, &mut report)?;
        send_photos(store, office, options, progress, &mut report)?;
    }
    report_what_is_left(store, office);
    report.bytes_sent = office.bytes_sent;
    report.bytes_received = office.bytes_received;
    tracing::info!(
        events = report.events_sent,
        receipts = report.receipts_stored,
        rejected = report.events_rejected,
        photos = report.photos_sent,
        bytes_sent = report.bytes_sent,
        "sync finished"
    );
    Ok(report)
}

/// Tells the office what the phone still holds unsent, so staff see it per courier. Best
/// effort: an office from before this report answers 404, and a dropped link loses only the
/// report — the sync itself has already succeeded.
fn report_what_is_left(store: &Store, office: &mut Office) {
    let Ok(left) = store.outbox_counts() else {
        return;
    };
    let status = DeviceStatus {
        events_waiting: left.events as u64,
        photos_waiting: left.photos as u64,
    };
    let Ok(body) = serde_json::to_vec(&status) else {
        return;
    };
    let headers = [("content-type", "application/json".to_owned())];
    match office.request(Method::PUT, "/device/status", Some(body), &headers) {
        Ok(reply) if reply.status == 204 => {}
        Ok(reply) => tracing::debug!(status = reply.status, "office took no status report"),
        Err(error) => tracing::debug!(%error, "status report not sent"),
    }
}

fn send_events(
    store: &mut Store,
    office: &mut Office,
    options: SyncOptions,
    progress: &mut dyn FnMut(Progress),
    report: &mut SyncReport,
) -> Result<()> {
    let counts = store.outbox_counts()?;
    let total = counts.events - counts.rejected;
    let per_batch = options.batch_events.clamp(1, MAX_BATCH_EVENTS);
    // A cursor, not "whatever is still pending": an event the office could not take now
    // (a 5xx for that one event) must not be resent in a loop within one sync.
    let mut after_seq = 0;
    loop {
        let batch = fit_in_body(store.pending_events(after_seq, per_batch)?);
        let Some(last) = batch.last() else {
            return Ok(());
        };
        after_seq = last.device_seq;
        let mut body = Vec::from(&b"{\"events\":["[..]);
        for (i, event) in batch.iter().enumerate() {
            if i > 0 {
                body.push(b',');
            }
            // The stored canonical bytes, not a re-encoding: the office hashes what we hashed.
            body.extend_from_slice(&event.canonical);
        }
        body.extend_from_slice(b"]}");
        let response: BatchResponse = office.post_json_gzipped("/events/batch", body)?;
        report.events_sent += batch.len();
        let mismatch = take_results(store, &batch, response.results, report)?;
        progress(Progress::Events {
            sent: report.events_sent,
            total,
        });
        if let Some(event) = mismatch {
            return Err(DeviceError::Protocol(format!(
                "tanda terima kantor untuk peristiwa {event} tidak cocok dengan data di ponsel; \
                 peristiwa itu ditahan, hubungi kantor"
            )));
        }
    }
}

/// Keeps a batch under the office's body limit; an event is never more than 16 KiB, so
/// at least one always fits.
fn fit_in_body(mut batch: Vec<PendingEvent>) -> Vec<PendingEvent> {
    let mut size = BATCH_ENVELOPE_BYTES;
    let fits = batch
        .iter()
        .take_while(|event| {
            size += event.canonical.len() + 1;
            size <= MAX_BATCH_BYTES
        })
        .count();
    batch.truncate(fits.max(1));
    batch
}

/// Stores the good receipts of one batch together, marks refused events; returns the first
/// event whose receipt does not match what we sent.
fn take_results(
    store: &mut Store,
    batch: &[PendingEvent],
    results: Vec<BatchResult>,
    report: &mut SyncReport,
) -> Result<Option<EventId>> {
    if results.len() != batch.len() {
        return Err(DeviceError::Protocol(format!(
            "kantor menjawab {} hasil untuk {} peristiwa",
            results.len(),
            batch.len()
        )));
    }
    let mut receipts: Vec<Receipt> = Vec::with_capacity(batch.len());
    let mut mismatch = None;
    for (sent, result) in batch.iter().zip(results) {
        match result {
            BatchResult::Receipt(receipt)
                if receipt.event_id == sent.id && receipt.event_sha256 == sent.sha256 =>
            {
                receipts.push(receipt);
            }
            BatchResult::Receipt(_) => {
                store.mark_rejected(
                    sent.id,
                    0,
                    "tanda terima kantor tidak cocok (hash berbeda)",
                )?;
                report.events_rejected += 1;
                mismatch.get_or_insert(sent.id);
            }
            BatchResult::Error { status, .. } if status >= 500 => {
                tracing::warn!(event = %sent.id, status, "office could not take event now");
            }
            BatchResult::Error {
                event_id,
                status,
                error,
            } => {
                // A 409 (same id, other bytes) or another refusal of this one event: kept,
                // marked and held back, so the rest of the outbox still flows.
                let id = if event_id == sent.id {
                    event_id
                } else {
                    sent.id
                };
                tracing::warn!(event = %id, status, code = %error.code, "office refused event");
                store.mark_rejected(id, status, &error.to_string())?;
                report.events_rejected += 1;
            }
        }
    }
    report.receipts_stored += store.store_receipts(&receipts)?;
    Ok(mismatch)
}

fn send_photos(
    store: &mut Store,
    office: &mut Office,
    options: SyncOptions,
    progress: &mut dyn FnMut(Progress),
    report: &mut SyncReport,
) -> Result<()> {
    let photos = store.pending_photos()?;
    let chunk = options.chunk_bytes.clamp(1024, MAX_PHOTO_CHUNK_BYTES);
    for (i, photo) in photos.iter().enumerate() {
        let mut on_chunk = |done: u64| {
            progress(Progress::Photo {
                index: i + 1,
                photos: photos.len(),
                bytes_done: done,
                bytes_total: photo.size,
            })
        };
        match upload_photo(store, office, photo, chunk, &mut on_chunk) {
            Ok(Upload::Sent) => report.photos_sent += 1,
            Ok(Upload::AlreadyThere) => {}
            // Every byte is at the office but it did not call the photo whole; the others still
            // go, and this one is asked about again at the next sync.
            Ok(Upload::Unfinished { received }) => {
                tracing::warn!(photo = %photo.sha256, received, size = photo.size, "office did not finish photo");
                report.photos_failed += 1;
            }
            // The office refuses this one photo (too big, hash does not match…): the others
            // still go; this one stays in the outbox for the office to look into.
            Err(DeviceError::Rejected { status, error })
                if (400..500).contains(&status) && status != 401 =>
            {
                tracing::warn!(photo = %photo.sha256, status, code = %error.code, "office refused photo");
                report.photos_failed += 1;
            }
            Err(other) => return Err(other),
        }
    }
    Ok(())
}

/// What came of one photo's upload.
enum Upload {
    /// This call sent bytes and the office now holds the whole photo.
    Sent,
    /// The office had it whole already.
    AlreadyThere,
    /// The office holds `received` bytes and does not call the photo whole.
    Unfinished { received: u64 },
}

/// Uploads one photo from wherever the office's copy ends.
fn upload_photo(
    store: &mut Store,
    office: &mut Office,
    photo: &PendingPhoto,
    chunk: usize,
    on_chunk: &mut dyn FnMut(u64),
) -> Result<Upload> {
    let path = format!("/photos/{}", photo.sha256);
    let mut status = office_copy(office, &path, photo)?;
    if status.complete {
        store.photo_progress(photo.sha256, photo.size, true)?;
        return Ok(Upload::AlreadyThere);
    }
    let bytes = std::fs::read(store.dir().join(&photo.rel_path))?;
    if bytes.len() as u64 != photo.size {
        return Err(DeviceError::Storage(format!(
            "foto {} berubah ukuran di ponsel",
            photo.sha256
        )));
    }
    // Each round either moves the office's offset forward or ends; a bound stops an office
    // that keeps answering the same offset from looping forever.
    let max_rounds = bytes.len() / chunk + 4;
    for _ in 0..max_rounds {
        let offset = usize::try_from(status.received_bytes).unwrap_or(usize::MAX);
        if status.complete || offset >= bytes.len() {
            break;
        }
        let end = (offset + chunk).min(bytes.len());
        let headers = [
            (UPLOAD_OFFSET_HEADER, offset.to_string()),
            (UPLOAD_LENGTH_HEADER, photo.size.to_string()),
            ("content-type", "application/octet-stream".to_owned()),
        ];
        let reply = office.request(
            Method::PUT,
            &path,
            Some(bytes[offset..end].to_vec()),
            &headers,
        )?;
        status = match reply.status {
            200..=299 => client::decode(reply)?,
            // The office holds a different amount than we thought (an earlier chunk did
            // arrive after all): start again from where it says.
            409 | 416 => resumed_at(office, &path, photo, &reply)?,
            _ => return Err(client::rejection(&reply)),
        };
        store.photo_progress(photo.sha256, status.received_bytes, status.complete)?;
        on_chunk(status.received_bytes);
    }
    if !status.complete {
        // Our offset reached the end without the office saying so: ask it once more.
        status = office_copy(office, &path, photo)?;
        store.photo_progress(photo.sha256, status.received_bytes, status.complete)?;
    }
    if !status.complete {
        return Ok(Upload::Unfinished {
            received: status.received_bytes,
        });
    }
    Ok(Upload::Sent)
}

fn office_copy(office: &mut Office, path: &str, photo: &PendingPhoto) -> Result<PhotoStatus> {
    let reply = office.request(Method::GET, path, None, &[])?;
    if reply.status == 404 {
        return Ok(PhotoStatus {
            sha256: photo.sha256,
            received_bytes: 0,
            complete: false,
        });
    }
    client::decode(reply)
}

fn resumed_at(
    office: &mut Office,
    path: &str,
    photo: &PendingPhoto,
    reply: &Reply,
) -> Result<PhotoStatus> {
    let offset = reply
        .headers
        .get(UPLOAD_OFFSET_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match offset {
        Some(received_bytes) => Ok(PhotoStatus {
            sha256: photo.sha256,
            received_bytes,
            complete: false,
        }),
        None => office_copy(office, path, photo),
    }
}
