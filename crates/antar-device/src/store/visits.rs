//! Visits and their people: storing what the office sent without losing local outcomes,
//! committing a visit event with its person's latest outcome, and finding a visit or a person
//! for recording (only the enrolled courier's, through `my_visits`).

use std::collections::HashSet;

use antar_domain::ids::{ManifestId, TargetId, VisitId};
use antar_domain::nik::Nik;
use antar_domain::region::RegionCode;
use antar_domain::visit::{IkdOutcome, VisitPerson, VisitState};
use antar_domain::wire::{Event, EventBody, TargetCard, VisitSheet, VisitSummary};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::events::{Chained, Link, Subject};
use super::{Store, StoredPhoto, now_text, parse_stored, time_text};
use crate::error::{DeviceError, Result};

/// The visit row's `json`: the office's sheet without its targets.
#[derive(Serialize, Deserialize)]
pub(super) struct StoredVisit {
    pub(super) visit: VisitSummary,
    pub(super) note: Option<String>,
    pub(super) team: Vec<String>,
    /// The visit's own BAs (rows stored before the phone kept them, or sent by an older
    /// office, have none: then any visit BA on the phone is offered).
    #[serde(default)]
    pub(super) manifests: Vec<ManifestId>,
}

/// A walk-in's row `json`: what the team typed.
#[derive(Serialize, Deserialize)]
pub(super) struct WalkInRow {
    pub(super) nik: Nik,
    pub(super) name: Option<String>,
}

/// What recording needs to know of a visit, read under the write lock.
#[derive(Clone, Debug)]
pub(crate) struct VisitHead {
    pub(crate) id: VisitId,
    pub(crate) number: String,
    pub(crate) visit_day: NaiveDate,
    pub(crate) state: VisitState,
    pub(crate) desa: RegionCode,
    pub(crate) desa_name: String,
    pub(crate) venue: String,
    pub(crate) manifests: Vec<ManifestId>,
}

/// A visit event about to be committed.
#[derive(Debug)]
pub(crate) struct NewVisitEvent {
    pub(crate) event: Event,
    pub(crate) visit: VisitId,
    pub(crate) photos: Vec<StoredPhoto>,
}

/// What storing one downloaded visit changed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(crate) struct MergedVisit {
    pub(crate) new: bool,
    pub(crate) targets: usize,
}

impl Chained for NewVisitEvent {
    fn event(&self) -> &Event {
        &self.event
    }

    fn subject(&self) -> Subject {
        let target = match &self.event.body {
            EventBody::VisitOutcome(outcome) => match &outcome.person {
                VisitPerson::Target { target_id } => Some(*target_id),
                VisitPerson::WalkIn { .. } => None,
            },
            _ => None,
        };
        Subject::Visit {
            visit: self.visit,
            target,
        }
    }

    fn photos(&self) -> &[StoredPhoto] {
        &self.photos
    }

    fn apply(&self, tx: &Transaction<'_>) -> Result<()> {
        let visit = self.visit.to_string();
        let at = time_text(self.event.recorded_at);
        let outcome = match &self.event.body {
            EventBody::VisitOutcome(outcome) => outcome,
            EventBody::VisitCheckin(_) => {
                tx.execute(
                    "UPDATE visits SET checked_in_at = coalesce(checked_in_at, ?1) WHERE id = ?2",
                    params![at, visit],
                )?;
                return Ok(());
            }
            EventBody::CollectiveHandover(handover) => {
                return deliver_collectively(tx, &self.event.id.to_string(), &handover.items);
            }
            EventBody::Attempt(_) | EventBody::HandoverCount(_) | EventBody::CourierReturn(_) => {
                return Err(DeviceError::Storage(
                    "upaya pengantaran bukan peristiwa kunjungan".to_owned(),
                ));
            }
        };
        let (code, ikd) = (outcome.outcome.code(), outcome.ikd.map(IkdOutcome::code));
        let (met, recorded) = (outcome.outcome.met(), outcome.outcome.is_recorded());
        match &outcome.person {
            VisitPerson::Target { target_id } => {
                let changed = tx.execute(
                    "UPDATE visit_targets SET outcome = ?1, ikd = ?2, met = ?3, recorded = ?4,
                                              outcome_at = ?5
                     WHERE id = ?6 AND visit_id = ?7 AND walk_in = 0",
                    params![code, ikd, met, recorded, at, target_id.to_string(), visit],
                )?;
                if changed == 0 {
                    return Err(DeviceError::not_found(format!("sasaran {target_id}")));
                }
            }
            VisitPerson::WalkIn { nik, name } => {
                // A correction of a walk-in updates their row; the first outcome makes it.
                let json = serde_json::to_string(&WalkInRow {
                    nik: nik.clone(),
                    name: name.as_ref().map(|n| n.as_str().to_owned()),
                })?;
                let name_key = name.as_ref().map(|n| n.as_str().to_lowercase());
                let changed = tx.execute(
                    "UPDATE visit_targets SET outcome = ?1, ikd = ?2, met = ?3, recorded = ?4,
                         outcome_at = ?5, json = ?6, name_key = coalesce(?7, name_key)
                     WHERE visit_id = ?8 AND nik = ?9 AND walk_in = 1",
                    params![
                        code,
                        ikd,
                        met,
                        recorded,
                        at,
                        json,
                        name_key,
                        visit,
                        nik.as_str()
                    ],
                )?;
                if changed == 0 {
                    tx.execute(
                        "INSERT INTO visit_targets (id, visit_id, nik, name_key, walk_in, json,
                             outcome, ikd, met, recorded, outcome_at)
                         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?9, ?10)",
                        params![
                            uuid::Uuid::now_v7().to_string(),
                            visit,
                            nik.as_str(),
                            name_key.unwrap_or_default(),
                            json,
                            code,
                            ikd,
                            met,
                            recorded,
                            at
                        ],
                    )?;
                }
            }
        }
        Ok(())
    }
}

