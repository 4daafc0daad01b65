//! What a recording team's phone records at a visit, as events on the device's hash chain:
//! the check-in at the venue (GPS against the visit's desa, activity photos) and each
//! person's outcome, listed or walked in.

use serde::{Deserialize, Serialize};

use super::{IkdOutcome, RecordingOutcome};
use crate::attempt::{AttemptError, GpsFix, PhotoRef, Text, unprintable};
use crate::ids::{TargetId, VisitId};
use crate::nik::Nik;
use crate::place::PlaceVerdict;

/// Most activity photos one check-in names (dokumentasi kegiatan: the hall, the queue, the
/// kit); more is a mistake and would push the event past its size limit.
pub const MAX_CHECKIN_PHOTOS: usize = 10;

/// The team has arrived at the venue.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct VisitCheckin {
    pub visit_id: VisitId,
    pub fix: Option<GpsFix>,
    /// The phone's verdict on the fix against the visit's desa; the office judges again.
    pub place: Option<PlaceVerdict>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<PhotoRef>,
    pub note: Option<Text>,
}

/// Who an outcome is about.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VisitPerson {
    /// Someone on the visit's target list.
    Target { target_id: TargetId },
    /// Someone who came without being on the list: the NIK was typed and checked on the phone.
    WalkIn { nik: Nik, name: Option<Text> },
}

/// What became of one person at the visit.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct VisitOutcome {
    pub visit_id: VisitId,
    pub person: VisitPerson,
    pub outcome: RecordingOutcome,
    pub ikd: Option<IkdOutcome>,
    pub note: Option<Text>,
}

impl VisitCheckin {
    /// Refuses control characters in the note (see [`crate::attempt::Attempt::check_texts`])
    /// and more photos than a check-in names.
    pub fn check(&self) -> Result<(), VisitEventError> {
        if self.photos.len() > MAX_CHECKIN_PHOTOS {
            return Err(VisitEventError::TooManyPhotos {
                found: self.photos.len(),
            });
        }
        check_texts(self.note.iter())
    }
}

impl VisitOutcome {
    pub fn check(&self) -> Result<(), VisitEventError> {
        let name = match &self.person {
            VisitPerson::WalkIn { name, .. } => name.as_ref(),
            VisitPerson::Target { .. } => None,
        };
        check_texts(name.into_iter().chain(self.note.as_ref()))
    }
}

fn check_texts<'a>(texts: impl Iterator<Item = &'a Text>) -> Result<(), VisitEventError> {
    for text in texts {
        if let Some(found) = unprintable(text.as_str()) {
            return Err(VisitEventError::Text(AttemptError::ControlChar { found }));
        }
    }
    Ok(())
}

/// Why a visit event is refused where it arrives.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum VisitEventError {
    #[error(transparent)]
    Text(AttemptError),
    #[error("foto kegiatan terlalu banyak: {found}, paling banyak {MAX_CHECKIN_PHOTOS}")]
    TooManyPhotos { found: usize },
    #[error(
        "serah terima kolektif harus memuat 1 sampai {} dokumen, ditemukan {found}",
        super::handover::MAX_HANDOVER_ITEMS
    )]
    HandoverItems { found: usize },
    #[error("dokumen {item} disebut dua kali dalam satu serah terima kolektif")]
    HandoverTwice { item: crate::ids::ItemId },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_as_they_are_written_and_name_their_person() {
        let walk_in = VisitOutcome {
            visit_id: VisitId::new_v7(),
            person: VisitPerson::WalkIn {
                nik: Nik::parse("1806134107080003").unwrap(),
                name: Some(Text::parse("Sari").unwrap()),
            },
            outcome: RecordingOutcome::Recorded,
            ikd: Some(IkdOutcome::Activated),
            note: None,
        };
        let json = serde_json::to_string(&walk_in).unwrap();
        assert!(
            json.contains(r#""person":{"kind":"walk_in","nik":"1806134107080003""#),
            "{json}"
        );
        assert!(
            json.contains(r#""outcome":"recorded","ikd":"activated""#),
            "{json}"
        );
        assert_eq!(
            serde_json::from_str::<VisitOutcome>(&json).unwrap(),
            walk_in
        );
        let bad = json.replace("recorded", "direkam");
        assert!(serde_json::from_str::<VisitOutcome>(&bad).is_err());
    }

    #[test]
    fn control_characters_and_a_pile_of_photos_are_refused() {
        let stored: Text = serde_json::from_str("\"bel\\u0007\"").unwrap();
        let outcome = VisitOutcome {
            visit_id: VisitId::new_v7(),
            person: VisitPerson::Target {
                target_id: TargetId::new_v7(),
            },
            outcome: RecordingOutcome::Absent,
            ikd: None,
            note: Some(stored),
        };
        assert!(matches!(outcome.check(), Err(VisitEventError::Text(_))));
        let photo = PhotoRef {
            sha256: crate::ids::Sha256Hash::of(b"foto"),
            bytes: 10,
        };
        let checkin = VisitCheckin {
            visit_id: VisitId::new_v7(),
            fix: None,
            place: None,
            photos: vec![photo; MAX_CHECKIN_PHOTOS + 1],
            note: None,
        };
        let error = checkin.check().unwrap_err();
        assert!(error.to_string().contains("paling banyak 10"), "{error}");
    }
}
