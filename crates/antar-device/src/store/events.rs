//! Events and the outbox: the one chain every event joins (an attempt with its item state, a
//! visit event with its person's outcome, each in one transaction), handing pending events to
//! sync, and storing the office's receipts.

use antar_domain::ids::{EventId, ItemId, ManifestId, Sha256Hash, TargetId, VisitId};
use antar_domain::state::ItemState;
use antar_domain::wire::{Event, Receipt};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::{Store, now_text, parse_stored, sql_int, time_text};
use crate::error::{DeviceError, Result};
use crate::model::OutboxSummary;

/// An event about to be committed, built once the next `device_seq` and the item's current
/// state are known under the write lock.
#[derive(Debug)]
pub(crate) struct NewEvent {
    pub(crate) event: Event,
    pub(crate) item: ItemId,
    pub(crate) new_state: ItemState,
    pub(crate) photo: Option<StoredPhoto>,
}

/// A photo already safely on disk under the photo folder.
#[derive(Clone, Debug)]
pub(crate) struct StoredPhoto {
    pub(crate) sha256: Sha256Hash,
    pub(crate) size: u64,
    /// Relative to the data folder, so the folder can move.
    pub(crate) rel_path: String,
}

#[derive(Clone, Debug)]
pub(crate) struct PendingEvent {
    pub(crate) id: EventId,
    pub(crate) device_seq: u64,
    pub(crate) canonical: Vec<u8>,
    pub(crate) sha256: Sha256Hash,
}

#[derive(Clone, Debug)]
pub(crate) struct PendingPhoto {
    pub(crate) sha256: Sha256Hash,
    pub(crate) size: u64,
    pub(crate) rel_path: String,
}

/// Where the next event joins this phone's chain: its `device_seq` and the hash of the
/// event before it. Attempts and visit events share one chain.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link {
    pub(crate) device_seq: u64,
    pub(crate) prev_sha256: Option<Sha256Hash>,
}

/// What an event is about, for the columns the outbox and the screens look it up by.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Subject {
    Item(ItemId),
    Visit {
        visit: VisitId,
        target: Option<TargetId>,
    },
    /// A whole BA: the courier's count at handover.
    Manifest(ManifestId),
}

/// An event ready to join the chain, with the rest of its write.
pub(crate) trait Chained {
    fn event(&self) -> &Event;
    fn subject(&self) -> Subject;
    /// Photos already on disk that the event names; they join the photo outbox.
    fn photos(&self) -> &[StoredPhoto];
    /// The rest of the same transaction: an item's new state, a person's latest outcome.
    fn apply(&self, tx: &Transaction<'_>) -> Result<()>;
}

impl Chained for NewEvent {
    fn event(&self) -> &Event {
        &self.event
    }

    fn subject(&self) -> Subject {
        Subject::Item(self.item)
    }

    fn photos(&self) -> &[StoredPhoto] {
        self.photo.as_slice()
    }

    fn apply(&self, tx: &Transaction<'_>) -> Result<()> {
        tx.execute(
            "UPDATE items SET state = ?1 WHERE id = ?2",
            params![self.new_state.code(), self.item.to_string()],
        )?;
        Ok(())
    }
}

impl Store {
    /// Commits one attempt and its item's new state atomically. `build` gets the next
    /// `device_seq` and the item's current state read under the write lock (so two
    /// processes cannot both deliver the same document), and returns the event to store.
    pub(crate) fn commit_event(
        &mut self,
        item: ItemId,
        build: impl FnOnce(u64, Option<Sha256Hash>, ItemState) -> Result<NewEvent>,
    ) -> Result<NewEvent> {
        self.commit_chained(|tx, link| {
            let state: String = tx
                .query_row(
                    "SELECT state FROM items WHERE id = ?1",
                    [item.to_string()],
                    |r| r.get(0),
                )
                .map_err(|e| match e {
                    rusqlite::Error::QueryReturnedNoRows => {
                        DeviceError::not_found(format!("dokumen {item}"))
                    }
                    other => other.into(),
                })?;
            let current = ItemState::parse(&state).ok_or_else(|| {
                DeviceError::Storage(format!("status tersimpan rusak: {state:?}"))
            })?;
            build(link.device_seq, link.prev_sha256, current)
        })
    }

