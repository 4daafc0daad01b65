//! Documents the courier brings back at the end of a round: which, why each one, and how many
//! are in the bundle; then the office's own count of that bundle. The counts are compared,
//! never reconciled: a difference on either side stays flagged for staff to see.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::attempt::{FailureReason, GpsFix, Text, unprintable};
use crate::ids::{ItemId, ManifestId, Sha256Hash};
use crate::state::ItemState;

/// The courier's return of some of a BA's documents, recorded on the phone.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct CourierReturn {
    pub manifest_id: ManifestId,
    /// The BA's fingerprint as the phone downloaded it.
    pub manifest_sha256: Sha256Hash,
    pub documents: Vec<ReturnedDocument>,
    /// Documents the courier counted in the bundle handed back.
    pub counted: u32,
    pub fix: Option<GpsFix>,
    pub note: Option<Text>,
}

/// One document handed back, with the reason it could not be delivered.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ReturnedDocument {
    pub item_id: ItemId,
    #[serde(flatten)]
    pub reason: FailureReason,
}

/// Why a return is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReturnError {
    #[error("pilih sedikitnya satu dokumen yang dikembalikan")]
    Empty,
    #[error("dokumen {item} dipilih dua kali")]
    Twice { item: ItemId },
    #[error("dokumen {item} tidak ada di BA ini")]
    NotOnBa { item: ItemId },
    #[error(
        "jumlah tidak cocok: {counted} dokumen dihitung, padahal hanya {listed} yang dipilih; \
         pilih juga dokumen yang lain"
    )]
    CountTooHigh { counted: u32, listed: usize },
    #[error("catatan atau alasan berisi karakter kontrol")]
    Text,
    #[error(
        "dokumen {item} sudah berstatus {}; hanya dokumen yang belum diserahkan bisa dikembalikan",
        state.to_string().to_lowercase()
    )]
    NotReturnable { item: ItemId, state: ItemState },
}

impl CourierReturn {
    /// Refuses what no phone records, whatever the BA: nothing chosen, a document twice, more
    /// documents counted than chosen (an extra one must be chosen, not counted), control
    /// characters. Fewer counted than chosen is not refused: it is the shortfall to flag.
    pub fn check(&self) -> Result<(), ReturnError> {
        if self.documents.is_empty() {
            return Err(ReturnError::Empty);
        }
        let mut seen = std::collections::HashSet::with_capacity(self.documents.len());
        if let Some(twice) = self.documents.iter().find(|d| !seen.insert(d.item_id)) {
            return Err(ReturnError::Twice {
                item: twice.item_id,
            });
        }
        if usize::try_from(self.counted).map_or(true, |c| c > self.documents.len()) {
            return Err(ReturnError::CountTooHigh {
                counted: self.counted,
                listed: self.documents.len(),
            });
        }
        let reason_notes = self.documents.iter().filter_map(|d| match &d.reason {
            FailureReason::Other { note } => Some(note),
            _ => None,
        });
        if reason_notes
            .chain(self.note.as_ref())
            .any(|t| unprintable(t.as_str()).is_some())
        {
            return Err(ReturnError::Text);
        }
        Ok(())
    }

    /// The states the returned documents go to, given each one's state on the BA (`None`
    /// when it is not on it): each must not have reached its owner nor be back already.
    pub fn returned_after(
        &self,
        state_of: impl Fn(ItemId) -> Option<ItemState>,
    ) -> Result<Vec<(ItemId, ItemState)>, ReturnError> {
        self.check()?;
        self.documents
            .iter()
            .map(|d| {
                let item = d.item_id;
                let state = state_of(item).ok_or(ReturnError::NotOnBa { item })?;
                state
                    .after_courier_return()
                    .map(|after| (item, after))
                    .map_err(|_| ReturnError::NotReturnable { item, state })
            })
            .collect()
    }

    /// Documents chosen, as a count.
    pub fn listed(&self) -> u32 {
        u32::try_from(self.documents.len()).unwrap_or(u32::MAX)
    }
}

/// A return's counts side by side: the documents on the BA Pengembalian, the courier's count
/// of the bundle and, once staff counted it, the office's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReturnTally {
    pub listed: u32,
    /// `None` on a return staff issued at the office without the courier's phone.
    pub courier_counted: Option<u32>,
    pub office_counted: Option<u32>,
}

/// How a return stands for staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnStanding {
    /// The courier's return arrived; staff have not counted the bundle yet.
    AwaitingOfficeCount,
    /// Every count there is agrees with the list.
    Agreed,
    /// A count differs from the list or from the other count: flagged until someone looks.
    Differs,
}

impl ReturnTally {
    pub fn standing(self) -> ReturnStanding {
        let counts = [self.courier_counted, self.office_counted];
        if counts.into_iter().flatten().any(|c| c != self.listed) {
            return ReturnStanding::Differs;
        }
        if self.courier_counted.is_some() && self.office_counted.is_none() {
            return ReturnStanding::AwaitingOfficeCount;
        }
        ReturnStanding::Agreed
    }

    /// Whether staff may still count the bundle: a courier's return, not counted yet.
    pub fn office_may_count(self) -> bool {
        self.courier_counted.is_some() && self.office_counted.is_none()
    }
}

