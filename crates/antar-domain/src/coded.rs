//! The `coded!` macro: closed sets of codes kept in the database and sent on the wire.

/// Defines a closed set of codes: stable strings for the database and the wire.
macro_rules! coded {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The code stored and sent; never change one once written.
            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),+
                }
            }

            /// The variant of a code, ignoring case and the spaces around it.
            pub fn parse(code: &str) -> Option<Self> {
                let code = code.trim();
                Self::ALL.iter().copied().find(|v| v.code().eq_ignore_ascii_case(code))
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(code: String) -> Result<Self, String> {
                Self::parse(&code).ok_or_else(|| format!("kode tidak dikenal: '{code}'"))
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.code().to_owned()
            }
        }
    };
}
