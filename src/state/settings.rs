//! The courier's own choices (language, proof-photo size), kept in a small JSON file beside
//! the device's store so they survive a restart. The office address lives in the store.

use std::path::{Path, PathBuf};

use antar_device::ProofOptions;
use serde::{Deserialize, Serialize};

use crate::strings::{Lang, Strings};

const FILE_NAME: &str = "app-settings.json";

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoSize {
    Small,
    #[default]
    Standard,
    Sharp,
}

impl PhotoSize {
    pub const ALL: [PhotoSize; 3] = [PhotoSize::Small, PhotoSize::Standard, PhotoSize::Sharp];

    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            PhotoSize::Small => t.photo_small,
            PhotoSize::Standard => t.photo_standard,
            PhotoSize::Sharp => t.photo_sharp,
        }
    }

    /// The proof options behind each choice. Standard is the office's default budget; the
    /// small one still shows a face and a house front at 960 px.
    pub fn proof_options(self) -> ProofOptions {
        let standard = ProofOptions::default();
        match self {
            PhotoSize::Small => ProofOptions {
                long_side: 960,
                max_bytes: 60_000,
                ..standard
            },
            PhotoSize::Standard => standard,
            PhotoSize::Sharp => ProofOptions {
                long_side: 1600,
                max_bytes: 250_000,
                ..standard
            },
        }
    }
}

#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: Lang,
    pub photo_size: PhotoSize,
}

impl Settings {
    fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(FILE_NAME)
    }

    /// The saved settings, or the defaults when there are none or the file is unreadable
    /// (a broken settings file must never keep a courier out of the app).
    pub fn load(data_dir: &Path) -> Settings {
        std::fs::read(Self::path(data_dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes through a temp file and a rename, so a kill mid-write leaves the old file.
    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let temp = data_dir.join(format!("{FILE_NAME}.tmp"));
        std::fs::write(&temp, bytes)?;
        std::fs::rename(temp, Self::path(data_dir))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_restart_and_a_broken_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
        let chosen = Settings {
            lang: Lang::En,
            photo_size: PhotoSize::Small,
        };
        chosen.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), chosen);
        std::fs::write(dir.path().join(FILE_NAME), b"{not json").unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
    }

    #[test]
    fn smaller_photo_sizes_have_smaller_budgets() {
        let budgets: Vec<usize> = PhotoSize::ALL
            .iter()
            .map(|s| s.proof_options().max_bytes)
            .collect();
        assert!(budgets.windows(2).all(|w| w[0] < w[1]), "{budgets:?}");
    }
}
