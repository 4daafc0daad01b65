//! Receiving events: one at a time (`PUT /events/{id}`) or in batches, both idempotent by
//! event id and content hash. An event is the bytes the device sent: the device hashed and
//! chained exactly those (its canonical encoding), so the office hashes and keeps them as they
//! came. Checks that need no database run before the write lock.

use antar_domain::ids::{CourierId, EventId, ItemId, ManifestId, TargetId, VisitId};
use antar_domain::visit::VisitPerson;
use antar_domain::wire::{
    BatchResponse, BatchResult, Event, EventBody, MAX_BATCH_BYTES, MAX_BATCH_EVENTS,
    MAX_EVENT_BYTES,
};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::value::RawValue;
use uuid::Uuid;

use super::error::{Failure, json_bytes};
use super::extract::{Uploader, parse_json, path_id, read_body};
use super::{batch_json, created_or_ok};
use crate::office::Office;
use crate::store::{DeviceAuth, EventRejection, IncomingEvent};

pub(super) async fn put_event(
    State(office): State<Office>,
    Uploader(device): Uploader,
    Path(raw_id): Path<String>,
    req: Request,
) -> Result<Response, Failure> {
    let id: EventId = path_id(&raw_id, "id kejadian")?;
    let body = read_body::<MAX_EVENT_BYTES>(req, true).await?;
    let bytes = body.trim_ascii();
    let event: Event = parse_json(bytes)?;
    if event.id != id {
        return Err(Failure::bad_request(
            "id_mismatch",
            format!(
                "id di alamat ({id}) berbeda dengan id di isi kejadian ({})",
                event.id
            ),
        ));
    }
    let courier = check_event(&office, &event, &device).map_err(|(_, failure)| failure)?;
    let subject = Subject::of(&event);
    let incoming = vec![IncomingEvent::received(event, bytes)?.for_courier(courier, &device)];
    let mut results = office.record_events(device.courier_id, incoming).await?;
    match results.pop() {
        Some(Ok(recorded)) => {
            let status = created_or_ok(recorded.is_created());
            let json =
                serde_json::to_vec(&recorded.into_receipt()).map_err(|e| Failure::internal(&e))?;
            Ok(json_bytes(status, json))
        }
        Some(Err(rejection)) => Err(rejection_failure(rejection, subject)),
        None => Err(Failure::internal(&"hasil penyimpanan kejadian kosong")),
    }
}

pub(super) async fn batch(
    State(office): State<Office>,
    Uploader(device): Uploader,
    req: Request,
) -> Result<Response, Failure> {
    let bytes = read_body::<MAX_BATCH_BYTES>(req, true).await?;
    let parsed = parse_batch(&bytes)?;
    let mut results: Vec<Option<BatchResult>> = Vec::with_capacity(parsed.len());
    let mut incoming = Vec::with_capacity(parsed.len());
    for entry in parsed {
        match entry.and_then(|(event, bytes)| {
            check_event(&office, &event, &device).map(|courier| (event, bytes, courier))
        }) {
            Ok((event, bytes, courier)) => {
                results.push(None);
                incoming.push(IncomingEvent::received(event, bytes)?.for_courier(courier, &device));
            }
            Err((event_id, failure)) => results.push(Some(error_result(event_id, failure))),
        }
    }
    let ids: Vec<(EventId, Subject)> = incoming
        .iter()
        .map(|i| (i.event.id, Subject::of(&i.event)))
        .collect();
    let stored = if incoming.is_empty() {
        Vec::new()
    } else {
        office.record_events(device.courier_id, incoming).await?
    };
    let mut stored = stored.into_iter().zip(ids);
    let mut response = BatchResponse {
        results: Vec::with_capacity(results.len()),
    };
    for slot in results {
        response.results.push(match slot {
            Some(result) => result,
            None => match stored.next() {
                Some((Ok(recorded), _)) => BatchResult::Receipt(recorded.into_receipt()),
                Some((Err(rejection), (event_id, subject))) => {
                    error_result(event_id, rejection_failure(rejection, subject))
                }
                None => return Err(Failure::internal(&"jumlah hasil batch tidak cocok")),
            },
        });
    }
    let json = serde_json::to_vec(&response).map_err(|e| Failure::internal(&e))?;
    Ok(json_bytes(StatusCode::OK, json))
}

