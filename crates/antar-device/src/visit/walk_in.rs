//! The checks a walk-in's NIK gets on the phone, before anything is recorded: that it is a
//! NIK at all, and that its holder is old enough to be recorded on the visit's day (the
//! domain's rule: `sop::RECORDING_MIN_AGE_YEARS`, counted with `sop::age_on`).

use antar_domain::nik::Nik;
use antar_domain::sop::{RECORDING_MIN_AGE_YEARS, age_on};
use chrono::NaiveDate;

use crate::error::{DeviceError, Result};

/// The NIK as typed, or a message saying what is wrong with it (never the NIK itself).
pub(crate) fn parse_nik(typed: &str) -> Result<Nik> {
    Nik::parse(typed).map_err(|e| DeviceError::Invalid(format!("NIK tidak sah: {e}")))
}

/// Refuses a person younger than the recording age on `visit_day`, by the birth date in the
/// NIK's digits.
pub(crate) fn check_age(nik: &Nik, visit_day: NaiveDate) -> Result<()> {
    let age = nik
        .birth_date_by(visit_day)
        .map_or(0, |born| age_on(born, visit_day));
    if age < RECORDING_MIN_AGE_YEARS {
        return Err(DeviceError::Invalid(format!(
            "menurut NIK, umurnya {age} tahun pada hari kunjungan {}: perekaman KTP-el mulai \
             umur {RECORDING_MIN_AGE_YEARS} tahun",
            visit_day.format("%d-%m-%Y")
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn sixteen_on_the_day_is_old_enough_and_fifteen_is_not() {
        let nik = Nik::parse("1806134107080003").unwrap();
        check_age(&nik, day(2024, 7, 1)).unwrap();
        let young = check_age(&nik, day(2024, 6, 30)).unwrap_err();
        assert!(young.to_string().contains("umurnya 15 tahun"), "{young}");
        assert!(young.to_string().contains("mulai umur 16"), "{young}");
        assert!(!young.to_string().contains("1806134107080003"));
    }

    #[test]
    fn a_bad_nik_is_refused_in_indonesian_without_echoing_it() {
        let error = parse_nik("18061341070800").unwrap_err();
        assert!(matches!(error, DeviceError::Invalid(_)));
        assert!(error.to_string().contains("NIK harus 16 digit"), "{error}");
    }
}
