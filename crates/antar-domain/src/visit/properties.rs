//! Property tests of target-list validation: any header row, any record and any visit day end
//! in a target or a [`RowError`] naming the column at fault; a good row stays good on any day
//! its person is old enough, and is refused for `TGL_LHR` on any day they are not.

use std::sync::LazyLock;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::Index;

use super::targets::tests::{SAMPLE, visit_day};
use super::*;
use crate::document::properties::{Edit, edit, prop_config, recase};
use crate::region::Registry;
use crate::row::{RowError, header_matches};
use crate::sop::{RECORDING_MIN_AGE_YEARS, age_on};

/// The sample's header and its good rows (the refused ones are left out by parsing them).
static GOOD_ROWS: LazyLock<(Vec<String>, Vec<Vec<String>>)> = LazyLock::new(|| {
    let mut reader = csv::Reader::from_reader(SAMPLE.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("sample header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|record| {
            let record: Vec<String> = record
                .expect("sample row")
                .iter()
                .map(str::to_owned)
                .collect();
            record
        })
        .filter(|record| parse(&headers, record, visit_day()).is_ok())
        .take(40)
        .collect();
    (headers, rows)
});

fn parse(headers: &[String], record: &[String], day: NaiveDate) -> Result<Target, RowError> {
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let record: Vec<&str> = record.iter().map(String::as_str).collect();
    parse_target_record(&headers, &record, Registry::tanggamus(), day)
}

/// The columns whose check can refuse a row in which only `edited` changed.
fn may_fault(edited: &str) -> &'static [&'static str] {
    match edited {
        "NO" => &[],
        "NIK" => &["NIK", "JENIS_KLMIN", "TGL_LHR"],
        "JENIS_KLMIN" => &["JENIS_KLMIN", "TGL_LHR"],
        "NO_PROP" => &["NO_PROP", "NO_KEL", "NAMA_KEC", "NAMA_KEL"],
        "NO_KAB" => &["NO_KAB", "NO_KEL", "NAMA_KEC", "NAMA_KEL"],
        "NO_KEC" => &["NO_KEC", "NO_KEL", "NAMA_KEC", "NAMA_KEL"],
        "NO_KEL" => &["NO_KEL", "NAMA_KEL"],
        other => TARGET_COLUMNS
            .iter()
            .find(|column| **column == other)
            .map(std::slice::from_ref)
            .expect("a target-list column"),
    }
}

fn check_refusal(error: &RowError, headers: &[String]) -> Result<(), TestCaseError> {
    prop_assert!(TARGET_COLUMNS.contains(&error.column), "{error:?}");
    prop_assert!(!error.reason.trim().is_empty(), "{error:?}");
    let prefix = format!("kolom {}: ", error.column);
    prop_assert!(error.to_string().starts_with(&prefix), "{}", error);
    let present = headers.iter().any(|h| header_matches(h, error.column));
    prop_assert_eq!(
        error.reason == "kolom tidak ada di header",
        !present,
        "{:?}",
        error
    );
    Ok(())
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (0u64..40_000).prop_map(|days| {
        NaiveDate::from_ymd_opt(1950, 1, 1)
            .and_then(|start| start.checked_add_days(Days::new(days)))
            .unwrap_or_default()
    })
}

proptest! {
    #![proptest_config(prop_config())]

    /// Edits to a few fields of a good row leave it good or refuse it for an edited column
    /// (or one checked against it): never a panic, never a wrong column.
    #[test]
    fn prop_edited_target_rows_are_refused_naming_the_column_at_fault(
        row in any::<Index>(),
        edits in proptest::collection::vec((any::<Index>(), edit()), 1..4),
    ) {
        let (headers, rows) = &*GOOD_ROWS;
        let mut record = row.get(rows).clone();
        let mut faults = Vec::new();
        for (column, edit) in &edits {
            let column = column.index(headers.len());
            record[column] = Edit::apply(edit, &record[column]);
            faults.extend_from_slice(may_fault(&headers[column]));
        }
        if let Err(error) = parse(headers, &record, visit_day()) {
            check_refusal(&error, headers)?;
            prop_assert!(faults.contains(&error.column), "edited {:?}, refused {}", edits, error);
        }
    }

    /// Any header row with any record on any day: a target or a refusal with its reason.
    #[test]
    fn prop_any_target_record_is_parsed_or_refused_with_a_reason(
        columns in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(TARGET_COLUMNS).prop_map(str::to_owned),
                any::<String>(),
            ],
            0..22,
        ),
        case_mask in any::<u64>(),
        row in any::<Index>(),
        keep in proptest::collection::vec(any::<bool>(), 22),
        replaced in proptest::collection::vec(any::<String>(), 22),
        day in any_day(),
    ) {
        let headers: Vec<String> = columns.iter().map(|c| recase(c, case_mask)).collect();
        let (sample_headers, rows) = &*GOOD_ROWS;
        let good = row.get(rows);
        let record: Vec<String> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| match sample_headers.iter().position(|s| header_matches(h, s)) {
                Some(at) if keep[i] => good[at].clone(),
                _ => replaced[i].clone(),
            })
            .collect();
        if let Err(error) = parse(&headers, &record, day) {
            check_refusal(&error, &headers)?;
        }
    }

    /// A good row on any visit day: kept when its person is 16 or older that day, refused for
    /// TGL_LHR, saying the age, when younger.
    #[test]
    fn prop_the_visit_day_decides_only_the_age_check(row in any::<Index>(), day in any_day()) {
        let (headers, rows) = &*GOOD_ROWS;
        let good = row.get(rows);
        let birth = parse(headers, good, visit_day()).expect("a good row").birth_date;
        let old_enough = birth <= day && age_on(birth, day) >= RECORDING_MIN_AGE_YEARS;
        match parse(headers, good, day) {
            Ok(target) => {
                prop_assert!(old_enough);
                prop_assert_eq!(target.birth_date, birth);
            }
            Err(error) => {
                prop_assert!(!old_enough, "{}", error);
                prop_assert_eq!(error.column, "TGL_LHR");
                let age = format!("umur {} tahun", age_on(birth, day));
                prop_assert!(error.reason.starts_with(&age), "{}", error);
            }
        }
    }
}
