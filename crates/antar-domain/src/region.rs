//! Kemendagri region codes and the embedded registry of Kabupaten Tanggamus's kecamatan and desa.
//!
//! The registry is built from `data/wilayah/` (see PROVENANCE.md there) compiled into the binary,
//! so looking a region up never touches the disk.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

const WILAYAH_CSV: &str = include_str!("../data/wilayah/tanggamus_wilayah.csv");
const VARIANTS_CSV: &str = include_str!("../data/wilayah/tanggamus_name_variants.csv");

/// Widths of the dotted segments: provinsi, kabupaten/kota, kecamatan, desa/kelurahan.
const SEGMENT_WIDTHS: [usize; 4] = [2, 2, 2, 4];

/// A dotted Kemendagri code of 1–4 segments, e.g. "18.06.01.2019". Fixed segment widths make
/// string order equal to numeric order, so the derived `Ord` sorts codes correctly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Provinsi,
    Kabupaten,
    Kota,
    Kecamatan,
    Kelurahan,
    Desa,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegionError {
    #[error("kode wilayah tidak valid: '{input}' (contoh yang benar: 18.06.01.2019)")]
    Malformed { input: String },
    #[error("kode wilayah {code} tidak terdaftar")]
    Unknown { code: RegionCode },
    #[error("{level} '{name}' tidak ditemukan")]
    NameNotFound { level: &'static str, name: String },
    #[error("nama wilayah untuk kode {code} seharusnya '{expected_name}', tertulis '{found_name}'")]
    Mismatch {
        code: RegionCode,
        expected_name: String,
        found_name: String,
    },
}

impl Level {
    /// The lowercase name used in the data files and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Provinsi => "provinsi",
            Level::Kabupaten => "kabupaten",
            Level::Kota => "kota",
            Level::Kecamatan => "kecamatan",
            Level::Kelurahan => "kelurahan",
            Level::Desa => "desa",
        }
    }
}

impl RegionCode {
    pub fn parse(s: &str) -> Result<RegionCode, RegionError> {
        let s = s.trim();
        let segments: Vec<&str> = s.split('.').collect();
        let well_formed = segments.len() <= SEGMENT_WIDTHS.len()
            && segments.iter().zip(SEGMENT_WIDTHS).all(|(segment, width)| {
                segment.len() == width && segment.bytes().all(|b| b.is_ascii_digit())
            });
        if well_formed {
            Ok(RegionCode(s.to_string()))
        } else {
            Err(RegionError::Malformed {
                input: s.to_string(),
            })
        }
    }

    /// Builds a desa code from SIAK's NO_PROP, NO_KAB, NO_KEC, NO_KEL columns. Spreadsheets drop
    /// leading zeros ("6" for "06"), so those are restored; NO_KEL must keep all 4 digits, because
    /// its first digit tells kelurahan from desa and cannot be guessed.
    pub fn from_parts(
        prop: &str,
        kab: &str,
        kec: &str,
        kel: &str,
    ) -> Result<RegionCode, RegionError> {
        let malformed = || RegionError::Malformed {
            input: format!(
                "{}.{}.{}.{}",
                prop.trim(),
                kab.trim(),
                kec.trim(),
                kel.trim()
            ),
        };
        let pad = |part: &str| {
            let part = part.trim();
            let ok = (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| format!("{part:0>2}"))
        };
        let (Some(prop), Some(kab), Some(kec)) = (pad(prop), pad(kab), pad(kec)) else {
            return Err(malformed());
        };
        RegionCode::parse(&format!("{prop}.{kab}.{kec}.{}", kel.trim())).map_err(|_| malformed())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('.')
    }

    /// Derived from the code as PROVENANCE.md describes: kota from 71 up, kelurahan 1xxx.
    pub fn level(&self) -> Level {
        let segments: Vec<&str> = self.segments().collect();
        match segments.as_slice() {
            [_] => Level::Provinsi,
            [_, kab] if *kab >= "71" => Level::Kota,
            [_, _] => Level::Kabupaten,
            [_, _, _] => Level::Kecamatan,
            [.., kel] if kel.starts_with('1') => Level::Kelurahan,
            _ => Level::Desa,
        }
    }

