//! Cancelling a BA Pengiriman issued by mistake (wrong courier, wrong kecamatan): allowed only
//! while the BA is still the office's paper — the courier has not confirmed it by counting the
//! bundle, and no attempt on it has reached the office. Its documents never left the office, so
//! they go back to its queue for another BA. An attempt that arrives for it later is still taken
//! (proof is never thrown away) and carries a warning for the reviewer.

use crate::state::{ItemState, TransitionError};

/// Why a BA may not be cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CancelRefusal {
    #[error("BA ini sudah dibatalkan")]
    AlreadyCancelled,
    #[error("kurir sudah menghitung dan menerima dokumen BA ini")]
    Confirmed,
    #[error("sudah ada {0} catatan antar untuk BA ini")]
    AttemptsRecorded(u64),
}

/// Whether a BA with this history may be cancelled.
pub fn may_cancel(cancelled: bool, confirmed: bool, attempts: u64) -> Result<(), CancelRefusal> {
    if cancelled {
        Err(CancelRefusal::AlreadyCancelled)
    } else if confirmed {
        Err(CancelRefusal::Confirmed)
    } else if attempts > 0 {
        Err(CancelRefusal::AttemptsRecorded(attempts))
    } else {
        Ok(())
    }
}

impl ItemState {
    /// A document on a cancelled BA is back at the office for another BA; only a pending one
    /// can be on a BA that may be cancelled.
    pub fn after_ba_cancelled(self) -> Result<ItemState, TransitionError> {
        match self {
            Self::Pending => Ok(Self::Returned),
            _ => Err(TransitionError {
                from: self,
                to: Self::Returned,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ba_is_cancelled_only_before_the_courier_confirms_it_or_records_on_it() {
        assert_eq!(may_cancel(false, false, 0), Ok(()));
        assert_eq!(
            may_cancel(true, false, 0),
            Err(CancelRefusal::AlreadyCancelled)
        );
        assert_eq!(may_cancel(false, true, 0), Err(CancelRefusal::Confirmed));
        assert_eq!(
            may_cancel(false, false, 2),
            Err(CancelRefusal::AttemptsRecorded(2))
        );
        assert_eq!(
            ItemState::Pending.after_ba_cancelled(),
            Ok(ItemState::Returned)
        );
        for state in [ItemState::Delivered, ItemState::Failed, ItemState::Returned] {
            assert!(state.after_ba_cancelled().is_err(), "{state:?}");
        }
    }
}
