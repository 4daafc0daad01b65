//! The phone's SQLite store: one file `device.sqlite` in the data folder, WAL, foreign keys,
//! `synchronous=FULL`, embedded migrations run at open. Only this module speaks SQL.

mod enrollment;
mod events;
mod manifests;
mod purge;
mod receipt_lines;
mod redo;
mod retention;
mod token_key;
mod visit_lists;
mod visit_reads;
mod visits;

#[cfg(test)]
mod upgrade_tests;

pub(crate) use enrollment::Enrollment;
pub(crate) use events::{
    Chained, Link, NewEvent, PendingEvent, PendingPhoto, StoredPhoto, Subject,
};
pub(crate) use manifests::{hold_back_items, item_state_in};
pub use purge::PurgeReport;
pub(crate) use visits::{NewVisitEvent, VisitHead};

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::error::{DeviceError, Result};

pub(crate) const DB_FILE: &str = "device.sqlite";
pub(crate) const PHOTO_DIR: &str = "photos";
/// Prefix of photo files still being written; such a file is never named in the store.
pub(crate) const TEMP_PREFIX: &str = ".tmp-";
/// A temp file this old cannot belong to a write in progress: it is a crash's leftover.
const STALE_TEMP_AGE: Duration = Duration::from_secs(10 * 60);

/// The schema's history; append only.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_init.sql")),
        M::up(include_str!("../../migrations/0002_manifest_courier.sql")),
        M::up(include_str!("../../migrations/0003_visits.sql")),
        M::up(include_str!("../../migrations/0004_handover_items.sql")),
        M::up(include_str!("../../migrations/0005_manifest_events.sql")),
        M::up(include_str!("../../migrations/0006_purge.sql")),
        M::up(include_str!("../../migrations/0007_forget_delivered.sql")),
        M::up(include_str!("../../migrations/0008_redo.sql")),
    ])
}

#[derive(Debug)]
pub(crate) struct Store {
    conn: Connection,
    dir: PathBuf,
    token_key: token_key::TokenKey,
}

impl Store {
    pub(crate) fn open(dir: &Path) -> Result<Self> {
        let photos = dir.join(PHOTO_DIR);
        std::fs::create_dir_all(&photos)?;
        owner_only(dir);
        let mut conn = Connection::open(dir.join(DB_FILE))?;
        // A courier's attempt is proof of a handed-over ID card: losing a committed one to a
        // power cut is worse than a slower commit, hence FULL (each commit fsyncs the WAL).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Personal data removed (a revoked phone, a delivery 30 days old) is zeroed in the
        // file, not left in free space.
        conn.pragma_update(None, "secure_delete", "ON")?;
        // The app's screens and its background sync may hold separate connections.
        conn.busy_timeout(Duration::from_secs(10))?;
        migrations().to_latest(&mut conn)?;
        remove_stale_temp_files(&photos);
        let mut store = Self {
            conn,
            dir: dir.to_path_buf(),
            token_key: token_key::TokenKey::open(dir)?,
        };
        store.seal_plain_token()?;
        Ok(store)
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Lets only the phone user's account into the data folder: it holds NIKs, names, addresses
/// and photos (UU 27/2022). Android already gives each app a private folder; a desktop
/// folder made under a umask of 022 would be readable by every account on the machine.
fn owner_only(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let restricted = std::fs::metadata(dir).and_then(|meta| {
            let mode = meta.permissions().mode();
            if mode & 0o077 == 0 {
                return Ok(());
            }
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode & 0o700))?;
            tracing::info!(
                was = format!("{:o}", mode & 0o777),
                "data folder made owner-only"
            );
            Ok(())
        });
        if let Err(error) = restricted {
            tracing::warn!(%error, "the data folder stays readable by other accounts");
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Best effort: a leftover temp file only wastes space, so failing to remove it is no error.
fn remove_stale_temp_files(photo_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(photo_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let is_temp = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| SystemTime::now().duration_since(modified).ok());
        if is_temp && age.is_some_and(|age| age > STALE_TEMP_AGE) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// SQLite integers are signed; our counts and sizes never come near the limit.
pub(crate) fn sql_int(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

pub(crate) fn now_text() -> String {
    time_text(Utc::now())
}

pub(crate) fn time_text(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| DeviceError::Storage(format!("waktu tersimpan rusak {text:?}: {e}")))
}

/// Parses an id or hash read back from our own columns.
pub(crate) fn parse_stored<T: std::str::FromStr>(text: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e| DeviceError::Storage(format!("nilai tersimpan rusak {text:?}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_run_at_open() {
        migrations().validate().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let tables: Vec<String> = store
            .conn()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for table in [
            "enrollment",
            "events",
            "items",
            "manifests",
            "photos",
            "settings",
            "visits",
            "visit_targets",
        ] {
            assert!(tables.iter().any(|t| t == table), "{table} missing");
        }
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(store);
        // Opening again finds the schema current and changes nothing.
        Store::open(dir.path()).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn only_the_owner_may_enter_the_data_folder() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let made = dir.path().join("baru");
        Store::open(&made).unwrap();
        assert_eq!(mode(&made), 0o700, "a folder the store made");

        let existing = dir.path().join("lama");
        std::fs::create_dir(&existing).unwrap();
        std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o755)).unwrap();
        Store::open(&existing).unwrap();
        assert_eq!(mode(&existing), 0o700, "a folder readable by all before");
    }

    #[test]
    fn fresh_temp_files_survive_open_but_are_never_photos() {
        let dir = tempfile::tempdir().unwrap();
        let photos = dir.path().join(PHOTO_DIR);
        std::fs::create_dir_all(&photos).unwrap();
        std::fs::write(photos.join(format!("{TEMP_PREFIX}x")), b"half").unwrap();
        let store = Store::open(dir.path()).unwrap();
        // Possibly another process's write in progress: left alone.
        assert!(photos.join(format!("{TEMP_PREFIX}x")).exists());
        assert_eq!(store.outbox_counts().unwrap().photos, 0);
    }
}
