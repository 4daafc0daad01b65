//! Finding the header row: SIAK writes it first, but a list an operator saved from Excel
//! often has title rows above it ("DAFTAR KTP-EL TERCETAK …", a period, a blank row).

use antar_domain::document::{HeaderError, check_headers};
use antar_domain::visit::check_target_headers;

/// Which kind of list a file holds, and so which columns its header must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Columns {
    /// SIAK's printed documents.
    Siak,
    /// A recording team's target list.
    Targets,
}

impl Columns {
    pub(crate) fn check(self, headers: &[&str]) -> Result<(), HeaderError> {
        match self {
            Self::Siak => check_headers(headers),
            Self::Targets => check_target_headers(headers),
        }
    }
}

/// How many non-empty rows from the top may come before the header.
pub(super) const SEARCH_ROWS: usize = 20;

/// Which of `rows` (the sheet's first non-empty rows, as text) is the header: the first that
/// holds every required column; else the one holding most of them, so that the refusal names
/// only the columns really missing; else, when none holds any, the first row. `None` when
/// there are no rows.
pub(super) fn header_index(rows: &[Vec<String>], columns: Columns) -> Option<usize> {
    let missing = |row: &Vec<String>| {
        let names: Vec<&str> = row.iter().map(String::as_str).collect();
        columns
            .check(&names)
            .map_or_else(|e| e.missing.len(), |()| 0)
    };
    let none_found = missing(&Vec::new());
    let (best, fewest) = rows
        .iter()
        .take(SEARCH_ROWS)
        .enumerate()
        .map(|(i, row)| (i, missing(row)))
        // min_by_key keeps the first of equal rows.
        .min_by_key(|(_, missing)| *missing)?;
    Some(if fewest < none_found { best } else { 0 })
}

#[cfg(test)]
mod tests {
    use antar_domain::document::SIAK_COLUMNS;

    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    fn header() -> Vec<String> {
        row(SIAK_COLUMNS)
    }

    #[test]
    fn title_rows_above_the_header_are_passed_over() {
        let rows = [
            row(&["DAFTAR KTP-EL TERCETAK", "", ""]),
            row(&["Periode 18-11-2026"]),
            header(),
            row(&["1", "1806014607487861"]),
        ];
        assert_eq!(header_index(&rows, Columns::Siak), Some(2));
    }

    #[test]
    fn a_header_missing_a_column_is_still_found_so_the_refusal_names_that_column() {
        let mut short = header();
        short.retain(|h| h != "TGL_CETAK");
        let rows = [row(&["DAFTAR KTP-EL TERCETAK"]), short, row(&["1"])];
        assert_eq!(header_index(&rows, Columns::Siak), Some(1));
    }

    #[test]
    fn without_any_column_name_the_first_row_is_the_header() {
        let rows = [row(&["A", "B"]), row(&["1", "2"])];
        assert_eq!(header_index(&rows, Columns::Siak), Some(0));
        assert_eq!(header_index(&[], Columns::Siak), None);
    }

    #[test]
    fn a_target_list_header_is_found_by_its_own_columns() {
        let targets = row(antar_domain::visit::TARGET_COLUMNS);
        let rows = [row(&["DAFTAR SASARAN PEREKAMAN"]), header(), targets];
        assert_eq!(header_index(&rows, Columns::Targets), Some(2));
        assert_eq!(header_index(&rows, Columns::Siak), Some(1));
    }

    #[test]
    fn the_header_is_looked_for_in_the_first_rows_only() {
        let mut rows = vec![row(&["judul"]); SEARCH_ROWS];
        rows.push(header());
        assert_eq!(header_index(&rows, Columns::Siak), Some(0));
        rows.remove(0);
        assert_eq!(header_index(&rows, Columns::Siak), Some(SEARCH_ROWS - 1));
    }
}
