//! Backups of a running office and their restore. A backup is a folder: `office.sqlite`, a
//! consistent snapshot of the database (`VACUUM INTO`, taken inside one read transaction, so
//! it needs no pause of the server), the photos that snapshot calls whole, under
//! `photos/ab/abcd…` as in the office, and `antar-cadangan.json`, which names the database's
//! hash and every photo's. Backing up into the folder of an earlier backup copies only the new
//! photos; the manifest is written last, so a backup cut short leaves the earlier one whole.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use antar_domain::ids::Sha256Hash;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{OfficeError, OfficeResult};
use crate::office::{Office, restrict_to_owner};
use crate::photos::hash_file;

/// The manifest's file name in a backup folder.
pub const BACKUP_MANIFEST: &str = "antar-cadangan.json";
const DATABASE: &str = "office.sqlite";
/// Bumped only if a later backup could not be read by this restore.
const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: u32,
    created_at: DateTime<Utc>,
    antar_version: String,
    database: FileEntry,
    photos: Vec<FileEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct FileEntry {
    sha256: Sha256Hash,
    bytes: u64,
}

/// What a backup holds and what it had to leave out.
#[derive(Debug, Default)]
pub struct BackupReport {
    pub database_bytes: u64,
    pub events: u64,
    /// Photos in the backup, and how many of them this run copied (the others were already in
    /// the folder from an earlier backup).
    pub photos: usize,
    pub photos_copied: usize,
    /// Whole in the database but missing from the office's folder, or no longer hashing to
    /// their name there: not in the backup.
    pub photos_unreadable: Vec<Sha256Hash>,
}

/// What a restore brought back.
#[derive(Debug, Default)]
pub struct RestoreReport {
    pub events: u64,
    pub photos: usize,
    /// Photos whose copy in the backup no longer hashes to its name: left out (the office asks
    /// the phones for them again).
    pub photos_damaged: Vec<Sha256Hash>,
    pub created_at: Option<DateTime<Utc>>,
}

impl Office {
    /// Writes a backup of this office into `dest` (made if missing), while it serves.
    pub fn backup(&self, dest: &Path) -> OfficeResult<BackupReport> {
        fs::create_dir_all(dest).map_err(|e| OfficeError::io(dest, e))?;
        restrict_to_owner(dest);
        let earlier = read_manifest(dest).ok();
        let snapshot = dest.join("office.sqlite.baru");
        remove_if_exists(&snapshot)?;
        let target = snapshot
            .to_str()
            .ok_or_else(|| OfficeError::InvalidRequest("folder cadangan harus UTF-8".into()))?
            .to_owned();
        self.store().snapshot_into(&target)?;
        sync_file(&snapshot)?;

        let (events, whole) = self.store().snapshot_contents(&snapshot)?;
        let already: HashMap<Sha256Hash, u64> = earlier
            .map(|m| m.photos.into_iter().map(|p| (p.sha256, p.bytes)).collect())
            .unwrap_or_default();
        let mut report = BackupReport {
            events,
            ..BackupReport::default()
        };
        let mut photos = Vec::with_capacity(whole.len());
        for (sha256, bytes) in whole {
            let kept = photo_path(&dest.join("photos"), &sha256);
            let present = already.get(&sha256) == Some(&bytes) && kept.is_file();
            if !present {
                let copied = self
                    .photo_path(&sha256)
                    .map(|source| copy_verified(&source, &kept, &sha256))
                    .transpose()?
                    .unwrap_or(false);
                if !copied {
                    report.photos_unreadable.push(sha256);
                    continue;
                }
                report.photos_copied += 1;
            }
            photos.push(FileEntry { sha256, bytes });
        }
        report.photos = photos.len();

        let database = dest.join(DATABASE);
        fs::rename(&snapshot, &database).map_err(|e| OfficeError::io(&database, e))?;
        report.database_bytes = file_len(&database)?;
        let manifest = Manifest {
            format: FORMAT,
            created_at: Utc::now(),
            antar_version: env!("CARGO_PKG_VERSION").to_owned(),
            database: FileEntry {
                sha256: hash_file(&database)?,
                bytes: report.database_bytes,
            },
            photos,
        };
        write_atomically(
            &dest.join(BACKUP_MANIFEST),
            &serde_json::to_vec_pretty(&manifest)
                .map_err(|e| OfficeError::Server(e.to_string()))?,
        )?;
        sync_dir(dest);
        tracing::info!(
            photos = report.photos,
            copied = report.photos_copied,
            unreadable = report.photos_unreadable.len(),
            "cadangan kantor ditulis"
        );
        Ok(report)
    }
}

