//! A delivery attempt: its outcome (delivered to the owner, to a family member, left with a
//! village official, or failed with a reason), the GPS fix and the photo that prove it.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ItemId, ManifestId, Sha256Hash};
use crate::place::PlaceVerdict;

/// Longest free text we accept in a name or note; longer is a mistake or an abuse.
pub const MAX_TEXT_CHARS: usize = 500;

/// Free text that is known to be present: trimmed, not empty, not absurdly long.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Text(String);

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AttemptError {
    #[error("teks tidak boleh kosong")]
    EmptyText,
    #[error("teks terlalu panjang: {found} karakter, paling banyak {MAX_TEXT_CHARS}")]
    TextTooLong { found: usize },
    #[error("teks berisi karakter kontrol {} yang tidak boleh ada", char_code(*found))]
    ControlChar { found: char },
    #[error("lintang harus antara -90 dan 90, ditemukan {0}")]
    Latitude(f64),
    #[error("bujur harus antara -180 dan 180, ditemukan {0}")]
    Longitude(f64),
    #[error("akurasi GPS harus angka meter yang tidak negatif, ditemukan {0}")]
    Accuracy(f64),
    #[error("hasil tidak dikenal: {0:?}")]
    UnknownOutcome(String),
    #[error("alasan gagal tidak dikenal: {0:?}")]
    UnknownReason(String),
    #[error("hubungan keluarga tidak dikenal: {0:?}")]
    UnknownRelationship(String),
    #[error("jabatan aparat tidak dikenal: {0:?}")]
    UnknownPosition(String),
    #[error("{outcome} memerlukan foto bukti")]
    PhotoRequired { outcome: &'static str },
}

/// The first character in `s` that is a control character other than whitespace (ESC, NUL,
/// BEL, DEL …): printed raw, it rewrites a terminal (its title, its colours) or a report.
pub fn unprintable(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_control() && !c.is_whitespace())
}

/// `U+001B`: how a control character is named in a message (printing it would act on it).
pub fn char_code(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

impl Text {
    /// Text typed by a person: refused if empty, too long, or holding a control character.
    pub fn parse(s: &str) -> Result<Self, AttemptError> {
        if let Some(found) = unprintable(s) {
            return Err(AttemptError::ControlChar { found });
        }
        Self::parse_stored(s)
    }

    /// Text read back from storage or the wire, where older versions did not refuse control
    /// characters: what was stored must still read (the office checks arriving events with
    /// [`Attempt::check_texts`]).
    fn parse_stored(s: &str) -> Result<Self, AttemptError> {
        let trimmed = s.trim();
        let chars = trimmed.chars().count();
        if chars == 0 {
            return Err(AttemptError::EmptyText);
        }
        if chars > MAX_TEXT_CHARS {
            return Err(AttemptError::TextTooLong { found: chars });
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Text {
    type Error = AttemptError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse_stored(&s)
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Names and notes may hold personal data: Debug shows only their length.
impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Text({} chars)", self.0.chars().count())
    }
}

/// Who took the document when the owner was not there.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    Spouse,
    Parent,
    Child,
    Sibling,
    Grandparent,
    Grandchild,
    InLaw,
    OtherRelative,
}

impl Relationship {
    pub const ALL: [Relationship; 8] = [
        Self::Spouse,
        Self::Parent,
        Self::Child,
        Self::Sibling,
        Self::Grandparent,
        Self::Grandchild,
        Self::InLaw,
        Self::OtherRelative,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Spouse => "spouse",
            Self::Parent => "parent",
            Self::Child => "child",
            Self::Sibling => "sibling",
            Self::Grandparent => "grandparent",
            Self::Grandchild => "grandchild",
            Self::InLaw => "in_law",
            Self::OtherRelative => "other_relative",
        }
    }

    pub fn parse(s: &str) -> Result<Self, AttemptError> {
        let wanted = s.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL
            .into_iter()
            .find(|r| r.code() == wanted)
            .ok_or_else(|| AttemptError::UnknownRelationship(s.to_owned()))
    }
}

/// The position of the village official (aparat pekon) or RT head a courier left the document
/// with when nobody was home.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficialPosition {
    KepalaPekon,
    SekretarisPekon,
    KepalaDusun,
    KetuaRt,
    /// Another aparat pekon (kaur, kasi, staf pekon …).
    OtherOfficial,
}

