//! The life of a manifest item: pending → delivered | failed → re-attempt | returned to
//! office. Every change goes through here, so an illegal one cannot be stored.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::attempt::Outcome;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Handed to the courier, not attempted yet.
    Pending,
    /// Delivered to the owner or a family member, or left with a village official or the RT
    /// head (`Outcome::LeftWithOfficial`, in their custody as a collective handover): final.
    Delivered,
    /// At least one attempt failed; the courier may try again or return it.
    Failed,
    /// Brought back to the office: final for this manifest.
    Returned,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("status dokumen tidak bisa berubah dari {from} menjadi {to}")]
pub struct TransitionError {
    pub from: ItemState,
    pub to: ItemState,
}

impl ItemState {
    pub const ALL: [ItemState; 4] = [Self::Pending, Self::Delivered, Self::Failed, Self::Returned];

    /// Every item of a newly issued BA starts here: handed to the courier.
    pub const ON_ISSUE: ItemState = Self::Pending;

    /// The state after an attempt with this outcome.
    pub fn after_attempt(self, outcome: &Outcome) -> Result<ItemState, TransitionError> {
        let to = if outcome.is_delivered() {
            Self::Delivered
        } else {
            Self::Failed
        };
        match self {
            Self::Pending | Self::Failed => Ok(to),
            Self::Delivered | Self::Returned => Err(TransitionError { from: self, to }),
        }
    }

    /// The state after a recording team hands the document to the aparat pekon at a visit:
    /// delivered, as to its owner (the office's 14-day follow-up then watches that the owner
    /// collects it); a document already delivered or returned stays as it is.
    pub fn after_collective_handover(self) -> Result<ItemState, TransitionError> {
        self.after_attempt(&Outcome::DeliveredToOwner)
    }

    /// The state of a document the courier did not find in the BA's bundle at handover: back
    /// in the office's queue, free for the next BA. Only a pending one can be missing.
    pub fn after_missing_at_count(self) -> Result<ItemState, TransitionError> {
        match self {
            Self::Pending => Ok(Self::Returned),
            _ => Err(TransitionError {
                from: self,
                to: Self::Returned,
            }),
        }
    }

    /// The state of a card on a visit's BA when the visit is called off before it began: a
    /// card still at the office (pending, or failed) is back for another BA; one already
    /// delivered stays so.
    pub fn after_visit_cancelled(self) -> Result<ItemState, TransitionError> {
        match self {
            Self::Pending | Self::Failed => Ok(Self::Returned),
            _ => Err(TransitionError {
                from: self,
                to: Self::Returned,
            }),
        }
    }

    /// The state after the courier hands the document back to the office.
    pub fn after_return(self) -> Result<ItemState, TransitionError> {
        match self {
            Self::Failed => Ok(Self::Returned),
            _ => Err(TransitionError {
                from: self,
                to: Self::Returned,
            }),
        }
    }

    /// The state of a document the courier hands back at the end of a round, attempted or not:
    /// back at the office. A document that reached its owner, or is back already, is not.
    pub fn after_courier_return(self) -> Result<ItemState, TransitionError> {
        match self {
            Self::Pending | Self::Failed => Ok(Self::Returned),
            _ => Err(TransitionError {
                from: self,
                to: Self::Returned,
            }),
        }
    }

    /// The state after a reviewer flags the proof of the delivery that made this item
    /// delivered: the delivery is not believed, so the courier goes back (a re-attempt).
    pub fn after_flagged_proof(self) -> Result<ItemState, TransitionError> {
        match self {
            Self::Delivered => Ok(Self::Pending),
            _ => Err(TransitionError {
                from: self,
                to: Self::Pending,
            }),
        }
    }

    pub fn is_final(self) -> bool {
        matches!(self, Self::Delivered | Self::Returned)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Returned => "returned",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl fmt::Display for ItemState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::glossary::ID.item_state(*self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::FailureReason;

    fn failed() -> Outcome {
        Outcome::Failed {
            reason: FailureReason::NotAtHome,
        }
    }

    #[test]
    fn pending_goes_to_delivered_or_failed() {
        use ItemState::*;
        assert_eq!(
            Pending.after_attempt(&Outcome::DeliveredToOwner),
            Ok(Delivered)
        );
        assert_eq!(Pending.after_attempt(&failed()), Ok(Failed));
    }

    /// Issue 17: a card left with an official is delivered, from pending or after a failed
    /// attempt, and cannot be attempted again or handed back by the courier.
    #[test]
    fn a_card_left_with_an_official_is_delivered_and_final() {
        use ItemState::*;
        let left = Outcome::LeftWithOfficial {
            recipient: crate::attempt::Text::parse("Suparman").unwrap(),
            position: crate::attempt::OfficialPosition::KetuaRt,
        };
        assert_eq!(Pending.after_attempt(&left), Ok(Delivered));
        assert_eq!(Failed.after_attempt(&left), Ok(Delivered));
        assert!(Delivered.is_final());
        assert!(Delivered.after_attempt(&failed()).is_err());
        assert!(Delivered.after_courier_return().is_err());
        assert!(Returned.after_attempt(&left).is_err());
    }

    #[test]
    fn failed_can_be_reattempted_or_returned() {
        use ItemState::*;
        assert_eq!(Failed.after_attempt(&failed()), Ok(Failed));
        assert_eq!(
            Failed.after_attempt(&Outcome::DeliveredToOwner),
            Ok(Delivered)
        );
        assert_eq!(Failed.after_return(), Ok(Returned));
        assert_eq!(Failed.after_courier_return(), Ok(Returned));
        assert_eq!(Pending.after_courier_return(), Ok(Returned));
        assert!(Delivered.after_courier_return().is_err());
        assert!(Returned.after_courier_return().is_err());
    }

    #[test]
    fn a_visits_cards_go_back_when_it_is_called_off_and_are_delivered_when_handed_over() {
        use ItemState::*;
        assert_eq!(Pending.after_visit_cancelled(), Ok(Returned));
        assert_eq!(Failed.after_visit_cancelled(), Ok(Returned));
        assert!(Delivered.after_visit_cancelled().is_err());
        assert_eq!(Pending.after_collective_handover(), Ok(Delivered));
        assert!(Delivered.after_collective_handover().is_err());
        assert!(Returned.after_collective_handover().is_err());
    }

    #[test]
    fn final_states_refuse_every_change() {
        use ItemState::*;
        for from in [Delivered, Returned] {
            assert!(from.after_attempt(&Outcome::DeliveredToOwner).is_err());
            assert!(from.after_attempt(&failed()).is_err());
            assert!(from.after_return().is_err());
        }
        let refused = Pending.after_return().unwrap_err();
        assert_eq!(
            refused.to_string(),
            "status dokumen tidak bisa berubah dari Di kurir menjadi Dikembalikan"
        );
    }

    #[test]
    fn a_flagged_proof_reopens_only_a_delivered_item() {
        use ItemState::*;
        assert_eq!(Delivered.after_flagged_proof(), Ok(Pending));
        for from in [Pending, Failed, Returned] {
            assert!(from.after_flagged_proof().is_err(), "{from:?}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for state in ItemState::ALL {
            assert_eq!(ItemState::parse(state.code()), Some(state));
        }
    }
}
