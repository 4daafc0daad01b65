//! Identifiers: UUID newtypes for everything the office or a device creates (UUIDv7, so
//! records made offline sort by creation time), and SHA-256 digests that name photo blobs.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new_v7() -> Self {
                Self(Uuid::now_v7())
            }

            pub fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }
    };
}

uuid_id!(
    /// A BA Pengiriman (dispatch manifest), issued by the office.
    ManifestId
);
uuid_id!(
    /// One document inside one manifest: the unit a courier attempts to deliver.
    ItemId
);
uuid_id!(
    /// An immutable event recorded on a device (an attempt, ...); the idempotency key of sync.
    EventId
);
uuid_id!(
    /// An enrolled device (one courier's phone).
    DeviceId
);
uuid_id!(
    /// A courier (a POS officer) known to the office.
    CourierId
);
uuid_id!(
    /// A planned visit of a mobile recording team (pelayanan keliling).
    VisitId
);
uuid_id!(
    /// One person on one visit's target list (or a walk-in the phone added).
    TargetId
);

/// A SHA-256 digest, written as 64 lowercase hex digits on the wire and in file names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sha256Hash([u8; 32]);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("hash SHA-256 harus 64 digit heksadesimal, ditemukan {found:?}")]
pub struct HashError {
    found: String,
}

impl Sha256Hash {
    pub fn of(bytes: &[u8]) -> Self {
        Self(Sha256::digest(bytes).into())
    }

    pub fn from_digest(digest: [u8; 32]) -> Self {
        Self(digest)
    }

    pub fn parse(s: &str) -> Result<Self, HashError> {
        let error = || HashError {
            found: s.chars().take(80).collect(),
        };
        if s.len() != 64 {
            return Err(error());
        }
        let mut out = [0u8; 32];
        hex::decode_to_slice(s, &mut out).map_err(|_| error())?;
        Ok(Self(out))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The 64 hex digits without a heap allocation: every event, receipt and photo reference
    /// on the wire carries one or two hashes, on the office's hot path.
    fn hex_digits(&self) -> [u8; 64] {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 64];
        for (pair, byte) in out.chunks_exact_mut(2).zip(self.0) {
            pair[0] = DIGITS[usize::from(byte >> 4)];
            pair[1] = DIGITS[usize::from(byte & 0x0f)];
        }
        out
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for Sha256Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Sha256Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sha256Hash({})", self.to_hex())
    }
}

impl FromStr for Sha256Hash {
    type Err = HashError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Sha256Hash {
    type Error = HashError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Sha256Hash> for String {
    fn from(hash: Sha256Hash) -> Self {
        hash.to_hex()
    }
}

impl Serialize for Sha256Hash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let digits = self.hex_digits();
        let text = std::str::from_utf8(&digits).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(text)
    }
}

impl<'de> Deserialize<'de> for Sha256Hash {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct HexVisitor;
        impl serde::de::Visitor<'_> for HexVisitor {
            type Value = Sha256Hash;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("hash SHA-256 (64 digit heksadesimal)")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Sha256Hash, E> {
                Sha256Hash::parse(s).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(HexVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_round_trips_through_hex() {
        let hash = Sha256Hash::of(b"abc");
        assert_eq!(
            hash.to_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(Sha256Hash::parse(&hash.to_hex()), Ok(hash));
    }

    #[test]
    fn sha256_is_a_hex_string_in_json() {
        let hash = Sha256Hash::of(b"abc");
        let json = serde_json::to_string(&hash).unwrap();
        assert_eq!(json, format!("\"{}\"", hash.to_hex()));
        assert_eq!(serde_json::from_str::<Sha256Hash>(&json).unwrap(), hash);
        // Escaped text is still read (serde hands it over unescaped).
        let escaped = json.replacen('b', "\\u0062", 1);
        assert_eq!(serde_json::from_str::<Sha256Hash>(&escaped).unwrap(), hash);
        let wrong = serde_json::from_str::<Sha256Hash>("\"abc\"").unwrap_err();
        assert!(
            wrong.to_string().contains("64 digit heksadesimal"),
            "{wrong}"
        );
        assert!(serde_json::from_str::<Sha256Hash>("42").is_err());
    }

    #[test]
    fn sha256_rejects_wrong_length_and_non_hex() {
        assert!(Sha256Hash::parse("abc").is_err());
        assert!(Sha256Hash::parse(&"g".repeat(64)).is_err());
    }

    #[test]
    fn v7_ids_sort_by_creation() {
        let first = EventId::new_v7();
        let second = EventId::new_v7();
        assert!(first < second);
        assert_eq!(first.to_string().parse::<EventId>().unwrap(), first);
    }
}
