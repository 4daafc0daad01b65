//! Staff settling a person two team phones disagreed about, by choosing one phone's word.

use antar_domain::ids::{DeviceId, VisitId};
use antar_domain::visit::{IkdOutcome, OutcomeRecord, RecordingOutcome, Settled};

use super::{Office, clean_name};
use crate::error::{OfficeError, OfficeResult};

/// Whom staff settle: a person by NIK (the command line), or by one of their outcome records
/// (the web, whose pages never show a whole NIK).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PersonRef {
    Nik(String),
    Record { device: DeviceId, device_seq: u64 },
}

impl PersonRef {
    /// A record's reference as the web's forms carry it: `<device id>:<seq>`.
    pub fn parse_record(text: &str) -> Option<Self> {
        let (device, seq) = text.trim().split_once(':')?;
        Some(Self::Record {
            device: device.parse().ok()?,
            device_seq: seq.parse().ok()?,
        })
    }

    fn names(&self, nik: &str, records: &[(String, OutcomeRecord)]) -> bool {
        match self {
            Self::Nik(wanted) => wanted.trim() == nik,
            Self::Record { device, device_seq } => records
                .iter()
                .any(|(_, r)| r.device == *device && r.device_seq == *device_seq),
        }
    }
}

impl Office {
    /// Settles `person` of visit `id` on one phone's word (`outcome`, `ikd`); refused when the
    /// phones do not disagree about them or no phone said that.
    pub fn settle_visit_outcome(
        &self,
        id: VisitId,
        person: &PersonRef,
        outcome: RecordingOutcome,
        ikd: Option<IkdOutcome>,
        settled_by: &str,
    ) -> OfficeResult<()> {
        let settled_by = clean_name(settled_by, "nama petugas")?;
        let number = self.visit_number(id)?;
        let results = self.store().visit_results(id)?;
        let listed = results
            .people
            .iter()
            .map(|p| (p.target.id.to_string(), p.target.nik.as_str(), &p.records));
        let walk_ins = results
            .walk_ins
            .iter()
            .map(|w| (w.nik.clone(), w.nik.as_str(), &w.records));
        let (key, records) = listed
            .chain(walk_ins)
            .find(|(_, nik, records)| person.names(nik, records))
            .map(|(key, _, records)| (key, records))
            .ok_or_else(|| {
                OfficeError::InvalidRequest(format!(
                    "orang itu belum punya catatan di kunjungan {number}"
                ))
            })?;
        let words: Vec<OutcomeRecord> = records.iter().map(|(_, r)| *r).collect();
        let settlement = Settled::settle(&words, outcome, ikd)
            .map_err(|refused| OfficeError::InvalidRequest(refused.to_string()))?;
        self.store()
            .settle_visit_person(id, &key, &settlement, &settled_by)?;
        tracing::info!(visit = %id, "hasil yang berselisih diputuskan");
        Ok(())
    }
}
