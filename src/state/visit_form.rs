//! What the visit screens' fields add up to, checked before anything is sent to the device:
//! a person's outcome (listed, or walked in with a typed NIK) and a check-in. What only the
//! device can judge (the NIK, the age on the visit's day) it judges and says in Indonesian.

use std::path::PathBuf;

use antar_device::{
    CollectiveHandoverInput, VisitCheckinInput, VisitOutcomeInput, VisitPersonInput, VisitTarget,
};
use antar_domain::attempt::{GpsFix, Text};
use antar_domain::ids::{ItemId, ManifestId, VisitId};
use antar_domain::manifest::{Manifest, ManifestItem};
use antar_domain::visit::{IkdOutcome, MAX_CHECKIN_PHOTOS, RecordingOutcome};

use crate::strings::Strings;

/// The outcome screen's buttons and note.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct OutcomeForm {
    pub outcome: Option<RecordingOutcome>,
    pub ikd: Option<IkdOutcome>,
    pub note: String,
}

/// Who the outcome is about: the person tapped on the list, or a NIK typed for a walk-in.
#[derive(Clone, Copy, Debug)]
pub enum Who<'a> {
    Listed(&'a VisitTarget),
    Typed { nik: &'a str, name: &'a str },
}

fn optional_text(typed: &str) -> Result<Option<Text>, String> {
    match typed.trim() {
        "" => Ok(None),
        text => Text::parse(text).map(Some).map_err(|e| e.to_string()),
    }
}

impl OutcomeForm {
    /// The outcome to record, or the first thing the team still has to fill in.
    pub fn to_input(
        &self,
        visit_id: VisitId,
        who: Who<'_>,
        t: &Strings,
    ) -> Result<VisitOutcomeInput, String> {
        let v = t.visits();
        let person = match who {
            Who::Listed(person) => match person.id {
                Some(id) => VisitPersonInput::Target(id),
                // A walk-in recorded earlier, corrected: the same NIK again.
                None => VisitPersonInput::WalkIn {
                    nik: person.nik.as_str().to_owned(),
                    name: optional_text(&person.name)?,
                },
            },
            Who::Typed { nik, name } => {
                // Spaces and dots as printed on a KK are the team's, not part of the NIK.
                let nik: String = nik
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '.')
                    .collect();
                if nik.is_empty() {
                    return Err(v.walk_in_need_nik.to_owned());
                }
                VisitPersonInput::WalkIn {
                    nik,
                    name: optional_text(name)?,
                }
            }
        };
        let Some(outcome) = self.outcome else {
            return Err(v.person_need_outcome.to_owned());
        };
        Ok(VisitOutcomeInput {
            visit_id,
            person,
            outcome,
            // IKD is activated on the phone of someone who is there.
            ikd: self.ikd.filter(|_| outcome.met()),
            note: optional_text(&self.note)?,
        })
    }
}

/// The check-in: the photos added so far, plus the one in the picker when saved.
pub fn checkin_input(
    visit_id: VisitId,
    fix: Option<GpsFix>,
    added: &[PathBuf],
    current: Option<PathBuf>,
    note: &str,
) -> Result<VisitCheckinInput, String> {
    let mut photos = added.to_vec();
    if let Some(path) = current.filter(|path| !photos.contains(path)) {
        photos.push(path);
    }
    photos.truncate(MAX_CHECKIN_PHOTOS);
    Ok(VisitCheckinInput {
        visit_id,
        fix,
        photos,
        note: optional_text(note)?,
    })
}

/// The cards of a visit's BA that can still be handed over: pending or failed, in the
/// printed order.
pub fn handover_cards(manifest: &Manifest) -> Vec<&ManifestItem> {
    manifest
        .items
        .iter()
        .filter(|item| item.state.after_collective_handover().is_ok())
        .collect()
}

/// The collective handover screen's fields.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct HandoverForm {
    /// The cards ticked.
    pub items: Vec<ItemId>,
    pub official_name: String,
    pub official_position: String,
    pub note: String,
}

/// What the team still has to fill in, each shown under its field.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct HandoverErrors {
    pub cards: Option<String>,
    pub name: Option<String>,
    pub position: Option<String>,
    pub note: Option<String>,
}

fn required_text(typed: &str, missing: &str) -> Result<Text, String> {
    match typed.trim() {
        "" => Err(missing.to_owned()),
        text => Text::parse(text).map_err(|e| e.to_string()),
    }
}