/// A parsed event with its bytes as sent, or why it was refused.
type Entry<'a> = Result<(Event, &'a [u8]), (EventId, Failure)>;

/// Parses the batch so that one malformed event is refused alone. The fast path parses all
/// events at once and finds each one's bytes with a scan of the (by then valid) body; if that
/// fails, the body is read as a list of raw JSON values, each parsed on its own.
fn parse_batch(bytes: &[u8]) -> Result<Vec<Entry<'_>>, Failure> {
    #[derive(serde::Deserialize)]
    struct Fast {
        events: Vec<Event>,
    }
    #[derive(serde::Deserialize)]
    struct Raw<'a> {
        #[serde(borrow)]
        events: Vec<&'a RawValue>,
    }
    if let Ok(fast) = serde_json::from_slice::<Fast>(bytes)
        && let Some(spans) = batch_json::event_spans(bytes)
        && spans.len() == fast.events.len()
        && spans.iter().all(|span| span.len() <= MAX_EVENT_BYTES)
    {
        check_count(fast.events.len())?;
        return Ok(fast
            .events
            .into_iter()
            .zip(spans)
            .map(|(event, span)| Ok((event, &bytes[span])))
            .collect());
    }
    let raw: Raw<'_> = parse_json(bytes)?;
    check_count(raw.events.len())?;
    Ok(raw
        .events
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            let text = value.get();
            let refuse = |mut failure: Failure| {
                failure.error.message = format!(
                    "kejadian ke-{} dalam batch: {}",
                    index + 1,
                    failure.error.message
                );
                (id_of_unreadable(text), failure)
            };
            if text.len() > MAX_EVENT_BYTES {
                return Err(refuse(Failure::too_large(MAX_EVENT_BYTES, "kejadian")));
            }
            parse_json::<Event>(text.as_bytes())
                .map(|event| (event, text.as_bytes()))
                .map_err(refuse)
        })
        .collect())
}

/// The id of an event that did not parse, if it names one, so the device can tell which.
fn id_of_unreadable(text: &str) -> EventId {
    #[derive(serde::Deserialize)]
    struct Named {
        id: EventId,
    }
    serde_json::from_str::<Named>(text)
        .map(|named| named.id)
        .unwrap_or_else(|_| EventId::from_uuid(Uuid::nil()))
}

fn check_count(n: usize) -> Result<(), Failure> {
    if n > MAX_BATCH_EVENTS {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("batch berisi {n} kejadian, paling banyak {MAX_BATCH_EVENTS}"),
        ));
    }
    Ok(())
}

/// A device sends its own events, those of the same courier's other phones, and those its
/// phone recorded under an earlier enrollment (for whichever courier); the answer is the
/// courier whose work the event is. Refuses an event whose id or sequence number no device
/// makes, whose texts hold a control character, or that another phone recorded.
fn check_event(
    office: &Office,
    event: &Event,
    device: &DeviceAuth,
) -> Result<CourierId, (EventId, Failure)> {
    if let Err(bad) = event.check_identity() {
        let message = format!("kejadian {}: {bad}", event.id);
        return Err((event.id, Failure::bad_request(bad.code(), message)));
    }
    if let Err(bad) = event.body.check() {
        let message = format!("kejadian {}: {bad}", event.id);
        return Err((event.id, Failure::bad_request(bad.code(), message)));
    }
    if let Some(courier) = office.recording_courier(device, event.device_id) {
        return Ok(courier);
    }
    Err((
        event.id,
        Failure::new(
            StatusCode::FORBIDDEN,
            "wrong_device",
            format!(
                "kejadian {} dicatat oleh perangkat kurir lain; perangkat hanya boleh \
                 mengirim kejadian kurirnya sendiri",
                event.id
            ),
        ),
    ))
}

