//! The 16-digit numbers (NIK, No. KK) Excel damages when an operator opens a SIAK export and
//! saves it: a number cell keeps 15 significant digits, so the last digit turns to 0, and the
//! General format writes `1,80601E+15`. Either way the digits are gone from the file, so the
//! file is refused whole, naming the rows and saying how to save the list instead.

use std::collections::BTreeMap;

use calamine::Data;

use super::Table;

/// The id columns, with the name the office staff use for each.
const ID_COLUMNS: &[(&str, &str)] = &[("NIK", "NIK"), ("NO_KK", "No. KK")];

/// How many row numbers a refusal lists before it only counts them.
const LISTED_ROWS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Damage {
    /// A number cell.
    Number,
    /// Text in scientific notation.
    Scientific,
}

/// The damaged ids found while reading a file.
#[derive(Debug, Default)]
pub(super) struct ExcelNumbers {
    /// (index in `ID_COLUMNS`, damage) → the sheet rows, and the first damaged text seen.
    found: BTreeMap<(usize, Damage), (Vec<usize>, String)>,
}

impl ExcelNumbers {
    /// Notes `cell`, on sheet row `row` in the column headed `column`, if it is a number in an
    /// id column. Any number is refused, not only those ending in 0: one NIK in ten really
    /// ends in 0, so a rounded one cannot be told from it.
    pub(super) fn cell(&mut self, column: &str, row: usize, cell: &Data) {
        if let (Some(id), Data::Int(_) | Data::Float(_)) = (id_column(column), cell) {
            self.note(id, Damage::Number, row, "");
        }
    }

    /// Notes every id in `table` written in scientific notation.
    pub(super) fn text(&mut self, table: &Table) {
        let columns: Vec<(usize, usize)> = (table.headers.iter().enumerate())
            .filter_map(|(at, header)| Some((at, id_column(header)?)))
            .collect();
        for (row, fields) in &table.rows {
            for &(at, id) in &columns {
                if let Some(text) = fields.get(at).filter(|text| is_scientific(text)) {
                    self.note(id, Damage::Scientific, *row, text);
                }
            }
        }
    }

    fn note(&mut self, id: usize, damage: Damage, row: usize, text: &str) {
        let (rows, example) = self.found.entry((id, damage)).or_default();
        rows.push(row);
        if example.is_empty() {
            text.clone_into(example);
        }
    }

    /// Why the file is refused, if any id was damaged.
    pub(super) fn refusal(&self) -> Option<String> {
        if self.found.is_empty() {
            return None;
        }
        let mut problems = Vec::new();
        let mut columns: Vec<&str> = Vec::new();
        for ((id, damage), (rows, example)) in &self.found {
            let (column, label) = ID_COLUMNS[*id];
            let what = match damage {
                Damage::Number => {
                    format!(
                        "Excel menyimpan {label} sebagai angka dan membulatkan digit terakhirnya"
                    )
                }
                Damage::Scientific => format!(
                    "Excel mengubah {label} menjadi angka dalam notasi ilmiah ({example}) \
                     sehingga digitnya hilang"
                ),
            };
            problems.push(format!("kolom {column}, {}: {what}", row_list(rows)));
            if !columns.contains(&column) {
                columns.push(column);
            }
        }
        Some(format!(
            "{}. Angka yang benar tidak ada lagi di berkas ini: buka lagi CSV dari SIAK, simpan \
             kolom {} sebagai Teks (Data > Dari Teks/CSV, tipe kolom Teks) lalu ekspor ulang, \
             atau unggah CSV dari SIAK tanpa membukanya di Excel. Tidak ada baris yang diimpor.",
            problems.join("; "),
            columns.join(" dan "),
        ))
    }
}

/// "baris 5", "baris 2, 3 (2 baris)", "baris 2, 3, 4, 5, 6, … (100 baris)".
fn row_list(rows: &[usize]) -> String {
    let listed: Vec<String> = rows
        .iter()
        .take(LISTED_ROWS)
        .map(usize::to_string)
        .collect();
    let more = if rows.len() > LISTED_ROWS {
        ", …"
    } else {
        ""
    };
    let count = if rows.len() > 1 {
        format!(" ({} baris)", rows.len())
    } else {
        String::new()
    };
    format!("baris {}{more}{count}", listed.join(", "))
}

/// Which id column `header` names, if any (as the domain matches headers: any case, and the
/// byte-order mark Excel's "CSV UTF-8" puts before the first).
fn id_column(header: &str) -> Option<usize> {
    let header = header.trim_start_matches('\u{feff}').trim();
    ID_COLUMNS
        .iter()
        .position(|(column, _)| header.eq_ignore_ascii_case(column))
}

/// Excel's scientific notation: one digit, maybe a decimal comma or point and more digits,
/// then E, a sign and the exponent (`1,80601E+15`, `1.80601E+15`, `1,80601E15`).
fn is_scientific(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let Some((mantissa, exponent)) = text.trim().split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let whole = match mantissa.split_once([',', '.']) {
        Some((whole, fraction)) => digits(fraction).then_some(whole),
        None => Some(mantissa),
    };
    whole.is_some_and(|whole| whole.len() == 1 && digits(whole)) && digits(exponent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excels_scientific_notation_is_recognised() {
        for text in [
            "1,80601E+15",
            "1.80601E+15",
            "1,80601E15",
            "1E+15",
            " 1,8e+15 ",
        ] {
            assert!(is_scientific(text), "{text}");
        }
        for text in [
            "1806014607487861",
            "18060146074E7861",
            "1,80601E+",
            "1,E+15",
            "E+15",
            "1,80601",
            "",
        ] {
            assert!(!is_scientific(text), "{text}");
        }
    }

    #[test]
    fn number_cells_are_noted_only_in_id_columns() {
        let mut found = ExcelNumbers::default();
        found.cell("NO_HP", 2, &Data::Float(85_295_721_875.0));
        found.cell("nik", 3, &Data::String("1806014607487861".into()));
        assert_eq!(found.refusal(), None);
        found.cell("\u{feff}nik", 3, &Data::Float(1_806_014_607_487_860.0));
        found.cell("No_Kk", 4, &Data::Int(1_806_012_502_097_410));
        let message = found.refusal().unwrap();
        assert!(
            message.starts_with(
                "kolom NIK, baris 3: Excel menyimpan NIK sebagai angka dan membulatkan digit \
                 terakhirnya; kolom NO_KK, baris 4: Excel menyimpan No. KK sebagai angka"
            ),
            "{message}"
        );
        assert!(
            message.contains("simpan kolom NIK dan NO_KK sebagai Teks"),
            "{message}"
        );
    }

    #[test]
    fn rows_are_listed_then_counted() {
        assert_eq!(row_list(&[5]), "baris 5");
        assert_eq!(row_list(&[2, 3]), "baris 2, 3 (2 baris)");
        let many: Vec<usize> = (2..102).collect();
        assert_eq!(row_list(&many), "baris 2, 3, 4, 5, 6, … (100 baris)");
    }
}
