//! The address printed on a KTP: street or dusun, RT/RW, and a desa resolved against the registry.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::region::{Level, RegionCode, RegionError, Registry};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AddressError {
    #[error("alamat (jalan/dusun) tidak boleh kosong")]
    EmptyAlamat,
    #[error("RT harus angka 1–999, ditemukan '{found}'")]
    Rt { found: String },
    #[error("RW harus angka 1–999, ditemukan '{found}'")]
    Rw { found: String },
    #[error("kode {code} bukan kode desa/kelurahan")]
    NotDesa { code: RegionCode },
    #[error(transparent)]
    Region(#[from] RegionError),
}

/// "001", "1" and " 12 " all mean the same neighbourhood; anything else is a typo to fix at import.
fn parse_neighbourhood(s: &str) -> Option<u16> {
    let s = s.trim();
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| (1..=999).contains(n))
}

/// Rukun Tetangga number, 1–999; shown zero-padded as on the KTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rt(u16);

/// Rukun Warga number, 1–999; shown zero-padded as on the KTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rw(u16);

impl Rt {
    pub fn parse(s: &str) -> Result<Rt, AddressError> {
        parse_neighbourhood(s)
            .map(Rt)
            .ok_or_else(|| AddressError::Rt {
                found: s.trim().to_string(),
            })
    }

    pub fn value(self) -> u16 {
        self.0
    }
}

impl Rw {
    pub fn parse(s: &str) -> Result<Rw, AddressError> {
        parse_neighbourhood(s)
            .map(Rw)
            .ok_or_else(|| AddressError::Rw {
                found: s.trim().to_string(),
            })
    }

    pub fn value(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Rt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

impl fmt::Display for Rw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

impl TryFrom<String> for Rt {
    type Error = AddressError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Rt::parse(&s)
    }
}

impl TryFrom<String> for Rw {
    type Error = AddressError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Rw::parse(&s)
    }
}

impl From<Rt> for String {
    fn from(rt: Rt) -> String {
        rt.to_string()
    }
}

impl From<Rw> for String {
    fn from(rw: Rw) -> String {
        rw.to_string()
    }
}

/// A KTP address whose desa and kecamatan exist in the registry. The names are the registry's
/// official 2025 names, whatever spelling the source used, so lists group and sort consistently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KtpAddress {
    pub alamat: String,
    pub rt: Rt,
    pub rw: Rw,
    pub desa: RegionCode,
    pub desa_name: String,
    pub kecamatan: RegionCode,
    pub kecamatan_name: String,
}