/// What an event is about, to name in a refusal.
#[derive(Clone, Copy)]
enum Subject {
    Item(ItemId),
    Visit(VisitId, Option<TargetId>),
    Handover(VisitId, ManifestId),
    /// A whole BA: its count at handover, or a return from it.
    Manifest(ManifestId),
}

impl Subject {
    fn of(event: &Event) -> Self {
        match &event.body {
            EventBody::Attempt(attempt) => Self::Item(attempt.item_id),
            EventBody::VisitCheckin(checkin) => Self::Visit(checkin.visit_id, None),
            EventBody::VisitOutcome(outcome) => match &outcome.person {
                VisitPerson::Target { target_id } => {
                    Self::Visit(outcome.visit_id, Some(*target_id))
                }
                VisitPerson::WalkIn { .. } => Self::Visit(outcome.visit_id, None),
            },
            EventBody::CollectiveHandover(handover) => {
                Self::Handover(handover.visit_id, handover.manifest_id)
            }
            EventBody::HandoverCount(count) => Self::Manifest(count.manifest_id),
            EventBody::CourierReturn(handed_back) => Self::Manifest(handed_back.manifest_id),
        }
    }
}

fn rejection_failure(rejection: EventRejection, subject: Subject) -> Failure {
    match (rejection, subject) {
        (EventRejection::Conflict, _) => Failure::new(
            StatusCode::CONFLICT,
            "event_conflict",
            "id kejadian ini sudah dipakai oleh kejadian lain dengan isi berbeda",
        ),
        (EventRejection::ItemNotFound, Subject::Item(item)) => Failure::not_found(
            "item_not_found",
            format!("item {item} tidak ada di BA itu, atau BA itu bukan milik kurir ini"),
        ),
        (EventRejection::TargetNotFound, Subject::Visit(visit, Some(target))) => {
            Failure::not_found(
                "target_not_found",
                format!("sasaran {target} tidak pernah ada di daftar kunjungan {visit}"),
            )
        }
        (EventRejection::AlreadyCounted, Subject::Manifest(manifest)) => Failure::new(
            StatusCode::CONFLICT,
            "already_counted",
            format!(
                "BA {manifest} sudah dihitung saat serah terima; hitungan kedua tidak diterima"
            ),
        ),
        (EventRejection::BadCount(refused), _) => Failure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_handover_count",
            refused.to_string(),
        ),
        (EventRejection::BadReturn(refused), _) => Failure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_return",
            refused.to_string(),
        ),
        (_, Subject::Manifest(manifest)) => Failure::not_found(
            "manifest_not_found",
            format!("BA {manifest} tidak ada, atau bukan BA kurir ini"),
        ),
        (EventRejection::ItemNotFound, Subject::Handover(_, manifest)) => Failure::not_found(
            "item_not_found",
            format!("serah terima kolektif menyebut dokumen yang tidak ada di BA {manifest}"),
        ),
        (_, Subject::Visit(visit, _) | Subject::Handover(visit, _)) => visit_not_found(visit),
        (_, Subject::Item(item)) => Failure::not_found(
            "item_not_found",
            format!("item {item} tidak dikenal kantor"),
        ),
    }
}

/// Also what a phone hears for another team's visit: it cannot learn that the visit exists.
pub(super) fn visit_not_found(visit: VisitId) -> Failure {
    Failure::not_found(
        "visit_not_found",
        format!("kunjungan {visit} tidak ada, atau kurir ini bukan anggota timnya"),
    )
}

fn error_result(event_id: EventId, failure: Failure) -> BatchResult {
    BatchResult::Error {
        event_id,
        status: failure.status.as_u16(),
        error: *failure.error,
    }
}

#[cfg(test)]
mod properties;
