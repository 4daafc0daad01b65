//! Property tests of SIAK row validation: any header row and any record end in a document or
//! a [`RowError`] naming the column at fault, and a good row means the same however the
//! spreadsheet orders, spells or pads it. Also home of the crate's shared proptest settings.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::Index;

use super::siak::header_matches;
use super::*;
use crate::region::Registry;

pub(crate) use antar_testkit::prop_config;

const SAMPLE: &str = include_str!("../../../../data/samples/prr_tanggamus_500.csv");

/// The sample's header row and its first rows: women and men, every document type, rows with
/// and without a phone number.
static SAMPLE_ROWS: LazyLock<(Vec<String>, Vec<Vec<String>>)> = LazyLock::new(|| {
    let mut reader = csv::Reader::from_reader(SAMPLE.as_bytes());
    let headers = reader
        .headers()
        .expect("sample header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .take(16)
        .map(|record| {
            record
                .expect("sample row")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (headers, rows)
});

fn parse(headers: &[String], record: &[String]) -> Result<PrintedDocument, RowError> {
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let record: Vec<&str> = record.iter().map(String::as_str).collect();
    parse_siak_record(&headers, &record, Registry::tanggamus())
}

/// The columns whose check can refuse a row in which only `edited` changed: its own, and
/// those checked against it (the NIK's sex and birth date, the region code's names).
fn may_fault(edited: &str) -> &'static [&'static str] {
    match edited {
        "NO" => &[],
        // Free text, refused only for a control character.
        "TMPT_LHR" => &["TMPT_LHR"],
        "NIK" => &["NIK", "JENIS_KLMIN", "TGL_LHR"],
        "TGL_CETAK" => &["TGL_CETAK", "TGL_LHR"],
        "NO_PROP" => &["NO_PROP", "NO_KEL", "NAMA_KEC", "NAMA_KEL"],
        "NO_KAB" => &["NO_KAB", "NO_KEL", "NAMA_KEC", "NAMA_KEL"],
        "NO_KEC" => &["NO_KEC", "NO_KEL", "NAMA_KEC", "NAMA_KEL"],
        "NO_KEL" => &["NO_KEL", "NAMA_KEL"],
        other => SIAK_COLUMNS
            .iter()
            .find(|column| **column == other)
            .map(std::slice::from_ref)
            .expect("a SIAK column"),
    }
}

/// What the import report shows a person fixing the file: the refusal names a real column,
/// says why, and says that the column is missing when it is.
fn check_refusal(error: &RowError, headers: &[String]) -> Result<(), TestCaseError> {
    prop_assert!(SIAK_COLUMNS.contains(&error.column), "{error:?}");
    prop_assert!(!error.reason.trim().is_empty(), "{error:?}");
    let prefix = format!("kolom {}: ", error.column);
    prop_assert!(error.to_string().starts_with(&prefix), "{error}");
    let present = headers.iter().any(|h| header_matches(h, error.column));
    prop_assert_eq!(
        error.reason == "kolom tidak ada di header",
        !present,
        "{:?}",
        error
    );
    Ok(())
}

/// A change to one field, from plausible typos to arbitrary text.
#[derive(Clone, Debug)]
pub(crate) enum Edit {
    Replace(String),
    Insert(Index, char),
    Delete(Index),
    Swap(Index),
    Pad(String),
}

impl Edit {
    pub(crate) fn apply(&self, value: &str) -> String {
        let mut chars: Vec<char> = value.chars().collect();
        match self {
            Edit::Replace(text) => return text.clone(),
            Edit::Pad(spaces) => return format!("{spaces}{value}{spaces}"),
            Edit::Insert(at, c) => chars.insert(at.index(chars.len() + 1), *c),
            Edit::Delete(at) if !chars.is_empty() => {
                chars.remove(at.index(chars.len()));
            }
            Edit::Swap(at) if chars.len() > 1 => {
                let i = at.index(chars.len() - 1);
                chars.swap(i, i + 1);
            }
            Edit::Delete(_) | Edit::Swap(_) => {}
        }
        chars.into_iter().collect()
    }
}

pub(crate) fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<String>().prop_map(Edit::Replace),
        "[0-9]{0,18}".prop_map(Edit::Replace),
        "[ 0-9A-Za-z./+()-]{0,24}".prop_map(Edit::Replace),
        (any::<Index>(), any::<char>()).prop_map(|(at, c)| Edit::Insert(at, c)),
        (any::<Index>(), proptest::char::range('0', '9')).prop_map(|(at, c)| Edit::Insert(at, c)),
        any::<Index>().prop_map(Edit::Delete),
        any::<Index>().prop_map(Edit::Swap),
        "[ \t]{1,3}".prop_map(Edit::Pad),
    ]
}