impl OfficialPosition {
    pub const ALL: [OfficialPosition; 5] = [
        Self::KepalaPekon,
        Self::SekretarisPekon,
        Self::KepalaDusun,
        Self::KetuaRt,
        Self::OtherOfficial,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::KepalaPekon => "kepala_pekon",
            Self::SekretarisPekon => "sekretaris_pekon",
            Self::KepalaDusun => "kepala_dusun",
            Self::KetuaRt => "ketua_rt",
            Self::OtherOfficial => "other_official",
        }
    }

    /// From its code, loosely (`Kepala-Pekon`, `ketua rt`).
    pub fn parse(s: &str) -> Result<Self, AttemptError> {
        let wanted = s.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL
            .into_iter()
            .find(|p| p.code() == wanted)
            .ok_or_else(|| AttemptError::UnknownPosition(s.to_owned()))
    }
}

/// Why a delivery failed.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum FailureReason {
    NotAtHome,
    AddressNotFound,
    Moved,
    Refused,
    Deceased,
    Other { note: Text },
}

impl FailureReason {
    /// The reasons that need no note, in the order a courier sees them.
    pub const SIMPLE: [FailureReason; 5] = [
        Self::NotAtHome,
        Self::AddressNotFound,
        Self::Moved,
        Self::Refused,
        Self::Deceased,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Self::NotAtHome => "not_at_home",
            Self::AddressNotFound => "address_not_found",
            Self::Moved => "moved",
            Self::Refused => "refused",
            Self::Deceased => "deceased",
            Self::Other { .. } => "other",
        }
    }

    /// Builds a reason from its code; `other` needs the note.
    pub fn parse(code: &str, note: Option<&str>) -> Result<Self, AttemptError> {
        let wanted = code.trim().to_lowercase().replace(['-', ' '], "_");
        if wanted == "other" {
            return Ok(Self::Other {
                note: Text::parse(note.unwrap_or(""))?,
            });
        }
        Self::SIMPLE
            .into_iter()
            .find(|r| r.code() == wanted)
            .ok_or_else(|| AttemptError::UnknownReason(code.to_owned()))
    }
}

/// What happened at the door.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    DeliveredToOwner,
    DeliveredToFamily {
        recipient: Text,
        relationship: Relationship,
    },
    /// Nobody was home and the courier left the card with a village official (aparat pekon)
    /// or the RT head, named with their position (added to protocol v1 by issue 17; older
    /// phones never send it). The card has left the courier's hands into a responsible
    /// official's custody, as in the SOP's collective handover to the aparat pekon
    /// ([`crate::visit::CollectiveHandover`]): the item is delivered
    /// ([`crate::state::ItemState::after_attempt`]) — not a failure, no re-attempt for the
    /// courier — and, like a collective card, it waits with the official for its owner, so
    /// the office's 14-day follow-up (`sop::FOLLOW_UP_AFTER_DAYS`) runs from the attempt's
    /// day until staff log it collected. Its [`OutcomeKind`] stays on the attempt, so proof
    /// review and reports tell it apart from a delivery to the owner or family.
    LeftWithOfficial {
        recipient: Text,
        position: OfficialPosition,
    },
    Failed {
        #[serde(flatten)]
        reason: FailureReason,
    },
}

impl Outcome {
    /// Whether the card left the courier's hands: to its owner, family, or an official.
    pub fn is_delivered(&self) -> bool {
        !matches!(self, Self::Failed { .. })
    }

