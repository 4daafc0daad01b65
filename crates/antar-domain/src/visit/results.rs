//! What a visit's outcomes add up to for one person: each phone's latest word on them (a
//! later outcome on the same phone corrects its earlier one), and a conflict when two phones'
//! latest words differ — both are kept and shown, and staff settle it by choosing one phone's
//! word. Their choice stands until a phone sends another word on the person.

use crate::ids::DeviceId;

use super::{IkdOutcome, RecordingOutcome};

/// One outcome as it arrived, in the order its phone recorded it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutcomeRecord {
    pub device: DeviceId,
    pub device_seq: u64,
    pub outcome: RecordingOutcome,
    pub ikd: Option<IkdOutcome>,
}

/// A person's outcome once every phone's latest word is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settled {
    /// Nobody recorded anything: not met yet.
    Open,
    /// Every phone that recorded the person says the same.
    Agreed {
        outcome: RecordingOutcome,
        ikd: Option<IkdOutcome>,
    },
    /// Phones disagree; each phone's latest, in device order.
    Conflict(Vec<OutcomeRecord>),
    /// Phones disagreed and staff chose one phone's word.
    Decided {
        outcome: RecordingOutcome,
        ikd: Option<IkdOutcome>,
    },
}

/// Staff's choice on a person the phones disagreed about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settlement {
    pub outcome: RecordingOutcome,
    pub ikd: Option<IkdOutcome>,
    /// How many outcome records of the person staff had before them: a phone's word that
    /// arrives later reopens the question.
    pub records_seen: usize,
}

/// Why staff may not settle a person on a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettleError {
    #[error("catatan HP tentang orang ini tidak berselisih")]
    NoConflict,
    #[error("hasil yang dipilih bukan catatan salah satu HP")]
    NotAPhonesWord,
}

impl Settled {
    /// Settles one person's outcomes (any order).
    pub fn of(records: &[OutcomeRecord]) -> Self {
        let mut latest: Vec<OutcomeRecord> = Vec::new();
        for record in records {
            match latest.iter_mut().find(|l| l.device == record.device) {
                Some(known) if known.device_seq < record.device_seq => *known = *record,
                Some(_) => {}
                None => latest.push(*record),
            }
        }
        latest.sort_by_key(|r| r.device);
        match latest.as_slice() {
            [] => Self::Open,
            [first, rest @ ..]
                if rest
                    .iter()
                    .all(|r| r.outcome == first.outcome && r.ikd == first.ikd) =>
            {
                Self::Agreed {
                    outcome: first.outcome,
                    ikd: first.ikd,
                }
            }
            _ => Self::Conflict(latest),
        }
    }

    /// Settles one person's outcomes with staff's choice, if they made one: it stands while
    /// every record the person has was before them.
    pub fn with(records: &[OutcomeRecord], settlement: Option<&Settlement>) -> Self {
        let phones = Self::of(records);
        match settlement {
            Some(s) if phones.is_conflict() && s.records_seen == records.len() => Self::Decided {
                outcome: s.outcome,
                ikd: s.ikd,
            },
            _ => phones,
        }
    }

    /// Staff's choice of `outcome` (and `ikd`) for a person whose `records` these are: only
    /// a person in conflict, and only on a word one of the phones gave.
    pub fn settle(
        records: &[OutcomeRecord],
        outcome: RecordingOutcome,
        ikd: Option<IkdOutcome>,
    ) -> Result<Settlement, SettleError> {
        let Self::Conflict(latest) = Self::of(records) else {
            return Err(SettleError::NoConflict);
        };
        if !latest.iter().any(|r| r.outcome == outcome && r.ikd == ikd) {
            return Err(SettleError::NotAPhonesWord);
        }
        Ok(Settlement {
            outcome,
            ikd,
            records_seen: records.len(),
        })
    }

    /// The outcome that counts, when there is one.
    pub fn outcome(&self) -> Option<RecordingOutcome> {
        match self {
            Self::Agreed { outcome, .. } | Self::Decided { outcome, .. } => Some(*outcome),
            _ => None,
        }
    }

    pub fn ikd(&self) -> Option<IkdOutcome> {
        match self {
            Self::Agreed { ikd, .. } | Self::Decided { ikd, .. } => *ikd,
            _ => None,
        }
    }

    pub fn is_conflict(&self) -> bool {
        matches!(self, Self::Conflict(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(device: DeviceId, seq: u64, outcome: RecordingOutcome) -> OutcomeRecord {
        OutcomeRecord {
            device,
            device_seq: seq,
            outcome,
            ikd: None,
        }
    }

    #[test]
    fn a_phones_later_word_corrects_its_earlier_one() {
        let phone = DeviceId::new_v7();
        let settled = Settled::of(&[
            record(phone, 9, RecordingOutcome::Recorded),
            record(phone, 4, RecordingOutcome::Absent),
        ]);
        assert_eq!(settled.outcome(), Some(RecordingOutcome::Recorded));
        assert_eq!(Settled::of(&[]), Settled::Open);
    }

    #[test]
    fn two_phones_that_disagree_are_a_conflict_and_agreeing_ones_are_not() {
        let (a, b) = (DeviceId::new_v7(), DeviceId::new_v7());
        let agreed = Settled::of(&[
            record(a, 3, RecordingOutcome::Recorded),
            record(b, 7, RecordingOutcome::Recorded),
        ]);
        assert_eq!(agreed.outcome(), Some(RecordingOutcome::Recorded));
        let conflict = Settled::of(&[
            record(a, 3, RecordingOutcome::Recorded),
            record(b, 7, RecordingOutcome::Absent),
            record(a, 1, RecordingOutcome::Absent),
        ]);
        assert!(conflict.is_conflict());
        assert_eq!(conflict.outcome(), None);
        let Settled::Conflict(latest) = conflict else {
            unreachable!()
        };
        assert_eq!(latest.len(), 2, "one word per phone, its latest");
        assert!(latest.iter().any(|r| r.device == a && r.device_seq == 3));
    }

    #[test]
    fn staff_settle_a_conflict_on_a_phones_word_until_a_phone_speaks_again() {
        let (a, b) = (DeviceId::new_v7(), DeviceId::new_v7());
        let mut records = vec![
            record(a, 3, RecordingOutcome::Recorded),
            record(b, 7, RecordingOutcome::Absent),
        ];
        assert_eq!(
            Settled::settle(&records, RecordingOutcome::Refused, None),
            Err(SettleError::NotAPhonesWord)
        );
        let choice = Settled::settle(&records, RecordingOutcome::Recorded, None).unwrap();
        let decided = Settled::with(&records, Some(&choice));
        assert_eq!(
            decided,
            Settled::Decided {
                outcome: RecordingOutcome::Recorded,
                ikd: None
            }
        );
        assert_eq!(decided.outcome(), Some(RecordingOutcome::Recorded));
        assert!(!decided.is_conflict());

        // Phone b corrects itself: they agree, and staff's choice is no longer needed.
        records.push(record(b, 9, RecordingOutcome::Recorded));
        let agreed = Settled::with(&records, Some(&choice));
        assert!(matches!(agreed, Settled::Agreed { .. }));
        // Phone b says something else again: the conflict is open for staff once more.
        records.push(record(b, 11, RecordingOutcome::Moved));
        assert!(Settled::with(&records, Some(&choice)).is_conflict());

        let one_phone = [record(a, 3, RecordingOutcome::Recorded)];
        assert_eq!(
            Settled::settle(&one_phone, RecordingOutcome::Recorded, None),
            Err(SettleError::NoConflict)
        );
    }
}
