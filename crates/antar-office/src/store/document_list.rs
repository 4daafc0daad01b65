//! The staff's document list: its filter, its rows, and the counts per desa. Kept by any engine;
//! SQLite's queries are in `sqlite::document_list`.

use chrono::NaiveDate;

/// What the documents page filters on; `None` means "all".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DocumentFilter {
    pub(crate) kecamatan: Option<String>,
    pub(crate) desa: Option<String>,
    /// An item state code or `not_dispatched`.
    pub(crate) state: Option<String>,
    /// A document type code (`KTP-el`, `KK`, …).
    pub(crate) document_type: Option<String>,
    /// Only documents printed on or before this day (i.e. at least N days old).
    pub(crate) printed_until: Option<NaiveDate>,
    /// A NIK, its last digits, or part of a name.
    pub(crate) search: Option<DocumentSearch>,
    /// Only documents ever put on this BA (its id).
    pub(crate) manifest: Option<String>,
    /// Only documents whose latest BA is this courier's (its id).
    pub(crate) courier: Option<String>,
}

/// What staff typed to find a citizen's document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DocumentSearch {
    /// All 16 digits.
    Nik(String),
    /// The last digits of a NIK, at least [`DocumentSearch::MIN_TAIL`] of them.
    NikTail(String),
    /// Part of the owner's name, any case.
    Name(String),
}

/// Why a search cannot be run, for the message beside the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum SearchProblem {
    #[error("fewer than {} digits of a NIK", DocumentSearch::MIN_TAIL)]
    TooFewDigits,
    #[error("more than 16 digits")]
    TooManyDigits,
    #[error("a name needs at least {} letters", DocumentSearch::MIN_NAME)]
    NameTooShort,
    #[error("digits and letters mixed")]
    Mixed,
}

impl DocumentSearch {
    /// Four digits narrow 50,000 documents to a handful; fewer would list hundreds.
    pub(crate) const MIN_TAIL: usize = 4;
    pub(crate) const MIN_NAME: usize = 2;

    /// `None` for an empty search. Spaces, dots and dashes inside a NIK are ignored, as
    /// people read NIKs out in groups.
    pub(crate) fn parse(text: &str) -> Result<Option<Self>, SearchProblem> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let compact: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-'))
            .collect();
        let digits = compact.chars().filter(char::is_ascii_digit).count();
        if digits == 0 {
            let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if name.chars().filter(|c| c.is_alphabetic()).count() < Self::MIN_NAME {
                return Err(SearchProblem::NameTooShort);
            }
            return Ok(Some(Self::Name(name)));
        }
        if digits != compact.chars().count() {
            return Err(SearchProblem::Mixed);
        }
        match digits {
            16 => Ok(Some(Self::Nik(compact))),
            17.. => Err(SearchProblem::TooManyDigits),
            n if n < Self::MIN_TAIL => Err(SearchProblem::TooFewDigits),
            _ => Ok(Some(Self::NikTail(compact))),
        }
    }
}

/// One line of the list. The full NIK never leaves the store for lists: masked here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DocumentRow {
    pub(crate) id: i64,
    pub(crate) nik_masked: String,
    pub(crate) name: String,
    pub(crate) kecamatan_name: String,
    pub(crate) desa_name: String,
    pub(crate) rt: i64,
    pub(crate) rw: i64,
    pub(crate) document_type: String,
    pub(crate) printed_on: String,
    pub(crate) state: String,
    /// Delivered by leaving it with a village official or the RT head (issue 17).
    pub(crate) left_with_official: bool,
}

/// Documents counted per place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlaceCount {
    pub(crate) kecamatan: String,
    pub(crate) kecamatan_name: String,
    pub(crate) desa: String,
    pub(crate) desa_name: String,
    pub(crate) count: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DocumentPage {
    pub(crate) rows: Vec<DocumentRow>,
    /// Whether rows come before and after the page's.
    pub(crate) has_prev: bool,
    pub(crate) has_next: bool,
    /// How many documents match the filter in all.
    pub(crate) total: u64,
    /// Per desa (in code order), for the counts table.
    pub(crate) places: Vec<PlaceCount>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_is_a_nik_its_last_digits_or_a_name() {
        let parse = DocumentSearch::parse;
        assert_eq!(parse("  "), Ok(None));
        assert_eq!(
            parse("1806 0112 3456 0001"),
            Ok(Some(DocumentSearch::Nik("1806011234560001".to_owned())))
        );
        assert_eq!(
            parse("56-0001"),
            Ok(Some(DocumentSearch::NikTail("560001".to_owned())))
        );
        assert_eq!(
            parse(" siti   AMINAH "),
            Ok(Some(DocumentSearch::Name("siti AMINAH".to_owned())))
        );
        assert_eq!(parse("001"), Err(SearchProblem::TooFewDigits));
        assert_eq!(
            parse("18060112345600011"),
            Err(SearchProblem::TooManyDigits)
        );
        assert_eq!(parse("a"), Err(SearchProblem::NameTooShort));
        assert_eq!(parse("siti 0001"), Err(SearchProblem::Mixed));
    }
}
