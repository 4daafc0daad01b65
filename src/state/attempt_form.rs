//! What the attempt screen's fields add up to, checked before anything is saved: each
//! missing piece gets its own sentence, in the courier's language.

use std::path::PathBuf;

use antar_device::AttemptInput;
use antar_domain::attempt::{
    FailureReason, GpsFix, OfficialPosition, Outcome, OutcomeKind, Relationship, Text,
};
use antar_domain::ids::ItemId;

use crate::strings::Strings;

#[derive(Clone, PartialEq, Debug, Default)]
pub struct AttemptForm {
    pub outcome: Option<OutcomeKind>,
    pub recipient: String,
    pub relationship: Option<Relationship>,
    /// The village official's position, for a card left with one (the name is `recipient`).
    pub position: Option<OfficialPosition>,
    /// A [`FailureReason`] code.
    pub reason: Option<String>,
    pub note: String,
    pub photo: Option<PathBuf>,
    pub fix: Option<GpsFix>,
}

impl AttemptForm {
    /// The attempt to record, or the first thing the courier still has to fill in.
    pub fn to_input(&self, item_id: ItemId, t: &Strings) -> Result<AttemptInput, String> {
        let text = |s: &str| Text::parse(s).map_err(|e| e.to_string());
        let note = match self.note.trim() {
            "" => None,
            note => Some(text(note)?),
        };
        let outcome = match self.outcome {
            None => return Err(t.attempt_need_outcome.to_owned()),
            Some(OutcomeKind::DeliveredToOwner) => Outcome::DeliveredToOwner,
            Some(OutcomeKind::DeliveredToFamily) => {
                if self.recipient.trim().is_empty() {
                    return Err(t.attempt_need_recipient.to_owned());
                }
                let Some(relationship) = self.relationship else {
                    return Err(t.attempt_need_relationship.to_owned());
                };
                Outcome::DeliveredToFamily {
                    recipient: text(&self.recipient)?,
                    relationship,
                }
            }
            Some(OutcomeKind::LeftWithOfficial) => {
                if self.recipient.trim().is_empty() {
                    return Err(t.attempt_need_official.to_owned());
                }
                let Some(position) = self.position else {
                    return Err(t.attempt_need_position.to_owned());
                };
                Outcome::LeftWithOfficial {
                    recipient: text(&self.recipient)?,
                    position,
                }
            }
            Some(OutcomeKind::Failed) => {
                let Some(code) = self.reason.as_deref() else {
                    return Err(t.attempt_need_reason.to_owned());
                };
                if code == "other" && note.is_none() {
                    return Err(t.attempt_need_note.to_owned());
                }
                let reason = FailureReason::parse(code, Some(self.note.trim()))
                    .map_err(|e| e.to_string())?;
                Outcome::Failed { reason }
            }
        };
        // A delivery without a photo proves nothing; a failed visit may have none (a
        // closed gate at night), the GPS fix and the note carry it.
        if outcome.is_delivered() && self.photo.is_none() {
            return Err(t.attempt_need_photo.to_owned());
        }
        let note = match &outcome {
            // The note of "other" travels inside the reason.
            Outcome::Failed {
                reason: FailureReason::Other { .. },
            } => None,
            _ => note,
        };
        Ok(AttemptInput {
            item_id,
            outcome,
            photo: self.photo.clone(),
            fix: self.fix,
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::ID;

    fn item() -> ItemId {
        ItemId::new_v7()
    }

    #[test]
    fn each_missing_piece_is_named() {
        let mut form = AttemptForm::default();
        assert_eq!(
            form.to_input(item(), &ID).unwrap_err(),
            ID.attempt_need_outcome
        );
        form.outcome = Some(OutcomeKind::DeliveredToOwner);
        assert_eq!(
            form.to_input(item(), &ID).unwrap_err(),
            ID.attempt_need_photo
        );
        form.outcome = Some(OutcomeKind::DeliveredToFamily);
        assert_eq!(
            form.to_input(item(), &ID).unwrap_err(),
            ID.attempt_need_recipient
        );
        form.recipient = "Siti".into();
        assert_eq!(
            form.to_input(item(), &ID).unwrap_err(),
            ID.attempt_need_relationship
        );
        form.outcome = Some(OutcomeKind::LeftWithOfficial);
        assert_eq!(
            form.to_input(item(), &ID).unwrap_err(),
            ID.attempt_need_position,
            "the official's name is there (Siti), the position is not"
        );
        form.recipient.clear();
        assert_eq!(
            form.to_input(item(), &ID).unwrap_err(),
            ID.attempt_need_official
        );
        form.outcome = Some(OutcomeKind::Failed);
        assert_eq!(
            form.to_input(item(), &ID).unwrap_err(),
            ID.attempt_need_reason
        );
        form.reason = Some("other".into());
        assert_eq!(
            form.to_input(item(), &ID).unwrap_err(),
            ID.attempt_need_note
        );
    }

    #[test]
    fn complete_forms_become_the_attempt_the_device_records() {
        let id = item();
        let family = AttemptForm {
            outcome: Some(OutcomeKind::DeliveredToFamily),
            recipient: "  Siti Aminah ".into(),
            relationship: Some(Relationship::Spouse),
            photo: Some(PathBuf::from("/tmp/p.jpg")),
            ..AttemptForm::default()
        };
        let input = family.to_input(id, &ID).unwrap();
        assert_eq!(input.item_id, id);
        assert!(matches!(
            input.outcome,
            Outcome::DeliveredToFamily {
                relationship: Relationship::Spouse,
                ..
            }
        ));

        let left = AttemptForm {
            outcome: Some(OutcomeKind::LeftWithOfficial),
            recipient: "Suparman".into(),
            position: Some(OfficialPosition::KepalaPekon),
            ..AttemptForm::default()
        };
        assert_eq!(
            left.to_input(id, &ID).unwrap_err(),
            ID.attempt_need_photo,
            "a card left with an official needs its photo too"
        );
        let left = AttemptForm {
            photo: Some(PathBuf::from("/tmp/p.jpg")),
            ..left
        };
        assert_eq!(
            left.to_input(id, &ID).unwrap().outcome,
            Outcome::LeftWithOfficial {
                recipient: Text::parse("Suparman").unwrap(),
                position: OfficialPosition::KepalaPekon,
            }
        );

        let failed = AttemptForm {
            outcome: Some(OutcomeKind::Failed),
            reason: Some("other".into()),
            note: "rumah kosong, tetangga bilang ke Jakarta".into(),
            ..AttemptForm::default()
        };
        let input = failed.to_input(id, &ID).unwrap();
        let Outcome::Failed {
            reason: FailureReason::Other { note },
        } = input.outcome
        else {
            panic!("{:?}", input.outcome)
        };
        assert_eq!(note.as_str(), "rumah kosong, tetangga bilang ke Jakarta");
        assert_eq!(input.note, None);
        assert_eq!(input.photo, None, "a failed visit may go without a photo");

        let moved = AttemptForm {
            outcome: Some(OutcomeKind::Failed),
            reason: Some("moved".into()),
            note: "pindah ke Pringsewu".into(),
            ..AttemptForm::default()
        };
        let input = moved.to_input(id, &ID).unwrap();
        assert_eq!(
            input.outcome,
            Outcome::Failed {
                reason: FailureReason::Moved
            }
        );
        assert_eq!(input.note.unwrap().as_str(), "pindah ke Pringsewu");
    }
}
