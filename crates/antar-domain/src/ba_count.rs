//! The courier's count of a BA's documents when they take the bundle (SOP step 5): the
//! documents in hand, and the BA's lines missing from it. Missing documents never left the
//! office: they go back to its queue for the next BA. A BA issued since counts exist is
//! counted before its first attempt; older BAs, and BAs already at work, are not held back.

use serde::{Deserialize, Serialize};

use crate::attempt::{GpsFix, Text, unprintable};
use crate::ids::{ItemId, ManifestId, Sha256Hash};
use crate::state::ItemState;

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct HandoverCount {
    pub manifest_id: ManifestId,
    /// The BA's fingerprint as the phone downloaded it.
    pub manifest_sha256: Sha256Hash,
    /// Documents the courier counted in hand.
    pub counted: u32,
    /// The BA's documents not in the bundle; empty when the count matches the BA.
    pub missing: Vec<ItemId>,
    pub fix: Option<GpsFix>,
    pub note: Option<Text>,
}

/// Why a count is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HandoverCountError {
    #[error("dokumen {item} ditandai hilang dua kali")]
    MissingTwice { item: ItemId },
    #[error(
        "jumlah tidak cocok: {counted} dokumen dihitung dan {missing} hilang, padahal BA memuat \
         {on_ba} dokumen"
    )]
    DoesNotAddUp {
        counted: u32,
        missing: usize,
        on_ba: usize,
    },
    #[error("dokumen {item} tidak ada di BA ini")]
    NotOnBa { item: ItemId },
    #[error("catatan berisi karakter kontrol")]
    Text,
    #[error(
        "dokumen {item} sudah berstatus {}; hanya dokumen yang belum diantar bisa ditandai hilang",
        state.to_string().to_lowercase()
    )]
    NotPending { item: ItemId, state: ItemState },
}

impl HandoverCount {
    /// Refuses what no phone records, whatever the BA: a document marked missing twice, a
    /// note with control characters.
    pub fn check(&self) -> Result<(), HandoverCountError> {
        let mut seen = std::collections::HashSet::with_capacity(self.missing.len());
        if let Some(twice) = self.missing.iter().find(|item| !seen.insert(**item)) {
            return Err(HandoverCountError::MissingTwice { item: *twice });
        }
        if self
            .note
            .as_ref()
            .is_some_and(|n| unprintable(n.as_str()).is_some())
        {
            return Err(HandoverCountError::Text);
        }
        Ok(())
    }

    /// Checks the count against the BA it names, whose documents are `on_ba`: every missing
    /// document is on it, and counted and missing add up to all of them.
    pub fn check_against(&self, on_ba: &[ItemId]) -> Result<(), HandoverCountError> {
        self.check()?;
        if let Some(stranger) = self.missing.iter().find(|item| !on_ba.contains(item)) {
            return Err(HandoverCountError::NotOnBa { item: *stranger });
        }
        let adds_up = usize::try_from(self.counted)
            .ok()
            .and_then(|counted| counted.checked_add(self.missing.len()))
            == Some(on_ba.len());
        if !adds_up {
            return Err(HandoverCountError::DoesNotAddUp {
                counted: self.counted,
                missing: self.missing.len(),
                on_ba: on_ba.len(),
            });
        }
        Ok(())
    }

    /// The states the missing documents go to: each must still be pending (a document with an
    /// attempt was in the courier's hands); they go back to the office's queue.
    pub fn missing_after(
        &self,
        state_of: impl Fn(ItemId) -> Option<ItemState>,
    ) -> Result<Vec<(ItemId, ItemState)>, HandoverCountError> {
        self.missing
            .iter()
            .map(|item| {
                let state = state_of(*item).ok_or(HandoverCountError::NotOnBa { item: *item })?;
                state
                    .after_missing_at_count()
                    .map(|after| (*item, after))
                    .map_err(|_| HandoverCountError::NotPending { item: *item, state })
            })
            .collect()
    }

    /// Whether the courier took every document of the BA.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Whether a BA must be counted before the courier records an attempt on it: one issued
/// since counts exist, not counted yet, and with no attempt recorded (a BA already at work
/// is not held back).
pub fn count_required_before_attempt(
    issued_for_count: bool,
    counted: bool,
    attempts: bool,
) -> bool {
    issued_for_count && !counted && !attempts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(counted: u32, missing: Vec<ItemId>) -> HandoverCount {
        HandoverCount {
            manifest_id: ManifestId::new_v7(),
            manifest_sha256: Sha256Hash::of(b"ba"),
            counted,
            missing,
            fix: None,
            note: None,
        }
    }

    #[test]
    fn a_count_adds_up_to_the_ba_and_names_only_its_documents() {
        let ba: Vec<ItemId> = (0..5).map(|_| ItemId::new_v7()).collect();
        assert_eq!(count(5, vec![]).check_against(&ba), Ok(()));
        assert!(count(5, vec![]).is_complete());
        let short = count(3, vec![ba[1], ba[4]]);
        assert_eq!(short.check_against(&ba), Ok(()));
        assert!(!short.is_complete());
        let wrong = count(4, vec![ba[1], ba[4]]).check_against(&ba).unwrap_err();
        assert_eq!(
            wrong.to_string(),
            "jumlah tidak cocok: 4 dokumen dihitung dan 2 hilang, padahal BA memuat 5 dokumen"
        );
        let stranger = ItemId::new_v7();
        assert_eq!(
            count(4, vec![stranger]).check_against(&ba),
            Err(HandoverCountError::NotOnBa { item: stranger })
        );
        assert_eq!(
            count(3, vec![ba[0], ba[0]]).check(),
            Err(HandoverCountError::MissingTwice { item: ba[0] })
        );
        assert!(count(u32::MAX, vec![ba[0]]).check_against(&ba).is_err());

        let state_of = |item: ItemId| {
            let line = ba.iter().position(|i| *i == item)?;
            Some(if line == 4 {
                ItemState::Delivered
            } else {
                ItemState::Pending
            })
        };
        assert_eq!(
            count(4, vec![ba[1]]).missing_after(state_of),
            Ok(vec![(ba[1], ItemState::Returned)])
        );
        let at_work = count(4, vec![ba[4]]).missing_after(state_of).unwrap_err();
        assert!(
            at_work.to_string().contains("sudah berstatus diserahkan"),
            "{at_work}"
        );
    }

    #[test]
    fn only_a_new_ba_not_yet_at_work_waits_for_its_count() {
        assert!(count_required_before_attempt(true, false, false));
        assert!(!count_required_before_attempt(true, true, false));
        assert!(
            !count_required_before_attempt(true, false, true),
            "already at work"
        );
        assert!(
            !count_required_before_attempt(false, false, false),
            "issued before"
        );
    }
}