/// Restores the backup in `backup` into `data_dir`, which must not hold an office yet. Every
/// file is checked against the manifest's hash before it is used; the database comes last.
pub fn restore(backup: &Path, data_dir: &Path) -> OfficeResult<RestoreReport> {
    let manifest = read_manifest(backup)?;
    if manifest.format > FORMAT {
        return Err(OfficeError::InvalidRequest(format!(
            "cadangan berformat {} dibuat oleh Antar yang lebih baru ({}); perbarui antar-office",
            manifest.format, manifest.antar_version
        )));
    }
    let database = data_dir.join(DATABASE);
    if database.exists() {
        return Err(OfficeError::InvalidRequest(format!(
            "{} sudah berisi data kantor; pulihkan ke folder yang kosong",
            data_dir.display()
        )));
    }
    let source = backup.join(DATABASE);
    if hash_file(&source)? != manifest.database.sha256 {
        return Err(OfficeError::corrupt(format!(
            "{} tidak cocok dengan hash di {BACKUP_MANIFEST}: cadangan rusak",
            source.display()
        )));
    }
    fs::create_dir_all(data_dir).map_err(|e| OfficeError::io(data_dir, e))?;
    restrict_to_owner(data_dir);
    let mut report = RestoreReport {
        created_at: Some(manifest.created_at),
        ..RestoreReport::default()
    };
    for photo in &manifest.photos {
        if copy_verified(
            &photo_path(&backup.join("photos"), &photo.sha256),
            &photo_path(&data_dir.join("photos"), &photo.sha256),
            &photo.sha256,
        )? {
            report.photos += 1;
        } else {
            report.photos_damaged.push(photo.sha256);
        }
    }
    let staged = data_dir.join("office.sqlite.pulih");
    fs::copy(&source, &staged).map_err(|e| OfficeError::io(&staged, e))?;
    sync_file(&staged)?;
    fs::rename(&staged, &database).map_err(|e| OfficeError::io(&database, e))?;
    sync_dir(data_dir);
    // Opens, migrates (a backup of an older Antar) and checks it like any start would.
    let office = Office::open(data_dir)?;
    office.store().check_integrity()?;
    report.events = office.event_count()?;
    office.reconcile_photos()?;
    // Phones that sent more after the backup was taken learn from this that they must send
    // it again.
    office.store().new_data_copy()?;
    Ok(report)
}

fn read_manifest(dir: &Path) -> OfficeResult<Manifest> {
    let path = dir.join(BACKUP_MANIFEST);
    let bytes = fs::read(&path).map_err(|e| OfficeError::io(&path, e))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| OfficeError::corrupt(format!("{} tidak terbaca: {e}", path.display())))
}

fn photo_path(root: &Path, sha256: &Sha256Hash) -> PathBuf {
    let hex = sha256.to_hex();
    root.join(&hex[..2]).join(hex)
}

/// Copies `from` to `to` if its bytes hash to `sha256`; false (and nothing written) if they
/// do not or `from` is gone.
fn copy_verified(from: &Path, to: &Path, sha256: &Sha256Hash) -> OfficeResult<bool> {
    let bytes = match fs::read(from) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(OfficeError::io(from, e)),
    };
    if Sha256Hash::of(&bytes) != *sha256 {
        return Ok(false);
    }
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(|e| OfficeError::io(dir, e))?;
    }
    write_atomically(to, &bytes)?;
    Ok(true)
}

/// Writes beside `path` and renames over it: a reader sees the old file or the new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> OfficeResult<()> {
    let staged = path.with_extension("tulis");
    let io_err = |e| OfficeError::io(&staged, e);
    let mut file = File::create(&staged).map_err(io_err)?;
    file.write_all(bytes).map_err(io_err)?;
    file.sync_all().map_err(io_err)?;
    fs::rename(&staged, path).map_err(|e| OfficeError::io(path, e))
}

fn sync_file(path: &Path) -> OfficeResult<()> {
    File::open(path)
        .and_then(|file| file.sync_all())
        .map_err(|e| OfficeError::io(path, e))
}

/// Makes renames in `dir` durable; best effort (not every platform can open a folder).
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

fn file_len(path: &Path) -> OfficeResult<u64> {
    Ok(fs::metadata(path)
        .map_err(|e| OfficeError::io(path, e))?
        .len())
}

fn remove_if_exists(path: &Path) -> OfficeResult<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(OfficeError::io(path, e)),
        _ => Ok(()),
    }
}