    /// The one way an event enters the chain, under one IMMEDIATE transaction: the next link
    /// is read, `build` makes the event (reading what it must under the same lock), then the
    /// event, its photos and [`Chained::apply`] are written together.
    pub(crate) fn commit_chained<N: Chained>(
        &mut self,
        build: impl FnOnce(&Transaction<'_>, Link) -> Result<N>,
    ) -> Result<N> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The chain: each event names the hash of the one before it.
        let last: Option<(i64, String)> = tx
            .query_row(
                "SELECT device_seq, sha256 FROM events ORDER BY device_seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let link = match last {
            Some((seq, sha)) => Link {
                device_seq: u64::try_from(seq).unwrap_or(0) + 1,
                prev_sha256: Some(parse_stored::<Sha256Hash>(&sha)?),
            },
            None => Link {
                device_seq: 1,
                prev_sha256: None,
            },
        };
        let new = build(&tx, link)?;
        for photo in new.photos() {
            tx.execute(
                "INSERT OR IGNORE INTO photos (sha256, size, path, added_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    photo.sha256.to_hex(),
                    sql_int(photo.size),
                    photo.rel_path,
                    now_text()
                ],
            )?;
        }
        let event = new.event();
        let (item, visit, target, manifest) = match new.subject() {
            Subject::Item(item) => (Some(item.to_string()), None, None, None),
            Subject::Visit { visit, target } => (
                None,
                Some(visit.to_string()),
                target.map(|t| t.to_string()),
                None,
            ),
            Subject::Manifest(manifest) => (None, None, None, Some(manifest.to_string())),
        };
        let canonical = event.canonical_bytes();
        tx.execute(
            "INSERT INTO events (id, device_seq, item_id, visit_id, target_id, canonical,
                                 sha256, recorded_at, photo_sha256, manifest_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                event.id.to_string(),
                sql_int(event.device_seq),
                item,
                visit,
                target,
                canonical,
                Sha256Hash::of(&canonical).to_hex(),
                time_text(event.recorded_at),
                new.photos().first().map(|p| p.sha256.to_hex()),
                manifest,
            ],
        )?;
        new.apply(&tx)?;
        tx.commit()?;
        Ok(new)
    }

    /// Up to `limit` events without a receipt, after `after_seq`, oldest first. Events the
    /// office refused are held back until [`Store::clear_rejections`].
    pub(crate) fn pending_events(&self, after_seq: u64, limit: usize) -> Result<Vec<PendingEvent>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, device_seq, canonical, sha256 FROM events
             WHERE receipt_json IS NULL AND last_error_code IS NULL AND device_seq > ?1
             ORDER BY device_seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(
            params![sql_int(after_seq), i64::try_from(limit).unwrap_or(i64::MAX)],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )?;
        rows.map(|row| {
            let (id, seq, canonical, sha) = row?;
            Ok(PendingEvent {
                id: parse_stored(&id)?,
                device_seq: u64::try_from(seq).unwrap_or(0),
                canonical,
                sha256: parse_stored(&sha)?,
            })
        })
        .collect()
    }

    /// Stores receipts, already checked against the local hashes, in one transaction: the
    /// receipt and the event's leaving the outbox are the same write.
    pub(crate) fn store_receipts(&mut self, receipts: &[Receipt]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut stored = 0;
        for receipt in receipts {
            let id = receipt.event_id.to_string();
            stored += tx.execute(
                "UPDATE events SET receipt_json = ?1, receipt_at = ?2,
                                   last_error = NULL, last_error_code = NULL
                 WHERE id = ?3 AND receipt_json IS NULL",
                params![serde_json::to_string(receipt)?, now_text(), id],
            )?;
            // The office's word on the item; it becomes the local state too unless a later
            // local attempt on the same item is still on its way. A visit event's receipt
            // names no item state, and touches no item.
            let Some(item_state) = receipt.item_state else {
                continue;
            };
            tx.execute(
                "UPDATE items SET office_state = ?1,
                     state = CASE WHEN EXISTS (SELECT 1 FROM events e
                                               WHERE e.item_id = items.id
                                                 AND e.receipt_json IS NULL)
                                  THEN state ELSE ?1 END
                 WHERE id = (SELECT item_id FROM events WHERE id = ?2)",
                params![item_state.code(), id],
            )?;
        }
        tx.commit()?;
        Ok(stored)
    }

    /// Puts every event and photo the office had acknowledged back in the outbox (the office
    /// was restored from a backup that may lack them); returns how many of each. Refused
    /// events stay held back as they were.
    pub(crate) fn requeue_sent(&mut self) -> Result<(usize, usize)> {
        // A revoked phone removed what was acknowledged; it has nothing to send again.
        if self.revoked_at()?.is_some() {
            return Ok((0, 0));
        }
        let tx = self.conn.transaction()?;
        // Events whose bytes left the phone (a delivery 30 days old) cannot go again, nor
        // their photos.
        let events = tx.execute(
            "UPDATE events SET receipt_json = NULL, receipt_at = NULL
             WHERE receipt_json IS NOT NULL AND length(canonical) > 0",
            [],
        )?;
        let photos = tx.execute(
            "UPDATE photos SET complete = 0, uploaded_bytes = 0
             WHERE complete = 1 AND sha256 NOT IN
                 (SELECT photo_sha256 FROM events
                  WHERE length(canonical) = 0 AND photo_sha256 IS NOT NULL)",
            [],
        )?;
        tx.commit()?;
        Ok((events, photos))
    }

    /// Marks one event as refused by the office; it stays in the outbox, held back.
    pub(crate) fn mark_rejected(
        &mut self,
        event: EventId,
        status: u16,
        message: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE events SET last_error = ?1, last_error_code = ?2
             WHERE id = ?3 AND receipt_json IS NULL",
            params![message, status, event.to_string()],
        )?;
        Ok(())
    }

    pub(crate) fn clear_rejections(&mut self) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE events SET last_error = NULL, last_error_code = NULL
             WHERE receipt_json IS NULL AND last_error_code IS NOT NULL",
            [],
        )?)
    }

    pub(crate) fn receipts(&self) -> Result<Vec<Receipt>> {
        let mut stmt = self.conn.prepare(
            "SELECT receipt_json FROM events WHERE receipt_json IS NOT NULL ORDER BY device_seq",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|json| Ok(serde_json::from_str(&json?)?)).collect()
    }

    /// Events the office has acknowledged, each with its receipt, oldest first.
    pub(crate) fn acknowledged_events(&self) -> Result<Vec<(Event, Receipt)>> {
        let mut stmt = self.conn.prepare(
            "SELECT canonical, receipt_json FROM events
             WHERE receipt_json IS NOT NULL AND length(canonical) > 0 ORDER BY device_seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|row| {
            let (canonical, receipt) = row?;
            Ok((
                serde_json::from_slice(&canonical)?,
                serde_json::from_str(&receipt)?,
            ))
        })
        .collect()
    }

    pub(crate) fn receipt_count(&self) -> Result<usize> {
        self.count("SELECT count(*) FROM events WHERE receipt_json IS NOT NULL")
    }

    pub(crate) fn outbox_counts(&self) -> Result<OutboxSummary> {
        let pending_bytes: i64 = self.conn.query_row(
            "SELECT coalesce(sum(size - uploaded_bytes), 0) FROM photos WHERE complete = 0",
            [],
            |r| r.get(0),
        )?;
        Ok(OutboxSummary {
            events: self.count("SELECT count(*) FROM events WHERE receipt_json IS NULL")?,
            rejected: self.count(
                "SELECT count(*) FROM events
                 WHERE receipt_json IS NULL AND last_error_code IS NOT NULL",
            )?,
            photos: self.count("SELECT count(*) FROM photos WHERE complete = 0")?,
            photo_bytes_pending: u64::try_from(pending_bytes).unwrap_or(0),
        })
    }

    pub(crate) fn pending_photos(&self) -> Result<Vec<PendingPhoto>> {
        let mut stmt = self.conn.prepare(
            "SELECT sha256, size, path FROM photos WHERE complete = 0 ORDER BY added_at, sha256",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (sha, size, rel_path) = row?;
            Ok(PendingPhoto {
                sha256: parse_stored(&sha)?,
                size: u64::try_from(size).unwrap_or(0),
                rel_path,
            })
        })
        .collect()
    }

    /// Records how much of a photo the office holds; `complete` takes it out of the outbox.
    pub(crate) fn photo_progress(
        &mut self,
        sha: Sha256Hash,
        uploaded: u64,
        complete: bool,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE photos SET uploaded_bytes = ?1, complete = ?2 WHERE sha256 = ?3",
            params![sql_int(uploaded), complete, sha.to_hex()],
        )?;
        Ok(())
    }

    fn count(&self, sql: &str) -> Result<usize> {
        let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}
