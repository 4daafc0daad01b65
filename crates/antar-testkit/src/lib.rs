//! What the property tests of Antar's crates share (a dev-dependency only): their settings,
//! with the case count from `ANTAR_PROPTEST_CASES`, and damage done to a byte string — the
//! way a file or a request goes wrong on a bad disk or a bad link.

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;

/// Cases per property unless `ANTAR_PROPTEST_CASES` says otherwise.
pub const DEFAULT_CASES: u32 = 10_000;

/// The settings of every property: `ANTAR_PROPTEST_CASES` cases, and no regression files,
/// which proptest would otherwise write into the source tree.
pub fn prop_config() -> Config {
    let cases = match std::env::var("ANTAR_PROPTEST_CASES") {
        Ok(text) => text.trim().parse().unwrap_or_else(|_| {
            panic!("ANTAR_PROPTEST_CASES must be a whole number of cases, not {text:?}")
        }),
        Err(_) => DEFAULT_CASES,
    };
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// One change to a byte string.
#[derive(Clone, Debug)]
pub enum ByteEdit {
    Set(Index, u8),
    Insert(Index, u8),
    Remove(Index),
    FlipBit(Index, u8),
    Truncate(Index),
}

/// A few changes anywhere in a byte string; the bytes drawn are biased towards `special`
/// (the bytes the parser under test reacts to), then any byte.
pub fn byte_edits(special: &'static [u8]) -> impl Strategy<Value = Vec<ByteEdit>> {
    let byte = prop_oneof![any::<u8>(), proptest::sample::select(special)];
    let edit = prop_oneof![
        4 => (any::<Index>(), byte.clone()).prop_map(|(at, b)| ByteEdit::Set(at, b)),
        2 => (any::<Index>(), byte).prop_map(|(at, b)| ByteEdit::Insert(at, b)),
        2 => any::<Index>().prop_map(ByteEdit::Remove),
        2 => (any::<Index>(), 0..8u8).prop_map(|(at, bit)| ByteEdit::FlipBit(at, bit)),
        1 => any::<Index>().prop_map(ByteEdit::Truncate),
    ];
    proptest::collection::vec(edit, 1..6)
}

/// `bytes` with `edits` made, in order.
pub fn damaged(bytes: &[u8], edits: &[ByteEdit]) -> Vec<u8> {
    let mut bytes = bytes.to_vec();
    for edit in edits {
        match edit {
            ByteEdit::Insert(at, b) => bytes.insert(at.index(bytes.len() + 1), *b),
            _ if bytes.is_empty() => {}
            ByteEdit::Set(at, b) => {
                let at = at.index(bytes.len());
                bytes[at] = *b;
            }
            ByteEdit::Remove(at) => {
                bytes.remove(at.index(bytes.len()));
            }
            ByteEdit::FlipBit(at, bit) => {
                let at = at.index(bytes.len());
                bytes[at] ^= 1 << bit;
            }
            ByteEdit::Truncate(at) => bytes.truncate(at.index(bytes.len())),
        }
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest! {
        #![proptest_config(Config { cases: 2_000, failure_persistence: None, ..Config::default() })]

        /// Each edit changes the length as it says, and an edit never panics, on any string.
        #[test]
        fn prop_edits_do_what_they_say(bytes in proptest::collection::vec(any::<u8>(), 0..40),
                                       edits in byte_edits(b"{}")) {
            let mut expected = bytes.clone();
            for edit in &edits {
                let before = expected.len();
                expected = damaged(&expected, std::slice::from_ref(edit));
                let after = expected.len();
                match edit {
                    ByteEdit::Insert(..) => prop_assert_eq!(after, before + 1),
                    ByteEdit::Remove(_) => prop_assert_eq!(after, before.saturating_sub(1)),
                    ByteEdit::Truncate(_) => prop_assert!(after <= before),
                    ByteEdit::Set(..) | ByteEdit::FlipBit(..) => prop_assert_eq!(after, before),
                }
            }
            prop_assert_eq!(damaged(&bytes, &edits), expected);
        }
    }
}