impl KtpAddress {
    /// Resolves the desa by code when there is one (the names, if given, must then agree with it:
    /// a mismatch usually means a shifted spreadsheet row), otherwise by kecamatan then desa name.
    pub fn resolve(
        registry: &Registry,
        alamat: &str,
        rt: &str,
        rw: &str,
        desa_code: Option<&RegionCode>,
        kecamatan_name: &str,
        desa_name: &str,
    ) -> Result<KtpAddress, AddressError> {
        let alamat = alamat.split_whitespace().collect::<Vec<_>>().join(" ");
        if alamat.is_empty() {
            return Err(AddressError::EmptyAlamat);
        }
        let rt = Rt::parse(rt)?;
        let rw = Rw::parse(rw)?;

        let (desa, kecamatan) = match desa_code {
            Some(code) => {
                let desa = registry
                    .get(code)
                    .ok_or_else(|| RegionError::Unknown { code: code.clone() })?;
                if !matches!(desa.level, Level::Desa | Level::Kelurahan) {
                    return Err(AddressError::NotDesa { code: code.clone() });
                }
                let kecamatan_code = desa
                    .parent
                    .clone()
                    .ok_or_else(|| RegionError::Unknown { code: code.clone() })?;
                let kecamatan = registry.get(&kecamatan_code).ok_or(RegionError::Unknown {
                    code: kecamatan_code,
                })?;
                for (region, name) in [(kecamatan, kecamatan_name), (desa, desa_name)] {
                    if !name.trim().is_empty() && !registry.name_matches(region, name) {
                        return Err(RegionError::Mismatch {
                            code: region.code.clone(),
                            expected_name: region.name.clone(),
                            found_name: name.trim().to_string(),
                        }
                        .into());
                    }
                }
                (desa, kecamatan)
            }
            None => {
                let kecamatan =
                    registry
                        .find_kecamatan_by_name(kecamatan_name)
                        .ok_or_else(|| RegionError::NameNotFound {
                            level: "kecamatan",
                            name: kecamatan_name.trim().to_string(),
                        })?;
                let desa = registry
                    .find_desa_by_name(&kecamatan.code, desa_name)
                    .ok_or_else(|| RegionError::NameNotFound {
                        level: "desa/kelurahan",
                        name: desa_name.trim().to_string(),
                    })?;
                (desa, kecamatan)
            }
        };

        Ok(KtpAddress {
            alamat,
            rt,
            rw,
            desa: desa.code.clone(),
            desa_name: desa.name.clone(),
            kecamatan: kecamatan.code.clone(),
            kecamatan_name: kecamatan.name.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    #[test]
    fn rt_rw_parse_and_pad() {
        for (input, value) in [
            ("001", 1),
            ("1", 1),
            (" 12 ", 12),
            ("999", 999),
            ("0007", 7),
        ] {
            let rt = Rt::parse(input).unwrap();
            assert_eq!(rt.value(), value);
            assert_eq!(rt.to_string(), format!("{value:03}"));
        }
        for bad in ["", "0", "000", "1000", "0A1", "-1", "1 2"] {
            assert!(Rt::parse(bad).is_err(), "{bad}");
            assert!(Rw::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Rt::parse("0A1").unwrap_err().to_string(),
            "RT harus angka 1–999, ditemukan '0A1'"
        );
        assert!(Rw::parse("x").unwrap_err().to_string().starts_with("RW "));
        assert_eq!(
            serde_json::to_string(&Rw::parse("5").unwrap()).unwrap(),
            "\"005\""
        );
        assert_eq!(serde_json::from_str::<Rt>("\"010\"").unwrap(), Rt(10));
    }

    #[test]
    fn resolves_by_code_with_old_or_compact_names() {
        let registry = Registry::tanggamus();
        let address = KtpAddress::resolve(
            registry,
            " DUSUN  SUKAMAJU ",
            "010",
            "6",
            Some(&code("18.06.28.2003")),
            "KLUMBAYAN BARAT",
            "MERBAU",
        )
        .unwrap();
        assert_eq!(address.alamat, "DUSUN SUKAMAJU");
        assert_eq!(address.kecamatan, code("18.06.28"));
        assert_eq!(address.kecamatan_name, "Kelumbayan Barat");
        assert_eq!(address.desa_name, "Merbau");
        assert_eq!(address.rw.to_string(), "006");
        let by_code = KtpAddress::resolve(
            registry,
            "JL. X",
            "1",
            "1",
            Some(&code("18.06.27.2003")),
            "",
            "",
        );
        assert_eq!(by_code.unwrap().desa_name, "Banjarmasin");
    }

    #[test]
    fn resolves_by_names_when_no_code() {
        let registry = Registry::tanggamus();
        let address = KtpAddress::resolve(
            registry,
            "DUSUN I",
            "1",
            "1",
            None,
            "Kota Agung Barat",
            "Tebak Bunuk",
        )
        .unwrap();
        assert_eq!(address.desa, code("18.06.18.2006"));
        assert_eq!(address.desa_name, "Teba Bunuk");
        let missing = KtpAddress::resolve(
            registry,
            "DUSUN I",
            "1",
            "1",
            None,
            "SEMAKA",
            "ANTAH BERANTAH",
        );
        assert!(matches!(
            missing,
            Err(AddressError::Region(RegionError::NameNotFound {
                level: "desa/kelurahan",
                ..
            }))
        ));
        let no_kec = KtpAddress::resolve(registry, "DUSUN I", "1", "1", None, "GOTHAM", "X");
        assert!(matches!(
            no_kec,
            Err(AddressError::Region(RegionError::NameNotFound {
                level: "kecamatan",
                ..
            }))
        ));
    }

    #[test]
    fn rejects_bad_codes_names_and_fields() {
        let registry = Registry::tanggamus();
        let resolve = |code_str: &str, kec: &str, desa: &str| {
            KtpAddress::resolve(
                registry,
                "DUSUN I",
                "1",
                "1",
                Some(&code(code_str)),
                kec,
                desa,
            )
        };
        assert_eq!(
            resolve("18.06.12.9999", "SEMAKA", "ANTAH BERANTAH"),
            Err(AddressError::Region(RegionError::Unknown {
                code: code("18.06.12.9999")
            }))
        );
        assert_eq!(
            resolve("18.06.12", "SEMAKA", ""),
            Err(AddressError::NotDesa {
                code: code("18.06.12")
            })
        );
        let wrong_desa = resolve("18.06.27.2003", "BULOK", "SUKAMARA").unwrap_err();
        assert!(
            matches!(&wrong_desa, AddressError::Region(RegionError::Mismatch { code: c, .. }) if *c == code("18.06.27.2003"))
        );
        assert_eq!(
            wrong_desa.to_string(),
            "nama wilayah untuk kode 18.06.27.2003 seharusnya 'Banjarmasin', tertulis 'SUKAMARA'"
        );
        let wrong_kec = resolve("18.06.27.2003", "SEMAKA", "BANJARMASIN").unwrap_err();
        assert!(
            matches!(wrong_kec, AddressError::Region(RegionError::Mismatch { code: c, .. }) if c == code("18.06.27"))
        );
        let empty = KtpAddress::resolve(
            registry,
            "  ",
            "1",
            "1",
            Some(&code("18.06.27.2003")),
            "",
            "",
        );
        assert_eq!(empty, Err(AddressError::EmptyAlamat));
        let rt = KtpAddress::resolve(
            registry,
            "X",
            "0A1",
            "1",
            Some(&code("18.06.27.2003")),
            "",
            "",
        );
        assert_eq!(
            rt,
            Err(AddressError::Rt {
                found: "0A1".into()
            })
        );
    }
}
