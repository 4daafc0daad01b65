//! A collective handover at a visit: printed cards of the visit's BA handed to an official of
//! the pekon (aparat pekon) for their owners to collect there, with the official's name and
//! position, a photo and the place. It counts as delivery for the service standard and starts
//! the SOP's 14-day follow-up clock for the cards not collected (`sop::FOLLOW_UP_AFTER_DAYS`).

use serde::{Deserialize, Serialize};

use super::VisitEventError;
use crate::attempt::{AttemptError, GpsFix, PhotoRef, Text, unprintable};
use crate::ids::{ItemId, ManifestId, Sha256Hash, VisitId};
use crate::place::PlaceVerdict;

/// Most cards one handover names: a pekon's batch, and the event stays under its size limit.
pub const MAX_HANDOVER_ITEMS: usize = 200;

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct CollectiveHandover {
    pub visit_id: VisitId,
    /// The visit's BA the cards are on, and its fingerprint as the phone downloaded it.
    pub manifest_id: ManifestId,
    pub manifest_sha256: Sha256Hash,
    pub items: Vec<ItemId>,
    /// Who received them for the pekon, and their position (e.g. Sekretaris Pekon).
    pub official_name: Text,
    pub official_position: Text,
    pub fix: Option<GpsFix>,
    /// The phone's verdict on the fix against the visit's desa.
    pub place: Option<PlaceVerdict>,
    pub photo: Option<PhotoRef>,
    pub note: Option<Text>,
}

impl CollectiveHandover {
    /// Refuses an empty or oversized list, a card named twice, and control characters.
    pub fn check(&self) -> Result<(), VisitEventError> {
        if self.items.is_empty() || self.items.len() > MAX_HANDOVER_ITEMS {
            return Err(VisitEventError::HandoverItems {
                found: self.items.len(),
            });
        }
        let mut seen = std::collections::HashSet::with_capacity(self.items.len());
        if let Some(twice) = self.items.iter().find(|item| !seen.insert(**item)) {
            return Err(VisitEventError::HandoverTwice { item: *twice });
        }
        let texts = [&self.official_name, &self.official_position]
            .into_iter()
            .chain(self.note.as_ref());
        for text in texts {
            if let Some(found) = unprintable(text.as_str()) {
                return Err(VisitEventError::Text(AttemptError::ControlChar { found }));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handover(items: Vec<ItemId>) -> CollectiveHandover {
        CollectiveHandover {
            visit_id: VisitId::new_v7(),
            manifest_id: ManifestId::new_v7(),
            manifest_sha256: Sha256Hash::of(b"ba"),
            items,
            official_name: Text::parse("Suparman").unwrap(),
            official_position: Text::parse("Sekretaris Pekon").unwrap(),
            fix: None,
            place: None,
            photo: None,
            note: None,
        }
    }

    #[test]
    fn a_handover_names_each_card_once_and_some() {
        let card = ItemId::new_v7();
        assert_eq!(handover(vec![card, ItemId::new_v7()]).check(), Ok(()));
        let empty = handover(Vec::new()).check().unwrap_err();
        assert!(empty.to_string().contains("1 sampai 200"), "{empty}");
        let twice = handover(vec![card, card]).check().unwrap_err();
        assert!(twice.to_string().contains(&card.to_string()), "{twice}");
        let many = handover((0..=MAX_HANDOVER_ITEMS).map(|_| ItemId::new_v7()).collect());
        assert!(many.check().is_err());
        let json = serde_json::to_string(&handover(vec![card])).unwrap();
        assert!(
            json.contains(r#""official_position":"Sekretaris Pekon""#),
            "{json}"
        );
    }
}
