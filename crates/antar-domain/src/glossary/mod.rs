//! The words a person reads for Antar's things — a document's state, what became of a record a
//! phone sends, how a delivery went, why it failed, who received it, how staff followed up —
//! one table per language, shared by the courier app, the staff web and both command lines.
//! None of them spells these words itself, and none of these words is used for another
//! meaning: *Diserahkan* is a document in its owner's hands, *Diterima kantor* a record the
//! office holds.

mod en;
mod id;

use crate::attempt::{FailureReason, OfficialPosition, OutcomeKind, Relationship};
use crate::ba_return::ReturnStanding;
use crate::custody::{ChainVerdict, TimeVerdict};
use crate::field_role::FieldRole;
use crate::place::{PlaceVerdict, UnusableReason};
use crate::sop::{FollowUpChannel, FollowUpOutcome};
use crate::state::ItemState;
use crate::visit::{
    IkdOutcome, PhoneCategory, RecordingOutcome, TargetCategory, VisitKind, VisitState,
};

/// Where a record the phone made is on its way to the office.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SendState {
    /// Saved on the phone, not sent yet.
    Waiting,
    /// Sent; the office's receipt has not come back yet.
    Sent,
    /// The office's receipt is on the phone: the office holds it.
    Received,
}

impl SendState {
    pub const ALL: [Self; 3] = [Self::Waiting, Self::Sent, Self::Received];
}

/// One language's words. Every language answers every question, so a word cannot be missing.
pub trait Words: Sync {
    /// A document's state on its BA.
    fn item_state(&self, state: ItemState) -> &'static str;
    /// A printed document that was never put on a BA.
    fn not_on_a_ba(&self) -> &'static str;
    fn send_state(&self, state: SendState) -> &'static str;
    /// How an attempt at the door went (a failed one by its state's word).
    fn outcome(&self, outcome: OutcomeKind) -> &'static str;
    fn failure_reason(&self, reason: &FailureReason) -> &'static str;
    fn relationship(&self, relationship: Relationship) -> &'static str;
    /// The position of the village official or RT head a document was left with.
    fn official_position(&self, position: OfficialPosition) -> &'static str;
    fn follow_up_channel(&self, channel: FollowUpChannel) -> &'static str;
    fn follow_up_outcome(&self, outcome: FollowUpOutcome) -> &'static str;
    /// A document whose follow-up no contact has been logged for.
    fn not_contacted(&self) -> &'static str;
    /// Where a proof was taken against the KTP address's desa, in a few words.
    fn place_verdict(&self, verdict: &PlaceVerdict) -> &'static str;
    /// Why a GPS fix could not be used.
    fn unusable_fix(&self, reason: &UnusableReason) -> &'static str;
    /// Whether an attempt's claimed time fits its phone's clock.
    fn time_verdict(&self, verdict: &TimeVerdict) -> &'static str;
    /// Where an event stands in its phone's hash chain.
    fn chain_verdict(&self, verdict: &ChainVerdict) -> &'static str;
    /// Where a recording team's visit goes.
    fn visit_kind(&self, kind: VisitKind) -> &'static str;
    fn visit_state(&self, state: VisitState) -> &'static str;
    /// What a field officer is enrolled to do.
    fn field_role(&self, role: FieldRole) -> &'static str;
    /// Why a person is on a visit's list, as office staff read it.
    fn target_category(&self, category: TargetCategory) -> &'static str;
    /// What a health category is called where health may not be shown (the team's phone).
    fn special_procedure(&self) -> &'static str;
    fn recording_outcome(&self, outcome: RecordingOutcome) -> &'static str;
    fn ikd_outcome(&self, outcome: IkdOutcome) -> &'static str;
    /// How a BA Pengembalian's counts stand.
    fn return_standing(&self, standing: ReturnStanding) -> &'static str;

    /// A person's category on the team's phone: health categories only as the special
    /// procedure (UU 27/2022 makes health specific personal data).
    fn category_on_phone(&self, category: TargetCategory) -> &'static str {
        self.phone_category(category.on_phone())
    }

    /// A category as the phone received it.
    fn phone_category(&self, category: PhoneCategory) -> &'static str {
        match category {
            PhoneCategory::Pemula => self.target_category(TargetCategory::Pemula),
            PhoneCategory::BelumRekam => self.target_category(TargetCategory::BelumRekam),
            PhoneCategory::Lansia => self.target_category(TargetCategory::Lansia),
            PhoneCategory::ProsedurKhusus => self.special_procedure(),
        }
    }
}

