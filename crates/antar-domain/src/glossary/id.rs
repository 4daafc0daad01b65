//! Bahasa Indonesia.

use super::{SendState, Words};
use crate::attempt::{FailureReason, OfficialPosition, OutcomeKind, Relationship};
use crate::ba_return::ReturnStanding;
use crate::custody::{ChainVerdict, TimeVerdict};
use crate::field_role::FieldRole;
use crate::place::{PlaceVerdict, UnusableReason};
use crate::sop::{FollowUpChannel, FollowUpOutcome};
use crate::state::ItemState;
use crate::visit::{IkdOutcome, RecordingOutcome, TargetCategory, VisitKind, VisitState};

pub(super) struct Indonesian;

impl Words for Indonesian {
    fn item_state(&self, state: ItemState) -> &'static str {
        match state {
            ItemState::Pending => "Di kurir",
            ItemState::Delivered => "Diserahkan",
            ItemState::Failed => "Gagal diantar",
            ItemState::Returned => "Dikembalikan",
        }
    }

    fn not_on_a_ba(&self) -> &'static str {
        "Belum masuk BA"
    }

    fn send_state(&self, state: SendState) -> &'static str {
        match state {
            SendState::Waiting => "Menunggu dikirim",
            SendState::Sent => "Dikirim ke kantor",
            SendState::Received => "Diterima kantor",
        }
    }

    fn outcome(&self, outcome: OutcomeKind) -> &'static str {
        match outcome {
            OutcomeKind::DeliveredToOwner => "Diterima pemilik",
            OutcomeKind::DeliveredToFamily => "Diterima keluarga",
            OutcomeKind::LeftWithOfficial => "Dititipkan ke aparat pekon/RT",
            OutcomeKind::Failed => self.item_state(ItemState::Failed),
        }
    }

    fn failure_reason(&self, reason: &FailureReason) -> &'static str {
        match reason {
            FailureReason::NotAtHome => "Tidak ada di rumah",
            FailureReason::AddressNotFound => "Alamat tidak ditemukan",
            FailureReason::Moved => "Sudah pindah",
            FailureReason::Refused => "Menolak menerima",
            FailureReason::Deceased => "Meninggal dunia",
            FailureReason::Other { .. } => "Lainnya",
        }
    }

    fn relationship(&self, relationship: Relationship) -> &'static str {
        match relationship {
            Relationship::Spouse => "Suami/Istri",
            Relationship::Parent => "Orang tua",
            Relationship::Child => "Anak",
            Relationship::Sibling => "Saudara kandung",
            Relationship::Grandparent => "Kakek/Nenek",
            Relationship::Grandchild => "Cucu",
            Relationship::InLaw => "Mertua/Menantu/Ipar",
            Relationship::OtherRelative => "Kerabat lain",
        }
    }

    fn official_position(&self, position: OfficialPosition) -> &'static str {
        match position {
            OfficialPosition::KepalaPekon => "Kepala Pekon",
            OfficialPosition::SekretarisPekon => "Sekretaris Pekon",
            OfficialPosition::KepalaDusun => "Kepala Dusun",
            OfficialPosition::KetuaRt => "Ketua RT",
            OfficialPosition::OtherOfficial => "Aparat pekon lain",
        }
    }

    fn follow_up_channel(&self, channel: FollowUpChannel) -> &'static str {
        match channel {
            FollowUpChannel::Phone => "Telepon",
            FollowUpChannel::WhatsApp => "WhatsApp",
            FollowUpChannel::Email => "Email",
            FollowUpChannel::Visit => "Datang langsung",
        }
    }

    fn follow_up_outcome(&self, outcome: FollowUpOutcome) -> &'static str {
        match outcome {
            FollowUpOutcome::Reached => "Tersambung",
            FollowUpOutcome::NoAnswer => "Tidak dijawab",
            FollowUpOutcome::WillCollect => "Akan diambil",
            FollowUpOutcome::Collected => "Sudah diambil",
            FollowUpOutcome::WrongContact => "Kontak salah",
            FollowUpOutcome::OwnerMoved => "Pemilik pindah",
        }
    }

    fn not_contacted(&self) -> &'static str {
        "Belum dihubungi"
    }

    fn place_verdict(&self, verdict: &PlaceVerdict) -> &'static str {
        match verdict {
            PlaceVerdict::Inside => "Di desa alamat",
            PlaceVerdict::Near { .. } => "Dekat batas desa",
            PlaceVerdict::Elsewhere { .. } => "Di desa lain",
            PlaceVerdict::Unusable { .. } => "Tidak dapat dipakai",
            PlaceVerdict::UnknownDesa { .. } => "Desa alamat tidak ada di peta",
        }
    }

    fn unusable_fix(&self, reason: &UnusableReason) -> &'static str {
        match reason {
            UnusableReason::NoFix => "Tidak ada titik GPS",
            UnusableReason::MockLocation => "Lokasi palsu (aplikasi mock)",
            UnusableReason::Inaccurate { .. } => "Akurasi GPS terlalu rendah",
        }
    }

    fn time_verdict(&self, verdict: &TimeVerdict) -> &'static str {
        match verdict {
            TimeVerdict::Consistent { .. } => "Waktu sesuai",
            TimeVerdict::OutsideWindow { .. } => "Waktu di luar jendela yang mungkin",
            TimeVerdict::Unanchored { .. } => {
                "Waktu tidak dapat dipastikan (belum ada kontak kantor)"
            }
            TimeVerdict::AfterReceipt { .. } => "Waktu setelah kantor menerima",
        }
    }

    fn chain_verdict(&self, verdict: &ChainVerdict) -> &'static str {
        match verdict {
            ChainVerdict::Genesis => "Kejadian pertama perangkat",
            ChainVerdict::Linked => "Rantai utuh",
            ChainVerdict::Missing { .. } => "Kejadian sebelumnya hilang",
            ChainVerdict::Broken => "Rantai putus: ada yang diubah atau ditukar",
        }
    }
    fn visit_kind(&self, kind: VisitKind) -> &'static str {
        match kind {
            VisitKind::Pekon => "Balai pekon",
            VisitKind::Sekolah => "Sekolah",
            VisitKind::Rumah => "Rumah warga",
            VisitKind::Lembaga => "Lembaga",
        }
    }

    fn visit_state(&self, state: VisitState) -> &'static str {
        match state {
            VisitState::Planned => "Direncanakan",
            VisitState::Started => "Sedang berlangsung",
            VisitState::Cancelled => "Dibatalkan",
        }
    }

    fn field_role(&self, role: FieldRole) -> &'static str {
        match role {
            FieldRole::Courier => "Kurir",
            FieldRole::Recording => "Tim perekaman",
            FieldRole::Both => "Kurir dan tim perekaman",
        }
    }

    fn target_category(&self, category: TargetCategory) -> &'static str {
        match category {
            TargetCategory::Pemula => "Pemula",
            TargetCategory::BelumRekam => "Belum rekam",
            TargetCategory::Lansia => "Lansia",
            TargetCategory::Disabilitas => "Disabilitas",
            TargetCategory::Odgj => "ODGJ",
            TargetCategory::Sakit => "Sakit",
        }
    }

    fn special_procedure(&self) -> &'static str {
        "Prosedur khusus"
    }

    fn recording_outcome(&self, outcome: RecordingOutcome) -> &'static str {
        match outcome {
            RecordingOutcome::Recorded => "Direkam",
            RecordingOutcome::AlreadyRecorded => "Sudah pernah rekam",
            RecordingOutcome::Recheck => "Perlu dicek (ganda)",
            RecordingOutcome::Absent => "Tidak hadir",
            RecordingOutcome::NotEligible => "Tidak memenuhi syarat",
            RecordingOutcome::Refused => "Menolak",
            RecordingOutcome::SpecialProcedure => "Direkam (prosedur khusus)",
            RecordingOutcome::Moved => "Pindah",
            RecordingOutcome::Deceased => "Meninggal",
        }
    }

    fn return_standing(&self, standing: ReturnStanding) -> &'static str {
        match standing {
            ReturnStanding::AwaitingOfficeCount => "Menunggu hitungan kantor",
            ReturnStanding::Agreed => "Cocok",
            ReturnStanding::Differs => "Selisih",
        }
    }

    fn ikd_outcome(&self, outcome: IkdOutcome) -> &'static str {
        match outcome {
            IkdOutcome::Activated => "IKD aktif",
            IkdOutcome::NoSmartphone => "Tidak punya HP pintar",
            IkdOutcome::Failed => "Aktivasi IKD gagal",
        }
    }
}