/// `text` with each ASCII letter's case taken from `mask`, cycling.
pub(crate) fn recase(text: &str, mask: u64) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask >> (i % 64) & 1 == 1 {
                c.to_ascii_lowercase()
            } else {
                c
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(prop_config())]

    /// Edits to a few fields of a good row leave it good or refuse it for one of the edited
    /// columns (or a column checked against one): never a panic, never a wrong column.
    #[test]
    fn prop_edited_rows_are_refused_naming_the_column_at_fault(
        row in any::<Index>(),
        edits in proptest::collection::vec((any::<Index>(), edit()), 1..4),
    ) {
        let (headers, rows) = &*SAMPLE_ROWS;
        let mut record = row.get(rows).clone();
        let mut faults = Vec::new();
        for (column, edit) in &edits {
            let column = column.index(headers.len());
            record[column] = edit.apply(&record[column]);
            faults.extend_from_slice(may_fault(&headers[column]));
        }
        if let Err(error) = parse(headers, &record) {
            check_refusal(&error, headers)?;
            prop_assert!(
                faults.contains(&error.column),
                "edited {:?}, refused {}", edits, error
            );
        }
    }

    /// Any header row with any record, longer or shorter than the headers: a document or a
    /// refusal with its reason.
    #[test]
    fn prop_any_record_is_parsed_or_refused_with_a_reason(
        columns in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(SIAK_COLUMNS).prop_map(str::to_owned),
                any::<String>(),
            ],
            0..24,
        ),
        case_mask in any::<u64>(),
        row in any::<Index>(),
        keep in proptest::collection::vec(any::<bool>(), 24),
        replaced in proptest::collection::vec(any::<String>(), 24),
    ) {
        let headers: Vec<String> = columns.iter().map(|c| recase(c, case_mask)).collect();
        // Values of a good row where the column is a SIAK one, so checks past the NIK run too.
        let (sample_headers, rows) = &*SAMPLE_ROWS;
        let good = row.get(rows);
        let record: Vec<String> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| match sample_headers.iter().position(|s| header_matches(h, s)) {
                Some(at) if keep[i] => good[at].clone(),
                _ => replaced[i].clone(),
            })
            .collect();
        if let Err(error) = parse(&headers, &record) {
            check_refusal(&error, &headers)?;
        }
    }

    /// A good row is the same document whatever the column order, the headers' case, a
    /// byte-order mark, padding around values, or extra columns of other names.
    #[test]
    fn prop_good_rows_parse_the_same_however_laid_out(
        row in any::<Index>(),
        order in Just((0..SIAK_COLUMNS.len() + 3).collect::<Vec<usize>>()).prop_shuffle(),
        case_mask in any::<u64>(),
        bom in any::<bool>(),
        pads in proptest::collection::vec("[ \t]{0,2}", SIAK_COLUMNS.len() + 3),
    ) {
        let (headers, rows) = &*SAMPLE_ROWS;
        let good = row.get(rows);
        let expected = parse(headers, good).expect("a sample row");
        let header_of = |i: usize| headers.get(i).cloned().unwrap_or_else(|| format!("KETERANGAN_{i}"));
        let value_of = |i: usize| good.get(i).cloned().unwrap_or_else(|| "lain".to_owned());
        let mut new_headers: Vec<String> = order
            .iter()
            .map(|&i| format!("{}{}{}", pads[i], recase(&header_of(i), case_mask), pads[i]))
            .collect();
        if bom {
            new_headers[0].insert(0, '\u{feff}');
        }
        let record: Vec<String> = order
            .iter()
            .map(|&i| format!("{}{}{}", pads[i], value_of(i), pads[i]))
            .collect();
        prop_assert_eq!(parse(&new_headers, &record), Ok(expected));
    }

    /// A header row lacking columns is refused naming exactly those, in SIAK's order, so the
    /// file is fixed in one go; NO alone may be missing.
    #[test]
    fn prop_missing_columns_are_all_named(
        present in proptest::collection::vec(any::<bool>(), SIAK_COLUMNS.len()),
        case_mask in any::<u64>(),
        extra in proptest::collection::vec(any::<String>(), 0..3),
    ) {
        let mut headers: Vec<String> = SIAK_COLUMNS
            .iter()
            .zip(&present)
            .filter(|(_, here)| **here)
            .map(|(column, _)| recase(column, case_mask))
            .collect();
        headers.extend(extra.iter().cloned());
        let missing: Vec<&str> = SIAK_COLUMNS
            .iter()
            .zip(&present)
            .filter(|(column, here)| {
                !**here && **column != "NO" && !extra.iter().any(|e| header_matches(e, column))
            })
            .map(|(column, _)| *column)
            .collect();
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        match check_headers(&headers) {
            Ok(()) => prop_assert!(missing.is_empty(), "{:?}", missing),
            Err(error) => {
                prop_assert_eq!(&error.missing, &missing);
                prop_assert_eq!(
                    error.to_string(),
                    format!("kolom wajib tidak ada: {}", missing.join(", "))
                );
            }
        }
    }
}
