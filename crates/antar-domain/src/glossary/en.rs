//! English.

use super::{SendState, Words};
use crate::attempt::{FailureReason, OfficialPosition, OutcomeKind, Relationship};
use crate::ba_return::ReturnStanding;
use crate::custody::{ChainVerdict, TimeVerdict};
use crate::field_role::FieldRole;
use crate::place::{PlaceVerdict, UnusableReason};
use crate::sop::{FollowUpChannel, FollowUpOutcome};
use crate::state::ItemState;
use crate::visit::{IkdOutcome, RecordingOutcome, TargetCategory, VisitKind, VisitState};

pub(super) struct English;

impl Words for English {
    fn item_state(&self, state: ItemState) -> &'static str {
        match state {
            ItemState::Pending => "With the courier",
            ItemState::Delivered => "Handed over",
            ItemState::Failed => "Delivery failed",
            ItemState::Returned => "Returned",
        }
    }

    fn not_on_a_ba(&self) -> &'static str {
        "Not on a BA yet"
    }

    fn send_state(&self, state: SendState) -> &'static str {
        match state {
            SendState::Waiting => "Waiting to be sent",
            SendState::Sent => "Sent to the office",
            SendState::Received => "Received by the office",
        }
    }

    fn outcome(&self, outcome: OutcomeKind) -> &'static str {
        match outcome {
            OutcomeKind::DeliveredToOwner => "Delivered to the owner",
            OutcomeKind::DeliveredToFamily => "Delivered to a family member",
            OutcomeKind::LeftWithOfficial => "Left with a village official",
            OutcomeKind::Failed => self.item_state(ItemState::Failed),
        }
    }

    fn failure_reason(&self, reason: &FailureReason) -> &'static str {
        match reason {
            FailureReason::NotAtHome => "Not at home",
            FailureReason::AddressNotFound => "Address not found",
            FailureReason::Moved => "Moved away",
            FailureReason::Refused => "Refused to take it",
            FailureReason::Deceased => "Deceased",
            FailureReason::Other { .. } => "Other",
        }
    }

    fn relationship(&self, relationship: Relationship) -> &'static str {
        match relationship {
            Relationship::Spouse => "Spouse",
            Relationship::Parent => "Parent",
            Relationship::Child => "Child",
            Relationship::Sibling => "Brother or sister",
            Relationship::Grandparent => "Grandparent",
            Relationship::Grandchild => "Grandchild",
            Relationship::InLaw => "In-law",
            Relationship::OtherRelative => "Other relative",
        }
    }

    fn official_position(&self, position: OfficialPosition) -> &'static str {
        match position {
            OfficialPosition::KepalaPekon => "Village head (Kepala Pekon)",
            OfficialPosition::SekretarisPekon => "Village secretary (Sekretaris Pekon)",
            OfficialPosition::KepalaDusun => "Hamlet head (Kepala Dusun)",
            OfficialPosition::KetuaRt => "RT head (Ketua RT)",
            OfficialPosition::OtherOfficial => "Other village official",
        }
    }

    fn follow_up_channel(&self, channel: FollowUpChannel) -> &'static str {
        match channel {
            FollowUpChannel::Phone => "Phone",
            FollowUpChannel::WhatsApp => "WhatsApp",
            FollowUpChannel::Email => "Email",
            FollowUpChannel::Visit => "Visit in person",
        }
    }

    fn follow_up_outcome(&self, outcome: FollowUpOutcome) -> &'static str {
        match outcome {
            FollowUpOutcome::Reached => "Reached",
            FollowUpOutcome::NoAnswer => "No answer",
            FollowUpOutcome::WillCollect => "Will collect",
            FollowUpOutcome::Collected => "Collected",
            FollowUpOutcome::WrongContact => "Wrong contact",
            FollowUpOutcome::OwnerMoved => "Owner moved",
        }
    }

    fn not_contacted(&self) -> &'static str {
        "Not contacted yet"
    }

    fn place_verdict(&self, verdict: &PlaceVerdict) -> &'static str {
        match verdict {
            PlaceVerdict::Inside => "In the address's village",
            PlaceVerdict::Near { .. } => "Near the village border",
            PlaceVerdict::Elsewhere { .. } => "In another village",
            PlaceVerdict::Unusable { .. } => "Cannot be used",
            PlaceVerdict::UnknownDesa { .. } => "The address's village is not on the map",
        }
    }

    fn unusable_fix(&self, reason: &UnusableReason) -> &'static str {
        match reason {
            UnusableReason::NoFix => "No GPS position",
            UnusableReason::MockLocation => "Mock location (a faking app)",
            UnusableReason::Inaccurate { .. } => "GPS accuracy too low",
        }
    }

    fn time_verdict(&self, verdict: &TimeVerdict) -> &'static str {
        match verdict {
            TimeVerdict::Consistent { .. } => "Time fits",
            TimeVerdict::OutsideWindow { .. } => "Time outside the possible window",
            TimeVerdict::Unanchored { .. } => {
                "Time cannot be confirmed (no contact with the office yet)"
            }
            TimeVerdict::AfterReceipt { .. } => "Time after the office received it",
        }
    }

    fn chain_verdict(&self, verdict: &ChainVerdict) -> &'static str {
        match verdict {
            ChainVerdict::Genesis => "The phone's first event",
            ChainVerdict::Linked => "Chain whole",
            ChainVerdict::Missing { .. } => "The previous event is missing",
            ChainVerdict::Broken => "Chain broken: something was changed or swapped",
        }
    }
    fn visit_kind(&self, kind: VisitKind) -> &'static str {
        match kind {
            VisitKind::Pekon => "Village hall",
            VisitKind::Sekolah => "School",
            VisitKind::Rumah => "Home visit",
            VisitKind::Lembaga => "Institution",
        }
    }

    fn visit_state(&self, state: VisitState) -> &'static str {
        match state {
            VisitState::Planned => "Planned",
            VisitState::Started => "Under way",
            VisitState::Cancelled => "Cancelled",
        }
    }

    fn field_role(&self, role: FieldRole) -> &'static str {
        match role {
            FieldRole::Courier => "Courier",
            FieldRole::Recording => "Recording team",
            FieldRole::Both => "Courier and recording team",
        }
    }

    fn target_category(&self, category: TargetCategory) -> &'static str {
        match category {
            TargetCategory::Pemula => "First-time (turning 17)",
            TargetCategory::BelumRekam => "Never recorded",
            TargetCategory::Lansia => "Elderly",
            TargetCategory::Disabilitas => "Disability",
            TargetCategory::Odgj => "Mental illness",
            TargetCategory::Sakit => "Bedridden",
        }
    }

    fn special_procedure(&self) -> &'static str {
        "Special procedure"
    }

    fn recording_outcome(&self, outcome: RecordingOutcome) -> &'static str {
        match outcome {
            RecordingOutcome::Recorded => "Recorded",
            RecordingOutcome::AlreadyRecorded => "Already recorded",
            RecordingOutcome::Recheck => "To recheck (duplicate)",
            RecordingOutcome::Absent => "Absent",
            RecordingOutcome::NotEligible => "Not eligible",
            RecordingOutcome::Refused => "Refused",
            RecordingOutcome::SpecialProcedure => "Recorded (special procedure)",
            RecordingOutcome::Moved => "Moved away",
            RecordingOutcome::Deceased => "Deceased",
        }
    }

    fn return_standing(&self, standing: ReturnStanding) -> &'static str {
        match standing {
            ReturnStanding::AwaitingOfficeCount => "Waiting for the office count",
            ReturnStanding::Agreed => "Agreed",
            ReturnStanding::Differs => "Differs",
        }
    }

    fn ikd_outcome(&self, outcome: IkdOutcome) -> &'static str {
        match outcome {
            IkdOutcome::Activated => "IKD activated",
            IkdOutcome::NoSmartphone => "No smartphone",
            IkdOutcome::Failed => "IKD activation failed",
        }
    }
}