/// Bahasa Indonesia: the app's first language, the staff web's and the command lines' only one.
pub static ID: &dyn Words = &id::Indonesian;
/// English, for a courier who set the app to it.
pub static EN: &dyn Words = &en::English;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn state_words(words: &dyn Words) -> Vec<&'static str> {
        ItemState::ALL
            .into_iter()
            .map(|s| words.item_state(s))
            .chain([words.not_on_a_ba()])
            .collect()
    }

    fn send_words(words: &dyn Words) -> Vec<&'static str> {
        SendState::ALL
            .into_iter()
            .map(|s| words.send_state(s))
            .collect()
    }

    #[test]
    fn the_state_words_are_the_sops() {
        assert_eq!(
            state_words(ID),
            [
                "Di kurir",
                "Diserahkan",
                "Gagal diantar",
                "Dikembalikan",
                "Belum masuk BA"
            ]
        );
        assert_eq!(
            send_words(ID),
            ["Menunggu dikirim", "Dikirim ke kantor", "Diterima kantor"]
        );
    }

    #[test]
    fn no_word_means_two_things() {
        for words in [ID, EN] {
            let mut all: Vec<&str> = state_words(words);
            all.extend(send_words(words));
            let distinct: HashSet<String> = all.iter().map(|w| w.to_lowercase()).collect();
            assert_eq!(distinct.len(), all.len(), "{all:?}");
            // A state word does not hide inside a send word or the other way round
            // ("Terkirim" once meant both delivered and sent).
            for a in &all {
                for b in &all {
                    if a != b {
                        assert!(
                            !b.to_lowercase().contains(&a.to_lowercase()),
                            "{a:?} inside {b:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_visit_word_is_its_own_and_the_phone_hides_health() {
        fn distinct<T: Copy>(all: &[T], word: impl Fn(T) -> &'static str) -> usize {
            all.iter().map(|v| word(*v)).collect::<HashSet<_>>().len()
        }
        for words in [ID, EN] {
            assert_eq!(distinct(VisitKind::ALL, |k| words.visit_kind(k)), 4);
            assert_eq!(distinct(VisitState::ALL, |s| words.visit_state(s)), 3);
            assert_eq!(distinct(FieldRole::ALL, |r| words.field_role(r)), 3);
            assert_eq!(
                distinct(RecordingOutcome::ALL, |o| words.recording_outcome(o)),
                9
            );
            assert_eq!(distinct(IkdOutcome::ALL, |o| words.ikd_outcome(o)), 3);
            let office = distinct(TargetCategory::ALL, |c| words.target_category(c));
            assert_eq!(office, 6);
            let phone = distinct(TargetCategory::ALL, |c| words.category_on_phone(c));
            assert_eq!(phone, 4, "three health categories read as one");
        }
        assert_eq!(
            ID.category_on_phone(TargetCategory::Odgj),
            "Prosedur khusus"
        );
        assert_eq!(ID.category_on_phone(TargetCategory::Lansia), "Lansia");
    }

    #[test]
    fn every_outcome_and_position_has_its_own_word() {
        for words in [ID, EN] {
            let outcomes: HashSet<_> = OutcomeKind::ALL
                .into_iter()
                .map(|o| words.outcome(o))
                .collect();
            assert_eq!(outcomes.len(), OutcomeKind::ALL.len());
            let positions: HashSet<_> = OfficialPosition::ALL
                .into_iter()
                .map(|p| words.official_position(p))
                .collect();
            assert_eq!(positions.len(), OfficialPosition::ALL.len());
        }
        assert_eq!(
            ID.outcome(OutcomeKind::LeftWithOfficial),
            "Dititipkan ke aparat pekon/RT"
        );
        assert_eq!(ID.official_position(OfficialPosition::KetuaRt), "Ketua RT");
    }

    #[test]
    fn every_follow_up_channel_and_outcome_has_its_own_word() {
        for words in [ID, EN] {
            let channels: HashSet<_> = FollowUpChannel::ALL
                .into_iter()
                .map(|c| words.follow_up_channel(c))
                .collect();
            assert_eq!(channels.len(), FollowUpChannel::ALL.len());
            let outcomes: HashSet<_> = FollowUpOutcome::ALL
                .into_iter()
                .map(|o| words.follow_up_outcome(o))
                .chain([words.not_contacted()])
                .collect();
            assert_eq!(outcomes.len(), FollowUpOutcome::ALL.len() + 1);
        }
    }
}