    /// The proof rule: a delivery of any kind without a photo proves nothing, so every
    /// delivered outcome needs one (the app's form asks it of every outcome); a failed visit
    /// may have none (a closed gate at night), its GPS fix and note carry it.
    pub fn needs_photo(&self) -> bool {
        self.is_delivered()
    }

    /// Refuses a card left with an official without a photo ([`Self::needs_photo`]), where it
    /// is recorded (the phone) and where it arrives (the office). Only that outcome is
    /// refused: phones released before it recorded deliveries to the owner or family without
    /// a photo, and their events must still be accepted (proof review shows them as without).
    pub fn check_photo(&self, has_photo: bool) -> Result<(), AttemptError> {
        let entrusted = matches!(self, Self::LeftWithOfficial { .. });
        if entrusted && self.needs_photo() && !has_photo {
            return Err(AttemptError::PhotoRequired {
                outcome: crate::glossary::ID.outcome(self.kind()),
            });
        }
        Ok(())
    }

    /// Whether the card is in an official's custody, waiting for its owner to collect it:
    /// the 14-day follow-up watches it.
    pub fn awaits_collection(&self) -> bool {
        self.kind().awaits_collection()
    }

    /// Who took the card when it was not its owner, for the texts checked on arrival.
    pub fn recipient(&self) -> Option<&Text> {
        match self {
            Self::DeliveredToFamily { recipient, .. }
            | Self::LeftWithOfficial { recipient, .. } => Some(recipient),
            Self::DeliveredToOwner | Self::Failed { .. } => None,
        }
    }

    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    pub fn kind(&self) -> OutcomeKind {
        match self {
            Self::DeliveredToOwner => OutcomeKind::DeliveredToOwner,
            Self::DeliveredToFamily { .. } => OutcomeKind::DeliveredToFamily,
            Self::LeftWithOfficial { .. } => OutcomeKind::LeftWithOfficial,
            Self::Failed { .. } => OutcomeKind::Failed,
        }
    }
}

/// An [`Outcome`] without its details: what a list shows and a form offers first.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OutcomeKind {
    DeliveredToOwner,
    DeliveredToFamily,
    LeftWithOfficial,
    Failed,
}

impl OutcomeKind {
    pub const ALL: [Self; 4] = [
        Self::DeliveredToOwner,
        Self::DeliveredToFamily,
        Self::LeftWithOfficial,
        Self::Failed,
    ];

