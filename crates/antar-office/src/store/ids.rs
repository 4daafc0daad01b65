//! The office's own row ids, typed, so that a document's id cannot be passed where a contact's
//! or a proof's number is meant. They are the database's integer keys, shown in links, lists
//! and the command line. (How an engine stores them is the engine's: see `sqlite::values`.)

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            pub fn new(raw: i64) -> Self {
                Self(raw)
            }

            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map(Self)
            }
        }
    };
}

row_id!(
    /// A printed document.
    DocumentId
);
row_id!(
    /// An official of a desa the office contacts.
    ContactId
);
row_id!(
    /// A staff account.
    StaffId
);
row_id!(
    /// A stored attempt's number, in the order the office received it: what a reviewer names.
    ProofNumber
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_from_text() {
        assert_eq!("42".parse::<DocumentId>(), Ok(DocumentId::new(42)));
        assert!("4x".parse::<ContactId>().is_err());
        assert_eq!(ProofNumber::new(7).to_string(), "7");
    }
}