impl HandoverForm {
    /// The handover to record, or every field still wrong.
    pub fn to_input(
        &self,
        visit_id: VisitId,
        manifest_id: ManifestId,
        fix: Option<GpsFix>,
        photo: Option<PathBuf>,
        t: &Strings,
    ) -> Result<CollectiveHandoverInput, HandoverErrors> {
        let v = t.visits();
        let name = required_text(&self.official_name, v.handover_need_name);
        let position = required_text(&self.official_position, v.handover_need_position);
        let note = optional_text(&self.note);
        match (name, position, note) {
            (Ok(official_name), Ok(official_position), Ok(note)) if !self.items.is_empty() => {
                Ok(CollectiveHandoverInput {
                    visit_id,
                    manifest_id,
                    items: self.items.clone(),
                    official_name,
                    official_position,
                    fix,
                    photo,
                    note,
                })
            }
            (name, position, note) => Err(HandoverErrors {
                cards: self
                    .items
                    .is_empty()
                    .then(|| v.handover_need_cards.to_owned()),
                name: name.err(),
                position: position.err(),
                note: note.err(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::ID;
    use antar_domain::ids::TargetId;
    use antar_domain::nik::Nik;

    fn walk_in(name: &str) -> VisitTarget {
        VisitTarget {
            id: None,
            nik: Nik::parse("1806134107080003").unwrap(),
            name: name.to_owned(),
            card: None,
            outcome: Some(RecordingOutcome::Absent),
            ikd: None,
        }
    }

    #[test]
    fn a_typed_nik_and_an_outcome_are_needed_and_named() {
        let visit = VisitId::new_v7();
        let mut form = OutcomeForm::default();
        let empty = Who::Typed { nik: " ", name: "" };
        assert_eq!(
            form.to_input(visit, empty, &ID).unwrap_err(),
            ID.visits().walk_in_need_nik
        );
        let typed = Who::Typed {
            nik: "1806 1341 0708 0003",
            name: " Sari ",
        };
        assert_eq!(
            form.to_input(visit, typed, &ID).unwrap_err(),
            ID.visits().person_need_outcome
        );
        form.outcome = Some(RecordingOutcome::Recorded);
        form.ikd = Some(IkdOutcome::Activated);
        let input = form.to_input(visit, typed, &ID).unwrap();
        let VisitPersonInput::WalkIn { nik, name } = input.person else {
            panic!("{:?}", input.person)
        };
        assert_eq!(nik, "1806134107080003");
        assert_eq!(name.unwrap().as_str(), "Sari");
        assert_eq!(input.ikd, Some(IkdOutcome::Activated));
    }

    #[test]
    fn listed_people_go_by_id_and_corrected_walk_ins_by_their_nik() {
        let visit = VisitId::new_v7();
        let form = OutcomeForm {
            outcome: Some(RecordingOutcome::Absent),
            ikd: Some(IkdOutcome::Failed),
            note: "  ".into(),
        };
        let mut listed = walk_in("Agus");
        let id = TargetId::new_v7();
        listed.id = Some(id);
        let input = form.to_input(visit, Who::Listed(&listed), &ID).unwrap();
        assert_eq!(input.person, VisitPersonInput::Target(id));
        assert_eq!(input.ikd, None, "no IKD for someone absent");
        assert_eq!(input.note, None);
        let again = form
            .to_input(visit, Who::Listed(&walk_in("")), &ID)
            .unwrap();
        assert!(matches!(
            again.person,
            VisitPersonInput::WalkIn { ref nik, name: None } if nik == "1806134107080003"
        ));
    }

    #[test]
    fn a_handover_needs_cards_and_the_official_s_name_and_position() {
        let (visit, manifest) = (VisitId::new_v7(), ManifestId::new_v7());
        let mut form = HandoverForm {
            official_position: "  ".into(),
            ..HandoverForm::default()
        };
        let errors = form.to_input(visit, manifest, None, None, &ID).unwrap_err();
        let v = ID.visits();
        assert_eq!(errors.cards.as_deref(), Some(v.handover_need_cards));
        assert_eq!(errors.name.as_deref(), Some(v.handover_need_name));
        assert_eq!(errors.position.as_deref(), Some(v.handover_need_position));
        assert_eq!(errors.note, None);
        form.items = vec![ItemId::new_v7()];
        form.official_name = " Suparman ".into();
        form.official_position = "Sekretaris Pekon".into();
        let input = form.to_input(visit, manifest, None, None, &ID).unwrap();
        assert_eq!(input.official_name.as_str(), "Suparman");
        assert_eq!((input.items.len(), input.note), (1, None));
    }

    #[test]
    fn a_check_in_takes_the_photo_in_the_picker_once_and_at_most_the_domain_s_limit() {
        let visit = VisitId::new_v7();
        let a = PathBuf::from("/tmp/a.jpg");
        let input =
            checkin_input(visit, None, std::slice::from_ref(&a), Some(a.clone()), "").unwrap();
        assert_eq!(input.photos, vec![a.clone()]);
        let many = vec![a; MAX_CHECKIN_PHOTOS + 2];
        let input = checkin_input(visit, None, &many, None, "genset").unwrap();
        assert_eq!(input.photos.len(), MAX_CHECKIN_PHOTOS);
        assert_eq!(input.note.unwrap().as_str(), "genset");
    }
}