/// The day a returned document is ready at the office, from which the 14-day follow-up runs
/// (see [`crate::sop::FollowUpClock`]): for a courier's return, the day staff counted the
/// bundle (before that, the documents are on their way); for a return staff issued at the
/// office, the day they issued it.
pub fn ready_at_office_since(
    courier_return: bool,
    issued_on: Option<NaiveDate>,
    office_counted_on: Option<NaiveDate>,
) -> Option<NaiveDate> {
    if courier_return {
        office_counted_on
    } else {
        issued_on
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn returning(items: &[ItemId], counted: u32) -> CourierReturn {
        CourierReturn {
            manifest_id: ManifestId::new_v7(),
            manifest_sha256: Sha256Hash::of(b"ba"),
            documents: items
                .iter()
                .map(|item| ReturnedDocument {
                    item_id: *item,
                    reason: FailureReason::NotAtHome,
                })
                .collect(),
            counted,
            fix: None,
            note: None,
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn a_return_names_undelivered_documents_of_its_ba_once_each() {
        let ba: Vec<ItemId> = (0..4).map(|_| ItemId::new_v7()).collect();
        let state_of = |item: ItemId| match ba.iter().position(|i| *i == item)? {
            0 => Some(ItemState::Pending),
            1 => Some(ItemState::Failed),
            2 => Some(ItemState::Delivered),
            _ => Some(ItemState::Returned),
        };
        assert_eq!(
            returning(&ba[..2], 2).returned_after(state_of),
            Ok(vec![
                (ba[0], ItemState::Returned),
                (ba[1], ItemState::Returned)
            ])
        );
        let delivered = returning(&ba[2..3], 1)
            .returned_after(state_of)
            .unwrap_err();
        assert_eq!(
            delivered.to_string(),
            format!(
                "dokumen {} sudah berstatus diserahkan; hanya dokumen yang belum diserahkan \
                 bisa dikembalikan",
                ba[2]
            )
        );
        assert!(returning(&ba[3..], 1).returned_after(state_of).is_err());
        let stranger = ItemId::new_v7();
        assert_eq!(
            returning(&[stranger], 1).returned_after(state_of),
            Err(ReturnError::NotOnBa { item: stranger })
        );
        assert_eq!(
            returning(&[ba[0], ba[0]], 2).check(),
            Err(ReturnError::Twice { item: ba[0] })
        );
        assert_eq!(returning(&[], 0).check(), Err(ReturnError::Empty));
    }

    #[test]
    fn more_counted_than_chosen_is_refused_fewer_is_a_shortfall_to_flag() {
        let ba: Vec<ItemId> = (0..5).map(|_| ItemId::new_v7()).collect();
        let refused = returning(&ba[..2], 3).check().unwrap_err();
        assert_eq!(
            refused.to_string(),
            "jumlah tidak cocok: 3 dokumen dihitung, padahal hanya 2 yang dipilih; pilih juga \
             dokumen yang lain"
        );
        assert_eq!(returning(&ba, 4).check(), Ok(()));
        assert_eq!(returning(&ba, 0).check(), Ok(()));
    }

    #[test]
    fn a_reason_note_with_a_control_character_is_refused() {
        let mut r = returning(&[ItemId::new_v7()], 1);
        r.documents[0].reason = FailureReason::Other {
            note: serde_json::from_str("\"pindah\\u001b\"").unwrap_or_else(|_| unreachable!()),
        };
        assert_eq!(r.check(), Err(ReturnError::Text));
    }

    #[test]
    fn counts_that_differ_on_either_side_stay_flagged() {
        let tally = |courier, office| ReturnTally {
            listed: 5,
            courier_counted: courier,
            office_counted: office,
        };
        use ReturnStanding::*;
        assert_eq!(tally(Some(5), None).standing(), AwaitingOfficeCount);
        assert_eq!(tally(Some(5), Some(5)).standing(), Agreed);
        assert_eq!(tally(Some(5), Some(4)).standing(), Differs, "office side");
        assert_eq!(tally(Some(4), None).standing(), Differs, "courier side");
        assert_eq!(tally(Some(4), Some(4)).standing(), Differs, "both short");
        assert_eq!(tally(None, None).standing(), Agreed, "issued at the office");
        assert!(tally(Some(5), None).office_may_count());
        assert!(!tally(Some(5), Some(4)).office_may_count());
        assert!(!tally(None, None).office_may_count());
    }

    #[test]
    fn a_courier_return_waits_for_the_office_count_before_the_follow_up_clock_starts() {
        let issued = Some(day("2026-12-01"));
        assert_eq!(ready_at_office_since(true, issued, None), None);
        assert_eq!(
            ready_at_office_since(true, issued, Some(day("2026-12-03"))),
            Some(day("2026-12-03"))
        );
        assert_eq!(ready_at_office_since(false, issued, None), issued);
    }

    #[test]
    fn the_wire_form_flattens_each_reason_beside_its_document() {
        let item = ItemId::new_v7();
        let json = serde_json::to_value(returning(&[item], 1)).unwrap_or_default();
        assert_eq!(json["documents"][0]["reason"], "not_at_home");
        assert_eq!(json["documents"][0]["item_id"], item.to_string());
    }
}