impl Store {
    /// Whether a visit's people already left the phone: its list is then never taken again.
    pub(crate) fn visit_list_removed(&self, visit: VisitId) -> Result<bool> {
        let removed: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT targets_removed_at FROM visits WHERE id = ?1",
                [visit.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(matches!(removed, Some(Some(_))))
    }

    /// Stores a downloaded visit for `courier`. Its people are refreshed from the office's
    /// list unless they already left the phone; local outcomes are never touched, and a
    /// listed person the office dropped stays while the phone holds an outcome for them.
    pub(crate) fn save_visit(&mut self, sheet: &VisitSheet, courier: &str) -> Result<MergedVisit> {
        let tx = self.conn.transaction()?;
        let id = sheet.visit.id.to_string();
        let removed: Option<Option<String>> = tx
            .query_row(
                "SELECT targets_removed_at FROM visits WHERE id = ?1",
                [&id],
                |r| r.get(0),
            )
            .optional()?;
        let json = serde_json::to_string(&StoredVisit {
            visit: sheet.visit.clone(),
            note: sheet.note.clone(),
            team: sheet.team.clone(),
            manifests: sheet.manifests.clone(),
        })?;
        let summary = &sheet.visit;
        tx.execute(
            "INSERT INTO visits (id, number, visit_day, courier_id, state, desa_code, json,
                                 downloaded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET number = excluded.number,
                 visit_day = excluded.visit_day, courier_id = excluded.courier_id,
                 state = excluded.state, desa_code = excluded.desa_code, json = excluded.json,
                 downloaded_at = excluded.downloaded_at, purged_at = NULL",
            params![
                id,
                summary.number,
                summary.visit_day.to_string(),
                courier,
                summary.state.code(),
                summary.desa.as_str(),
                json,
                now_text(),
            ],
        )?;
        let mut merged = MergedVisit {
            new: removed.is_none(),
            targets: 0,
        };
        if matches!(removed, Some(Some(_))) {
            tx.commit()?;
            return Ok(merged);
        }
        let listed: HashSet<String> = sheet.targets.iter().map(|t| t.id.to_string()).collect();
        for (position, target) in sheet.targets.iter().enumerate() {
            upsert_target(&tx, &id, position, target)?;
            merged.targets += 1;
        }
        // People the office took off the list while the plan could still change.
        let stale: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM visit_targets
                 WHERE visit_id = ?1 AND walk_in = 0 AND outcome IS NULL",
            )?;
            let ids = stmt.query_map([&id], |r| r.get::<_, String>(0))?;
            ids.filter(|row| !row.as_ref().is_ok_and(|id| listed.contains(id)))
                .collect::<Result<_, _>>()?
        };
        for target in stale {
            tx.execute("DELETE FROM visit_targets WHERE id = ?1", [target])?;
        }
        tx.commit()?;
        Ok(merged)
    }

    /// Stores the office's summary of a visit whose people already left the phone.
    pub(crate) fn save_visit_summary(&mut self, summary: &VisitSummary) -> Result<()> {
        let id = summary.id.to_string();
        let Some(json) = self
            .conn
            .query_row("SELECT json FROM visits WHERE id = ?1", [&id], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
        else {
            return Err(DeviceError::not_found(format!("kunjungan {id}")));
        };
        let mut stored: StoredVisit = serde_json::from_str(&json)?;
        stored.visit = summary.clone();
        self.conn.execute(
            "UPDATE visits SET state = ?1, json = ?2, downloaded_at = ?3 WHERE id = ?4",
            params![
                summary.state.code(),
                serde_json::to_string(&stored)?,
                now_text(),
                id
            ],
        )?;
        Ok(())
    }

    /// The enrolled courier's visits on the phone.
    pub(crate) fn my_visit_ids(&self) -> Result<Vec<VisitId>> {
        let mut stmt = self.conn.prepare("SELECT id FROM my_visits")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|id| parse_stored(&id?)).collect()
    }

    pub(crate) fn visit_head(&self, visit: VisitId) -> Result<VisitHead> {
        read_head(&self.conn, visit)
    }

    /// Commits one visit event. `build` gets the next link of the chain and the visit as it
    /// stands under the write lock.
    pub(crate) fn commit_visit_event(
        &mut self,
        visit: VisitId,
        build: impl FnOnce(Link, VisitHead) -> Result<NewVisitEvent>,
    ) -> Result<NewVisitEvent> {
        self.commit_chained(|tx, link| build(link, read_head(tx, visit)?))
    }

    /// Finds a visit by its id or its printed number.
    pub(crate) fn resolve_visit(&self, id_or_number: &str) -> Result<VisitId> {
        let wanted = id_or_number.trim();
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM my_visits WHERE id = ?1 OR number = ?1",
                [wanted],
                |r| r.get(0),
            )
            .optional()?;
        parse_stored(&id.ok_or_else(|| DeviceError::not_found(format!("kunjungan {wanted:?}")))?)
    }

    /// Whether `target` is a listed person of `visit` on this phone.
    pub(crate) fn target_on_visit(&self, visit: VisitId, target: TargetId) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM my_visit_targets WHERE id = ?1 AND visit_id = ?2 AND walk_in = 0",
                params![target.to_string(), visit.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// The listed person of `visit` with this NIK, if any.
    pub(crate) fn listed_target_by_nik(
        &self,
        visit: VisitId,
        nik: &Nik,
    ) -> Result<Option<TargetId>> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM my_visit_targets WHERE visit_id = ?1 AND nik = ?2 AND walk_in = 0
                 ORDER BY position LIMIT 1",
                params![visit.to_string(), nik.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| parse_stored(&id)).transpose()
    }
}

