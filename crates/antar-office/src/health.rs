//! Whether the office can store what it is sent. Write failures of the database and of the
//! photo folder are noted as they happen and forgotten at the next write that succeeds; a
//! small probe of both runs when `/health` is asked (at most every few seconds), so a folder
//! that filled up or turned read-only is reported even when nobody writes, and reported
//! healthy again as soon as it takes writes — without a restart.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::error::OfficeError;

/// Probe this often while healthy (an idle office still learns that its disk went away)…
const PROBE_WHEN_HEALTHY: Duration = Duration::from_secs(10);
/// …and this often while failing, so recovery shows within seconds. Also the least time
/// between two probes, however often `/health` is asked.
const PROBE_WHEN_FAILING: Duration = Duration::from_secs(1);

/// Where the office writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Area {
    Database,
    Photos,
}

/// Why writes fail, as far as the office can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    Full,
    ReadOnly,
    Failing,
}

impl StorageProblem {
    /// Stable codes for monitoring.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Self::Full => "storage_full",
            Self::ReadOnly => "storage_read_only",
            Self::Failing => "storage_failing",
        }
    }

    /// For people: what is wrong and what to do, never a path.
    pub(crate) fn message(self, area: Area) -> String {
        let what = match area {
            Area::Database => "basis data kantor",
            Area::Photos => "folder foto kantor",
        };
        match self {
            Self::Full => format!("{what} tidak bisa ditulis: disk penuh; kosongkan ruang disk"),
            Self::ReadOnly => format!(
                "{what} tidak bisa ditulis: hanya-baca atau tanpa izin tulis; periksa disk dan \
                 izin folder data"
            ),
            Self::Failing => {
                format!("{what} tidak bisa ditulis: kesalahan baca-tulis disk; periksa disk")
            }
        }
    }

    /// The storage problem behind a failed write, if it was one (a refused input is not).
    fn of_office(error: &OfficeError) -> Option<Self> {
        match error {
            OfficeError::Store(error) => error.storage_problem(),
            OfficeError::Io { source, .. } => {
                use std::io::ErrorKind;
                match source.kind() {
                    ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(Self::Full),
                    ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                        Some(Self::ReadOnly)
                    }
                    ErrorKind::NotFound => None,
                    _ => Some(Self::Failing),
                }
            }
            _ => None,
        }
    }
}

/// The office's storage as last seen.
#[derive(Debug, Default)]
pub(crate) struct StorageHealth {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    database: Option<StorageProblem>,
    photos: Option<StorageProblem>,
    last_probe: Option<Instant>,
}

/// An error that can say whether the disk was behind it.
pub(crate) trait StorageFault {
    fn storage_problem(&self) -> Option<StorageProblem>;
}

impl StorageFault for OfficeError {
    fn storage_problem(&self) -> Option<StorageProblem> {
        StorageProblem::of_office(self)
    }
}

impl StorageFault for crate::store::StoreError {
    fn storage_problem(&self) -> Option<StorageProblem> {
        crate::store::StoreError::storage_problem(self)
    }
}

impl StorageHealth {
    /// Notes how a write to `area` went.
    pub(crate) fn observe<T, E: StorageFault>(&self, area: Area, result: &Result<T, E>) {
        let seen = match result {
            Ok(_) => None,
            Err(error) => match error.storage_problem() {
                Some(problem) => Some(problem),
                // Not the disk's doing: says nothing either way.
                None => return,
            },
        };
        let mut state = self.lock();
        let slot = match area {
            Area::Database => &mut state.database,
            Area::Photos => &mut state.photos,
        };
        if slot.is_none() && seen.is_some() {
            tracing::warn!(?area, problem = ?seen, "penyimpanan kantor menolak tulisan");
        } else if slot.is_some() && seen.is_none() {
            tracing::info!(?area, "penyimpanan kantor menerima tulisan lagi");
        }
        *slot = seen;
    }

    /// Whether a probe is due now; if so, it counts as started.
    pub(crate) fn probe_due(&self, now: Instant) -> bool {
        let mut state = self.lock();
        let every = if state.database.is_some() || state.photos.is_some() {
            PROBE_WHEN_FAILING
        } else {
            PROBE_WHEN_HEALTHY
        };
        let due = state
            .last_probe
            .is_none_or(|last| now.saturating_duration_since(last) >= every);
        if due {
            state.last_probe = Some(now);
        }
        due
    }

    /// What is wrong now, per area.
    pub(crate) fn problems(&self) -> Vec<(Area, StorageProblem)> {
        let state = self.lock();
        [
            (Area::Database, state.database),
            (Area::Photos, state.photos),
        ]
        .into_iter()
        .filter_map(|(area, problem)| Some((area, problem?)))
        .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disk_full() -> Result<(), OfficeError> {
        Err(OfficeError::io(
            "x",
            std::io::Error::from(std::io::ErrorKind::StorageFull),
        ))
    }

    #[test]
    fn a_failed_write_is_a_problem_until_a_write_to_the_same_place_succeeds() {
        let health = StorageHealth::default();
        health.observe(Area::Photos, &disk_full());
        health.observe(Area::Database, &Ok::<(), OfficeError>(()));
        assert_eq!(health.problems(), [(Area::Photos, StorageProblem::Full)]);
        // A refused input is not the disk's doing.
        health.observe::<(), OfficeError>(
            Area::Photos,
            &Err(OfficeError::InvalidRequest("x".to_owned())),
        );
        assert_eq!(health.problems().len(), 1);
        health.observe(Area::Photos, &Ok::<(), OfficeError>(()));
        assert!(health.problems().is_empty());
    }

    #[test]
    fn probes_come_often_while_failing_and_seldom_while_healthy() {
        let health = StorageHealth::default();
        let start = Instant::now();
        assert!(health.probe_due(start));
        assert!(!health.probe_due(start + PROBE_WHEN_FAILING));
        assert!(health.probe_due(start + PROBE_WHEN_HEALTHY));
        health.observe(Area::Database, &disk_full());
        let later = start + PROBE_WHEN_HEALTHY;
        assert!(!health.probe_due(later));
        assert!(health.probe_due(later + PROBE_WHEN_FAILING));
    }

    #[test]
    fn messages_name_no_path() {
        for problem in [
            StorageProblem::Full,
            StorageProblem::ReadOnly,
            StorageProblem::Failing,
        ] {
            for area in [Area::Database, Area::Photos] {
                assert!(!problem.message(area).contains('/'));
            }
        }
    }
}