    /// The code on the wire and in the office's `events.outcome` column.
    pub fn code(self) -> &'static str {
        match self {
            Self::DeliveredToOwner => "delivered_to_owner",
            Self::DeliveredToFamily => "delivered_to_family",
            Self::LeftWithOfficial => "left_with_official",
            Self::Failed => "failed",
        }
    }

    /// See [`Outcome::awaits_collection`].
    pub fn awaits_collection(self) -> bool {
        self == Self::LeftWithOfficial
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where the position came from, as the phone reports it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FixProvider {
    Gps,
    Network,
    Fused,
    Manual,
    Unknown,
}

/// A position fix, with its accuracy radius; checked for sane ranges when parsed.
#[derive(Clone, Copy, PartialEq, Debug, Serialize, Deserialize)]
#[serde(try_from = "RawGpsFix")]
pub struct GpsFix {
    lat: f64,
    lon: f64,
    accuracy_m: f64,
    taken_at: DateTime<Utc>,
    provider: FixProvider,
    mock: bool,
}

#[derive(Deserialize)]
struct RawGpsFix {
    lat: f64,
    lon: f64,
    accuracy_m: f64,
    taken_at: DateTime<Utc>,
    provider: FixProvider,
    #[serde(default)]
    mock: bool,
}

impl TryFrom<RawGpsFix> for GpsFix {
    type Error = AttemptError;
    fn try_from(raw: RawGpsFix) -> Result<Self, Self::Error> {
        let mut fix = GpsFix::new(raw.lat, raw.lon, raw.accuracy_m, raw.taken_at, raw.provider)?;
        fix.mock = raw.mock;
        Ok(fix)
    }
}

impl GpsFix {
    pub fn new(
        lat: f64,
        lon: f64,
        accuracy_m: f64,
        taken_at: DateTime<Utc>,
        provider: FixProvider,
    ) -> Result<Self, AttemptError> {
        if !(-90.0..=90.0).contains(&lat) {
            return Err(AttemptError::Latitude(lat));
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(AttemptError::Longitude(lon));
        }
        if !(accuracy_m.is_finite() && accuracy_m >= 0.0) {
            return Err(AttemptError::Accuracy(accuracy_m));
        }
        Ok(Self {
            lat,
            lon,
            accuracy_m,
            taken_at,
            provider,
            mock: false,
        })
    }

    /// Marks a fix the phone reported as coming from a mock-location app.
    pub fn with_mock(mut self, mock: bool) -> Self {
        self.mock = mock;
        self
    }

    pub fn lat(&self) -> f64 {
        self.lat
    }
    pub fn lon(&self) -> f64 {
        self.lon
    }
    pub fn accuracy_m(&self) -> f64 {
        self.accuracy_m
    }
    pub fn taken_at(&self) -> DateTime<Utc> {
        self.taken_at
    }
    pub fn provider(&self) -> FixProvider {
        self.provider
    }
    pub fn is_mock(&self) -> bool {
        self.mock
    }
}

/// The proof photo attached to an attempt: named by its hash, so it can travel separately.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PhotoRef {
    pub sha256: Sha256Hash,
    pub bytes: u64,
}

/// One attempt to deliver one item of one manifest.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Attempt {
    pub manifest_id: ManifestId,
    /// [`crate::manifest::Manifest::content_hash`] of the BA as the device downloaded it:
    /// binds the proof to that BA, so it cannot be moved to another.
    pub manifest_sha256: Sha256Hash,
    pub item_id: ItemId,
    pub outcome: Outcome,
    pub fix: Option<GpsFix>,
    /// The device's verdict on the fix against the KTP address desa, shown to the courier
    /// before saving; the office computes its own and compares.
    pub place: Option<PlaceVerdict>,
    pub photo: Option<PhotoRef>,
    pub note: Option<Text>,
}

impl Attempt {
    /// Refuses an attempt whose texts (recipient, reason, note) hold a control character; the
    /// office asks this of every arriving event (serde alone lets them through, so events
    /// stored before the rule still read).
    pub fn check_texts(&self) -> Result<(), AttemptError> {
        let recipient = match &self.outcome {
            Outcome::Failed {
                reason: FailureReason::Other { note },
            } => Some(note),
            outcome => outcome.recipient(),
        };
        for text in recipient.into_iter().chain(self.note.as_ref()) {
            if let Some(found) = unprintable(text.as_str()) {
                return Err(AttemptError::ControlChar { found });
            }
        }
        Ok(())
    }

    /// Refuses an attempt left with an official that carries no photo: see
    /// [`Outcome::check_photo`].
    pub fn check_proof(&self) -> Result<(), AttemptError> {
        self.outcome.check_photo(self.photo.is_some())
    }

