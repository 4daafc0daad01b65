//! The office's photo folder and its rows brought into agreement when the office starts: a
//! crash, a full disk or a restore may leave a photo whose bytes all arrived but were never
//! checked, a verified file whose row says otherwise, or a row whose file is gone.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use antar_domain::ids::Sha256Hash;

use super::{PhotoFiles, hash_file};
use crate::error::{OfficeError, OfficeResult};
use crate::store::PhotoStore;

/// What a start-up pass changed, for the log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reconciled {
    /// Photos looked at because folder and rows disagreed.
    pub(crate) examined: usize,
    /// Of those, now whole.
    pub(crate) completed: usize,
}

impl PhotoFiles {
    /// Settles every photo on which the folder and the rows disagree (see `settle`). Run before
    /// the office serves, by the one process that serves.
    pub(crate) fn reconcile(&self, store: &dyn PhotoStore) -> OfficeResult<Reconciled> {
        let rows: HashMap<Sha256Hash, bool> = store.photo_hashes()?.into_iter().collect();
        let mut suspects: Vec<Sha256Hash> = rows
            .iter()
            .filter(|(_, complete)| !**complete)
            .map(|(sha256, _)| *sha256)
            .collect();
        let on_disk: HashSet<Sha256Hash> = self.whole_files()?.into_iter().collect();
        suspects.extend(
            on_disk
                .iter()
                .filter(|sha256| rows.get(sha256) != Some(&true)),
        );
        // Rows marked whole whose file is missing.
        suspects.extend(
            rows.iter()
                .filter(|(sha256, complete)| **complete && !on_disk.contains(sha256))
                .map(|(sha256, _)| *sha256),
        );
        // Partial files without a row: the row is written before the first byte, so only a
        // database older than the folder leaves these. Whole ones are photos all the same.
        for sha256 in self.partial_files()? {
            if !rows.contains_key(&sha256) && hash_file(&self.partial_path(&sha256))? == sha256 {
                suspects.push(sha256);
                let total = fs::metadata(self.partial_path(&sha256))
                    .map_err(|e| OfficeError::io(self.partial_path(&sha256), e))?
                    .len();
                store.photo_started(&sha256, total)?;
            }
        }
        suspects.sort_unstable();
        suspects.dedup();
        let mut done = Reconciled {
            examined: suspects.len(),
            completed: 0,
        };
        for sha256 in &suspects {
            if self.status(store, sha256)?.complete {
                done.completed += 1;
            }
        }
        if done.examined > 0 {
            tracing::info!(
                examined = done.examined,
                completed = done.completed,
                "folder foto dirapikan"
            );
        }
        Ok(done)
    }

    /// The photos in place, by their file names.
    fn whole_files(&self) -> OfficeResult<Vec<Sha256Hash>> {
        let mut found = Vec::new();
        for entry in read_dir(&self.root)? {
            let name = entry.file_name();
            let Some(prefix) = name.to_str() else {
                continue;
            };
            if prefix.len() != 2 || !entry.path().is_dir() {
                continue;
            }
            found.extend(hashes_in(&entry.path())?);
        }
        Ok(found)
    }

    fn partial_files(&self) -> OfficeResult<Vec<Sha256Hash>> {
        hashes_in(&self.partial)
    }
}

fn read_dir(dir: &Path) -> OfficeResult<Vec<fs::DirEntry>> {
    fs::read_dir(dir)
        .and_then(Iterator::collect)
        .map_err(|e| OfficeError::io(dir, e))
}

/// Files named by a SHA-256 in `dir`; anything else there is not the office's and is left.
fn hashes_in(dir: &Path) -> OfficeResult<Vec<Sha256Hash>> {
    Ok(read_dir(dir)?
        .into_iter()
        .filter_map(|entry| entry.file_name().to_str()?.parse().ok())
        .collect())
}
