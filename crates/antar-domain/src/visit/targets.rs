//! A recording team's target list (the columns of `keliling_targets_sample.csv`): its columns,
//! and the validation of one row into a [`Target`] for a visit on a given day, naming the
//! column of the first thing wrong.

use chrono::NaiveDate;

use super::{Target, TargetCategory};
use crate::contact::Phone;
use crate::nik::{Nik, Sex};
use crate::region::Registry;
use crate::row::{HeaderError, Row, RowError, check_columns, check_nik_matches};
use crate::sop::{RECORDING_MIN_AGE_YEARS, age_on};

/// Every column of a target list, in the order the sample writes them.
pub const TARGET_COLUMNS: &[&str] = &[
    "NO",
    "NIK",
    "NAMA_LGKP",
    "JENIS_KLMIN",
    "TMPT_LHR",
    "TGL_LHR",
    "ALAMAT",
    "NO_RT",
    "NO_RW",
    "NO_PROP",
    "NO_KAB",
    "NO_KEC",
    "NO_KEL",
    "NAMA_KEC",
    "NAMA_KEL",
    "NO_HP",
    "KATEGORI",
    "KETERANGAN",
];

/// A list typed by hand may leave out the row number, the phone and the notes.
const OPTIONAL_COLUMNS: &[&str] = &["NO", "NO_HP", "KETERANGAN"];

/// The longest note kept: a line for the team, not a case file.
const NOTE_MAX_CHARS: usize = 200;

/// Lists every missing required column at once, so the operator fixes the file in one go.
pub fn check_target_headers(headers: &[&str]) -> Result<(), HeaderError> {
    check_columns(TARGET_COLUMNS, OPTIONAL_COLUMNS, headers)
}

/// Validates one row of a target list for a visit on `visit_day`, looking columns up by header
/// name. The first failing check is reported, naming its column.
pub fn parse_target_record(
    headers: &[&str],
    record: &[&str],
    registry: &Registry,
    visit_day: NaiveDate,
) -> Result<Target, RowError> {
    let row = Row { headers, record };
    let nik = Nik::parse(row.field("NIK")?).map_err(|e| RowError::new("NIK", e))?;
    let name = row.text("NAMA_LGKP")?;
    if name.is_empty() {
        return Err(RowError::new(
            "NAMA_LGKP",
            "nama lengkap tidak boleh kosong",
        ));
    }
    let sex = Sex::parse(row.field("JENIS_KLMIN")?).map_err(|e| RowError::new("JENIS_KLMIN", e))?;
    let birth_place = row.text("TMPT_LHR")?;
    let birth_date = row.date("TGL_LHR")?;
    let address = row.address(registry)?;
    let phone = match row.optional("NO_HP")? {
        "" => None,
        raw => Some(Phone::parse(raw).map_err(|e| RowError::new("NO_HP", e))?),
    };
    let raw_category = row.field("KATEGORI")?;
    let category = TargetCategory::parse(raw_category).ok_or_else(|| {
        RowError::new(
            "KATEGORI",
            format!(
                "kategori tidak dikenal: '{raw_category}' (isi {})",
                category_list()
            ),
        )
    })?;
    let note = row
        .optional("KETERANGAN")?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(RowError::new(
            "KETERANGAN",
            format!("keterangan terlalu panjang: paling banyak {NOTE_MAX_CHARS} karakter"),
        ));
    }

    // Age first: a person too young does not belong on the list, whichever date is the typo;
    // the NIK's disagreement is told too, so the operator knows which to check.
    let nik_agrees = check_nik_matches(&nik, sex, birth_date);
    let age = age_on(birth_date, visit_day);
    if birth_date > visit_day || age < RECORDING_MIN_AGE_YEARS {
        let also = match &nik_agrees {
            Err(e) if e.column == "TGL_LHR" => "; tanggal lahir itu juga tidak sesuai dengan NIK",
            _ => "",
        };
        return Err(RowError::new(
            "TGL_LHR",
            format!(
                "umur {age} tahun pada hari kunjungan {}: perekaman KTP-el mulai umur \
                 {RECORDING_MIN_AGE_YEARS} tahun{also}",
                visit_day.format("%d-%m-%Y")
            ),
        ));
    }
    nik_agrees?;

    Ok(Target {
        nik,
        name,
        sex,
        birth_place,
        birth_date,
        address,
        phone,
        category,
        note: (!note.is_empty()).then_some(note),
    })
}

fn category_list() -> String {
    let codes: Vec<&str> = TargetCategory::ALL.iter().map(|c| c.code()).collect();
    codes.join(", ")
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::visit) const SAMPLE: &str =
        include_str!("../../../../data/samples/keliling_targets_sample.csv");

    pub(in crate::visit) fn visit_day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 10).unwrap_or_default()
    }

    /// Every row of a target list file with its NO and result.
    pub(in crate::visit) fn parse_file(text: &str) -> Vec<(String, Result<Target, RowError>)> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        check_target_headers(&headers).unwrap();
        reader
            .records()
            .map(|record| {
                let record = record.unwrap();
                let fields: Vec<&str> = record.iter().collect();
                let parsed =
                    parse_target_record(&headers, &fields, Registry::tanggamus(), visit_day());
                (fields[0].to_owned(), parsed)
            })
            .collect()
    }

    #[test]
    fn the_sample_has_141_good_rows_and_seven_refused_each_for_its_own_reason() {
        let rows = parse_file(SAMPLE);
        assert_eq!(rows.len(), 148);
        let good = rows.iter().filter(|(_, r)| r.is_ok()).count();
        assert_eq!(good, 141, "140 people and one duplicate NIK");
        let refused: Vec<String> = rows
            .iter()
            .filter_map(|(no, r)| r.as_ref().err().map(|e| format!("{no}: {e}")))
            .collect();
        assert_refusals(&refused);
    }

    /// The seven refusals, in the words office staff read.
    fn assert_refusals(refused: &[String]) {
        let expected = [
            "4: kolom TGL_LHR: umur 7 tahun pada hari kunjungan 10-12-2026: perekaman KTP-el \
             mulai umur 16 tahun; tanggal lahir itu juga tidak sesuai dengan NIK",
            "20: kolom KATEGORI: kategori tidak dikenal: 'vip' (isi pemula, belum_rekam, lansia, \
             disabilitas, odgj, sakit)",
            "28: kolom NIK: NIK harus 16 digit, ditemukan 14",
            "68: kolom NAMA_LGKP: nama lengkap tidak boleh kosong",
            "73: kolom NO_KEL: kode wilayah 18.06.16.8888 tidak terdaftar",
            "84: kolom TGL_LHR: tanggal tidak valid: '30-02-2010' (format dd-mm-yyyy)",
            "118: kolom NIK: tanggal lahir pada NIK (digit 7–12, DDMMYY) tidak valid: 000598",
        ];
        assert_eq!(refused, expected);
    }
}