    pub fn parent(&self) -> Option<RegionCode> {
        self.0
            .rsplit_once('.')
            .map(|(parent, _)| RegionCode(parent.to_string()))
    }

    /// The kecamatan this code is in (itself for a kecamatan code); `None` above kecamatan level.
    pub fn kecamatan(&self) -> Option<RegionCode> {
        let prefix: Vec<&str> = self.segments().take(3).collect();
        (prefix.len() == 3).then(|| RegionCode(prefix.join(".")))
    }

    /// True for the code itself and everything below it.
    pub fn is_within(&self, ancestor: &RegionCode) -> bool {
        self.0 == ancestor.0
            || (self.0.starts_with(&ancestor.0)
                && self.0.as_bytes().get(ancestor.0.len()) == Some(&b'.'))
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for RegionCode {
    type Error = RegionError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        RegionCode::parse(&s)
    }
}

impl From<RegionCode> for String {
    fn from(code: RegionCode) -> String {
        code.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub code: RegionCode,
    pub level: Level,
    /// The official Kepmendagri 2025 name.
    pub name: String,
    pub parent: Option<RegionCode>,
    /// (lat, lon) of the polygon's centroid: a hint only, it can lie outside an irregular desa.
    pub centroid: Option<(f64, f64)>,
}

/// Upper case, punctuation turned into spaces, whitespace collapsed: "Kab.  Tanggamus" → "KAB TANGGAMUS".
pub fn normalize_name(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                ' '
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key names are matched on: handwritten and SIAK spellings disagree about word breaks
/// ("BANJAR MASIN" vs "Banjarmasin", "SUKA MAJU" vs "Sukamaju"), so spaces are dropped too.
fn match_key(s: &str) -> String {
    normalize_name(s).replace(' ', "")
}

/// The regions of Kabupaten Tanggamus, with the name keys each can be found by.
#[derive(Debug)]
pub struct Registry {
    regions: BTreeMap<RegionCode, Region>,
    /// Match keys of the 2025 name and any 2022 spelling, per code.
    keys: HashMap<RegionCode, Vec<String>>,
}

#[derive(Debug, Error)]
enum LoadError {
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Region(#[from] RegionError),
    #[error("baris {code}: {problem}")]
    Row { code: String, problem: &'static str },
}

#[derive(Deserialize)]
struct WilayahRow {
    code: String,
    level: String,
    name: String,
    parent_code: String,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Deserialize)]
struct VariantRow {
    code: String,
    name_kepmendagri_2022: String,
}

impl Registry {
    /// The registry compiled into the crate, parsed on first use.
    pub fn tanggamus() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        // The CSVs are compiled in and `tests::embedded_data_loads` parses them, so a failure
        // here can only come from a broken build, never from user input.
        REGISTRY.get_or_init(|| {
            Registry::from_csv(WILAYAH_CSV, VARIANTS_CSV).expect("embedded wilayah data is valid")
        })
    }

    fn from_csv(wilayah: &str, variants: &str) -> Result<Registry, LoadError> {
        let mut regions = BTreeMap::new();
        let mut keys: HashMap<RegionCode, Vec<String>> = HashMap::new();
        for row in csv::Reader::from_reader(wilayah.as_bytes()).deserialize::<WilayahRow>() {
            let row = row?;
            let code = RegionCode::parse(&row.code)?;
            let level = code.level();
            // Catch a data file whose columns drifted from the code-derived rules.
            if level.as_str() != row.level {
                return Err(LoadError::Row {
                    code: row.code,
                    problem: "level tidak sesuai kode",
                });
            }
            let parent = code.parent();
            if parent.as_ref().map_or("", RegionCode::as_str) != row.parent_code {
                return Err(LoadError::Row {
                    code: row.code,
                    problem: "parent_code tidak sesuai kode",
                });
            }
            keys.insert(code.clone(), vec![match_key(&row.name)]);
            let centroid = row.lat.zip(row.lon);
            regions.insert(
                code.clone(),
                Region {
                    code,
                    level,
                    name: row.name,
                    parent,
                    centroid,
                },
            );
        }
        for row in csv::Reader::from_reader(variants.as_bytes()).deserialize::<VariantRow>() {
            let row = row?;
            let code = RegionCode::parse(&row.code)?;
            let Some(code_keys) = keys.get_mut(&code) else {
                return Err(LoadError::Row {
                    code: row.code,
                    problem: "varian nama untuk kode yang tidak ada",
                });
            };
            let key = match_key(&row.name_kepmendagri_2022);
            if !code_keys.contains(&key) {
                code_keys.push(key);
            }
        }
        Ok(Registry { regions, keys })
    }

    pub fn get(&self, code: &RegionCode) -> Option<&Region> {
        self.regions.get(code)
    }

    pub fn kecamatans(&self) -> impl Iterator<Item = &Region> {
        self.regions
            .values()
            .filter(|r| r.level == Level::Kecamatan)
    }

    /// Desa and kelurahan of one kecamatan, by code.
    pub fn desas_in<'a>(
        &'a self,
        kecamatan: &RegionCode,
    ) -> impl Iterator<Item = &'a Region> + use<'a> {
        let kecamatan = kecamatan.clone();
        self.regions.values().filter(move |r| {
            matches!(r.level, Level::Desa | Level::Kelurahan)
                && r.parent.as_ref() == Some(&kecamatan)
        })
    }

    /// Whether `name` is this region's 2025 name or its 2022 spelling, ignoring case,
    /// punctuation and word breaks.
    pub fn name_matches(&self, region: &Region, name: &str) -> bool {
        let key = match_key(name);
        !key.is_empty()
            && self
                .keys
                .get(&region.code)
                .is_some_and(|keys| keys.contains(&key))
    }

    pub fn find_kecamatan_by_name(&self, name: &str) -> Option<&Region> {
        self.kecamatans().find(|r| self.name_matches(r, name))
    }

    pub fn find_desa_by_name(&self, kecamatan: &RegionCode, name: &str) -> Option<&Region> {
        self.desas_in(kecamatan)
            .find(|r| self.name_matches(r, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    #[test]
    fn embedded_data_loads() {
        Registry::from_csv(WILAYAH_CSV, VARIANTS_CSV).unwrap();
    }

    #[test]
    fn parses_codes_of_each_length() {
        for s in [
            "18",
            "18.06",
            "18.06.01",
            "18.06.01.2019",
            " 18.06.01.1001 ",
        ] {
            assert_eq!(code(s).as_str(), s.trim());
        }
        for bad in [
            "",
            "1",
            "18.6",
            "18.06.01.219",
            "18.06.01.2019.1",
            "18.06.0A",
            "18..06",
            "18.06.",
        ] {
            assert_eq!(
                RegionCode::parse(bad),
                Err(RegionError::Malformed { input: bad.into() }),
                "{bad}"
            );
        }
    }

    #[test]
    fn from_parts_pads_siak_columns() {
        assert_eq!(
            RegionCode::from_parts("18", "6", " 1 ", "2019").unwrap(),
            code("18.06.01.2019")
        );
        assert_eq!(
            RegionCode::from_parts("18", "06", "27", "2003").unwrap(),
            code("18.06.27.2003")
        );
        assert!(RegionCode::from_parts("18", "06", "01", "19").is_err());
        assert!(RegionCode::from_parts("18", "006", "01", "2019").is_err());
        assert!(RegionCode::from_parts("18", "", "01", "2019").is_err());
    }

    #[test]
    fn levels_and_hierarchy() {
        assert_eq!(code("18").level(), Level::Provinsi);
        assert_eq!(code("18.06").level(), Level::Kabupaten);
        assert_eq!(code("18.71").level(), Level::Kota);
        assert_eq!(code("18.06.01").level(), Level::Kecamatan);
        assert_eq!(code("18.06.01.1001").level(), Level::Kelurahan);
        assert_eq!(code("18.06.01.2019").level(), Level::Desa);
        assert_eq!(code("18.06.01.2019").parent(), Some(code("18.06.01")));
        assert_eq!(code("18").parent(), None);
        assert_eq!(code("18.06.01.2019").kecamatan(), Some(code("18.06.01")));
        assert_eq!(code("18.06.01").kecamatan(), Some(code("18.06.01")));
        assert_eq!(code("18.06").kecamatan(), None);
        assert!(code("18.06.01.2019").is_within(&code("18.06")));
        assert!(code("18.06").is_within(&code("18.06")));
        assert!(!code("18.06.10").is_within(&code("18.06.01")));
        assert!(code("18.06.02") > code("18.06.01"));
    }

    #[test]
    fn registry_counts() {
        let registry = Registry::tanggamus();
        let kecamatans: Vec<_> = registry.kecamatans().collect();
        assert_eq!(kecamatans.len(), 20);
        assert!(kecamatans.windows(2).all(|w| w[0].code < w[1].code));
        let desas: usize = kecamatans
            .iter()
            .map(|k| registry.desas_in(&k.code).count())
            .sum();
        assert_eq!(desas, 302);
        let kota_agung: Vec<_> = registry.desas_in(&code("18.06.01")).collect();
        assert_eq!(kota_agung[0].name, "Baros");
        assert_eq!(kota_agung[0].level, Level::Kelurahan);
        assert!(
            registry
                .get(&code("18.06"))
                .is_some_and(|r| r.centroid.is_some())
        );
    }

    #[test]
    fn names_are_unambiguous_within_their_parent() {
        let registry = Registry::tanggamus();
        let mut seen = HashMap::new();
        for region in registry.regions.values() {
            for key in &registry.keys[&region.code] {
                let previous = seen.insert((region.parent.clone(), key.clone()), &region.code);
                assert!(
                    previous.is_none_or(|p| p == &region.code),
                    "{key} ambiguous under {:?}",
                    region.parent
                );
            }
        }
    }

    #[test]
    fn tolerant_name_matching() {
        let registry = Registry::tanggamus();
        assert_eq!(normalize_name("  kab.  Tanggamus\t"), "KAB TANGGAMUS");
        let bulok = registry.find_kecamatan_by_name("bulok").unwrap();
        assert_eq!(
            registry
                .find_desa_by_name(&bulok.code, "BANJAR MASIN")
                .unwrap()
                .name,
            "Banjarmasin"
        );
        let kab = registry.find_kecamatan_by_name("KOTA AGUNG BARAT").unwrap();
        assert_eq!(
            registry
                .find_desa_by_name(&kab.code, "banjarmasin")
                .unwrap()
                .name,
            "Banjar Masin"
        );
        assert_eq!(
            registry
                .find_kecamatan_by_name("Klumbayan-Barat")
                .unwrap()
                .code,
            code("18.06.28")
        );
        assert_eq!(
            registry
                .find_desa_by_name(&code("18.06.15"), "SUKA MAJU")
                .unwrap()
                .name,
            "Sukamaju"
        );
        assert!(registry.find_kecamatan_by_name("").is_none());
        assert!(
            registry
                .find_desa_by_name(&code("18.06.12"), "ANTAH BERANTAH")
                .is_none()
        );
    }

    #[test]
    fn every_2022_spelling_resolves() {
        let registry = Registry::tanggamus();
        for row in csv::Reader::from_reader(VARIANTS_CSV.as_bytes()).deserialize::<VariantRow>() {
            let row = row.unwrap();
            let region = registry.get(&code(&row.code)).unwrap();
            assert!(
                registry.name_matches(region, &row.name_kepmendagri_2022),
                "{}",
                row.code
            );
            let spaceless = row.name_kepmendagri_2022.replace(' ', "").to_lowercase();
            assert!(registry.name_matches(region, &spaceless), "{spaceless}");
            let found = match region.level {
                Level::Kecamatan => registry.find_kecamatan_by_name(&row.name_kepmendagri_2022),
                Level::Desa | Level::Kelurahan => registry
                    .find_desa_by_name(region.parent.as_ref().unwrap(), &row.name_kepmendagri_2022),
                _ => Some(region),
            };
            assert_eq!(found.map(|r| &r.code), Some(&region.code), "{}", row.code);
        }
    }

    #[test]
    fn code_serde_validates() {
        assert_eq!(
            serde_json::to_string(&code("18.06.01")).unwrap(),
            "\"18.06.01\""
        );
        assert!(serde_json::from_str::<RegionCode>("\"18.6\"").is_err());
    }
}