fn upsert_target(
    tx: &Transaction<'_>,
    visit: &str,
    position: usize,
    card: &TargetCard,
) -> Result<()> {
    tx.execute(
        "INSERT INTO visit_targets (id, visit_id, position, nik, name_key, category, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET visit_id = excluded.visit_id,
             position = excluded.position, nik = excluded.nik, name_key = excluded.name_key,
             category = excluded.category, json = excluded.json",
        params![
            card.id.to_string(),
            visit,
            i64::try_from(position).unwrap_or(i64::MAX),
            card.nik.as_str(),
            card.name.to_lowercase(),
            card.category.code(),
            serde_json::to_string(card)?,
        ],
    )?;
    Ok(())
}

pub(super) fn read_head(conn: &Connection, visit: VisitId) -> Result<VisitHead> {
    let json: String = conn
        .query_row(
            "SELECT json FROM my_visits WHERE id = ?1",
            [visit.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| DeviceError::not_found(format!("kunjungan {visit}")))?;
    let stored: StoredVisit = serde_json::from_str(&json)?;
    let v = stored.visit;
    Ok(VisitHead {
        id: v.id,
        number: v.number,
        visit_day: v.visit_day,
        state: v.state,
        desa: v.desa,
        desa_name: v.desa_name,
        venue: v.venue,
        manifests: stored.manifests,
    })
}

/// The cards a collective handover names become delivered, as an attempt delivering them to
/// their owner would make them (a card already delivered stays so), and are kept as the
/// handover's until its receipt (migration 0004).
fn deliver_collectively(
    tx: &Transaction<'_>,
    event: &str,
    items: &[antar_domain::ids::ItemId],
) -> Result<()> {
    use antar_domain::state::ItemState;
    for item in items {
        let id = item.to_string();
        tx.execute(
            "INSERT OR IGNORE INTO handover_items (event_id, item_id) VALUES (?1, ?2)",
            params![event, id],
        )?;
        let state: Option<String> = tx
            .query_row("SELECT state FROM items WHERE id = ?1", [&id], |r| r.get(0))
            .optional()?;
        let state = state.ok_or_else(|| DeviceError::not_found(format!("dokumen {item}")))?;
        let state = ItemState::parse(&state)
            .ok_or_else(|| DeviceError::Storage(format!("status tersimpan rusak: {state:?}")))?;
        if let Ok(after) = state.after_collective_handover() {
            tx.execute(
                "UPDATE items SET state = ?1 WHERE id = ?2",
                params![after.code(), id],
            )?;
        }
    }
    Ok(())
}