    /// What the office asks of every arriving attempt: [`Self::check_texts`] and
    /// [`Self::check_proof`].
    pub fn check(&self) -> Result<(), AttemptError> {
        self.check_texts()?;
        self.check_proof()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13.7: ESC, NUL and BEL in a courier's note were accepted and printed raw.
    #[test]
    fn typed_text_with_a_control_character_is_refused_and_stored_text_still_reads() {
        for bad in ["Budi\u{1b}]0;judul\u{7}", "catatan\u{0}", "bel\u{7}"] {
            let error = Text::parse(bad).unwrap_err();
            assert!(matches!(error, AttemptError::ControlChar { .. }), "{bad:?}");
            assert!(error.to_string().contains("U+00"), "{error}");
        }
        assert!(Text::parse("baris satu\nbaris dua\tdan tab").is_ok());
        // Stored before the rule: serde still reads it; the office's arrival check refuses it.
        let stored: Text = serde_json::from_str("\"Budi\\u001b[31m\"").unwrap();
        let attempt = Attempt {
            manifest_id: ManifestId::new_v7(),
            manifest_sha256: Sha256Hash::of(b"ba"),
            item_id: ItemId::new_v7(),
            outcome: Outcome::DeliveredToFamily {
                recipient: stored,
                relationship: Relationship::Spouse,
            },
            fix: None,
            place: None,
            photo: None,
            note: None,
        };
        let refused = attempt.check_texts().unwrap_err();
        assert_eq!(refused, AttemptError::ControlChar { found: '\u{1b}' });
    }

    #[test]
    fn outcome_wire_form_is_flat_and_readable() {
        let failed = Outcome::Failed {
            reason: FailureReason::Other {
                note: Text::parse("rumah kosong, tetangga tidak tahu").unwrap(),
            },
        };
        let json = serde_json::to_string(&failed).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"failed","reason":"other","note":"rumah kosong, tetangga tidak tahu"}"#
        );
        assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), failed);

        let family: Outcome = serde_json::from_str(
            r#"{"kind":"delivered_to_family","recipient":"Siti","relationship":"spouse"}"#,
        )
        .unwrap();
        assert!(family.is_delivered());
    }

    #[test]
    fn empty_recipient_or_note_is_refused_on_the_wire() {
        let empty_recipient =
            r#"{"kind":"delivered_to_family","recipient":"  ","relationship":"child"}"#;
        assert!(serde_json::from_str::<Outcome>(empty_recipient).is_err());
        let empty_note = r#"{"kind":"failed","reason":"other","note":""}"#;
        assert!(serde_json::from_str::<Outcome>(empty_note).is_err());
        assert!(FailureReason::parse("other", None).is_err());
        assert_eq!(
            FailureReason::parse("not-at-home", None).unwrap(),
            FailureReason::NotAtHome
        );
    }

    #[test]
    fn gps_fix_ranges_are_checked_when_parsed() {
        let now = Utc::now();
        assert!(GpsFix::new(-5.4, 104.6, 8.0, now, FixProvider::Gps).is_ok());
        assert_eq!(
            GpsFix::new(-95.0, 104.6, 8.0, now, FixProvider::Gps),
            Err(AttemptError::Latitude(-95.0))
        );
        assert!(GpsFix::new(-5.4, 190.0, 8.0, now, FixProvider::Gps).is_err());
        assert!(GpsFix::new(-5.4, 104.6, f64::NAN, now, FixProvider::Gps).is_err());
        let bad = r#"{"lat":-5.4,"lon":104.6,"accuracy_m":-1,"taken_at":"2026-11-26T01:00:00Z","provider":"gps"}"#;
        assert!(serde_json::from_str::<GpsFix>(bad).is_err());
    }

    #[test]
    fn relationship_parses_codes_loosely() {
        assert_eq!(Relationship::parse("In-Law").unwrap(), Relationship::InLaw);
        assert!(Relationship::parse("tetangga").is_err());
    }

    fn left_with(photo: Option<PhotoRef>) -> Attempt {
        Attempt {
            manifest_id: ManifestId::new_v7(),
            manifest_sha256: Sha256Hash::of(b"ba"),
            item_id: ItemId::new_v7(),
            outcome: Outcome::LeftWithOfficial {
                recipient: Text::parse("Suparman").unwrap(),
                position: OfficialPosition::KepalaPekon,
            },
            fix: None,
            place: None,
            photo,
            note: None,
        }
    }

    /// Issue 17: an attempt left with an official is refused without its photo, like no
    /// other outcome's attempt is (older phones' deliveries without one still arrive).
    #[test]
    fn a_card_left_with_an_official_needs_its_photo() {
        let photo = PhotoRef {
            sha256: Sha256Hash::of(b"foto"),
            bytes: 4,
        };
        assert_eq!(left_with(Some(photo)).check(), Ok(()));
        let refused = left_with(None).check().unwrap_err();
        assert!(matches!(refused, AttemptError::PhotoRequired { .. }));
        assert!(
            refused
                .to_string()
                .contains("Dititipkan ke aparat pekon/RT")
                && refused.to_string().contains("foto"),
            "{refused}"
        );
        let mut owner = left_with(None);
        owner.outcome = Outcome::DeliveredToOwner;
        assert_eq!(owner.check(), Ok(()));
        assert!(owner.outcome.needs_photo());
        let failed = Outcome::Failed {
            reason: FailureReason::NotAtHome,
        };
        assert!(!failed.needs_photo());
        // Its texts are checked like a family member's name.
        let mut escaped = left_with(Some(photo));
        escaped.outcome = serde_json::from_str(
            r#"{"kind":"left_with_official","recipient":"Su\u001b]0;x","position":"ketua_rt"}"#,
        )
        .unwrap();
        assert!(matches!(
            escaped.check(),
            Err(AttemptError::ControlChar { .. })
        ));
    }

    #[test]
    fn left_with_official_round_trips_and_old_outcomes_still_parse() {
        let left = Outcome::LeftWithOfficial {
            recipient: Text::parse("Hj. Aminah").unwrap(),
            position: OfficialPosition::SekretarisPekon,
        };
        let json = serde_json::to_string(&left).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"left_with_official","recipient":"Hj. Aminah","position":"sekretaris_pekon"}"#
        );
        assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), left);
        assert!(left.is_delivered() && left.awaits_collection());
        assert_eq!(left.kind(), OutcomeKind::LeftWithOfficial);
        assert_eq!(OutcomeKind::parse(left.code()), Some(left.kind()));
        // What phones sent before the variant existed reads as it always did.
        for (old, kind) in [
            (
                r#"{"kind":"delivered_to_owner"}"#,
                OutcomeKind::DeliveredToOwner,
            ),
            (
                r#"{"kind":"delivered_to_family","recipient":"Siti","relationship":"child"}"#,
                OutcomeKind::DeliveredToFamily,
            ),
            (
                r#"{"kind":"failed","reason":"not_at_home"}"#,
                OutcomeKind::Failed,
            ),
        ] {
            let outcome: Outcome = serde_json::from_str(old).unwrap();
            assert_eq!(outcome.kind(), kind);
            assert!(!outcome.awaits_collection());
            assert_eq!(serde_json::to_string(&outcome).unwrap(), old);
        }
        // Position and name are both needed; an unknown position is refused.
        for bad in [
            r#"{"kind":"left_with_official","recipient":"Aminah"}"#,
            r#"{"kind":"left_with_official","recipient":" ","position":"ketua_rt"}"#,
            r#"{"kind":"left_with_official","recipient":"Aminah","position":"camat"}"#,
        ] {
            assert!(serde_json::from_str::<Outcome>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn official_position_parses_codes_loosely() {
        assert_eq!(
            OfficialPosition::parse("Kepala-Pekon").unwrap(),
            OfficialPosition::KepalaPekon
        );
        assert_eq!(
            OfficialPosition::parse("ketua rt").unwrap(),
            OfficialPosition::KetuaRt
        );
        let unknown = OfficialPosition::parse("camat").unwrap_err();
        assert_eq!(unknown, AttemptError::UnknownPosition("camat".to_owned()));
        for position in OfficialPosition::ALL {
            assert_eq!(OfficialPosition::parse(position.code()), Ok(position));
        }
    }
}
