//! The office's store, on whichever engine it was opened: the SQLite file (the default) or a
//! PostgreSQL database (issue 19). Every feature's SQL runs through [`Store::read`] and
//! [`Store::write`] on a [`Db`]; what only one engine has (SQLite's checkpoints and file
//! snapshots) asks [`Store::sqlite`].

use std::path::Path;

use super::db::{Db, Dialect};
use super::postgres::Postgres;
use super::sqlite::Sqlite;
use super::{StoreResult, WriterMemo};
use crate::health::{Area, StorageHealth};

#[derive(Debug)]
#[expect(
    clippy::large_enum_variant,
    reason = "one per office, never moved after opening"
)]
enum Engine {
    Sqlite(Sqlite),
    Postgres(Postgres),
}

/// The office database.
#[derive(Debug)]
pub(crate) struct Store {
    engine: Engine,
    /// Whether writes go through (see `crate::health`).
    health: StorageHealth,
}

impl Store {
    /// Opens (creating and migrating if needed) the SQLite database at `path`.
    pub(crate) fn open(path: &Path) -> StoreResult<Self> {
        Self::on(Engine::Sqlite(Sqlite::open(path)?))
    }

    /// Connects to the PostgreSQL database at `url` and migrates it if needed.
    pub(crate) fn open_postgres(url: &str) -> StoreResult<Self> {
        Self::on(Engine::Postgres(Postgres::open(url)?))
    }

    /// The store on a migrated `engine`, with what a migration left to Rust done.
    fn on(engine: Engine) -> StoreResult<Self> {
        let store = Self {
            engine,
            health: StorageHealth::default(),
        };
        let counted = crate::store::roles::ReviewStore::count_older_findings(&store)?;
        if counted > 0 {
            tracing::info!(attempts = counted, "findings counted for the review queue");
        }
        Ok(store)
    }

    pub(crate) fn dialect(&self) -> Dialect {
        match self.engine {
            Engine::Sqlite(_) => Dialect::Sqlite,
            Engine::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The SQLite engine, for what only it has; `None` on PostgreSQL.
    pub(in crate::store) fn sqlite(&self) -> Option<&Sqlite> {
        match &self.engine {
            Engine::Sqlite(sqlite) => Some(sqlite),
            Engine::Postgres(_) => None,
        }
    }

    pub(in crate::store) fn health_of_writes(&self) -> &StorageHealth {
        &self.health
    }

    /// Runs `f` inside one write transaction, committed when `f` returns `Ok`. It may change
    /// items' states, so ingest's memo forgets those it kept.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Db<'_>) -> StoreResult<T>) -> StoreResult<T> {
        self.write_sequenced(|db, memo| {
            memo.items.forget_states();
            f(db)
        })
    }

    /// Like [`Store::write`], with the writer's memo, which is kept only if the transaction
    /// commits.
    pub(in crate::store) fn write_sequenced<T>(
        &self,
        f: impl FnOnce(&Db<'_>, &mut WriterMemo) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let written = match &self.engine {
            Engine::Sqlite(sqlite) => {
                sqlite.write_sequenced(|conn, memo| f(&Db::Sqlite(conn), memo))
            }
            Engine::Postgres(pg) => pg.write_sequenced(f),
        };
        self.health.observe(Area::Database, &written);
        written
    }

    /// Runs `f` on a read connection; it sees the last committed state.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Db<'_>) -> StoreResult<T>) -> StoreResult<T> {
        match &self.engine {
            Engine::Sqlite(sqlite) => sqlite.read(|conn| f(&Db::Sqlite(conn))),
            Engine::Postgres(pg) => pg.read(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temp_postgres::TempPostgres;

    /// Both engines answer the same SQL alike, through the same `Db`: a write with its memo,
    /// a read, an id returned by the insert and a missing row.
    fn writes_and_reads(store: &Store) {
        use crate::store::db::Optional;
        let id: i64 = store
            .write(|db| {
                db.execute(
                    "INSERT INTO couriers (id, name, created_at) VALUES (?1, ?2, ?3)",
                    rusqlite::params!["k1", "Budi", "2026-12-07T00:00:00.000Z"],
                )?;
                db.query_row(
                    "INSERT INTO desa_contacts (desa, name, role, created_at)
                     VALUES (?1, ?2, ?3, ?4) RETURNING id",
                    ["1806012001", "Pak Kakon", "kepala pekon", "t"],
                    |r| r.get(0),
                )
            })
            .unwrap();
        assert!(id >= 1);
        let (name, count): (String, i64) = store
            .read(|db| {
                db.query_row(
                    "SELECT name, (SELECT COUNT(*) FROM desa_contacts) FROM couriers WHERE id = ?",
                    ["k1"],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
            })
            .unwrap();
        assert_eq!((name.as_str(), count), ("Budi", 1));
        let missing: Option<String> = store
            .read(|db| {
                db.query_row("SELECT name FROM couriers WHERE id = ?1", ["nobody"], |r| {
                    r.get(0)
                })
                .optional()
            })
            .unwrap();
        assert_eq!(missing, None);
        // A failed write leaves nothing behind, and the next one commits.
        let failed: StoreResult<()> = store.write(|db| {
            db.execute(
                "INSERT INTO couriers (id, name, created_at) VALUES ('k2', 'x', 't')",
                (),
            )?;
            db.execute(
                "INSERT INTO couriers (id, name, created_at) VALUES ('k2', 'x', 't')",
                (),
            )?;
            Ok(())
        });
        assert!(matches!(failed, Err(crate::store::StoreError::Conflict(_))));
        let couriers: i64 = store
            .read(|db| db.query_row("SELECT COUNT(*) FROM couriers", (), |r| r.get(0)))
            .unwrap();
        assert_eq!(couriers, 1);
    }

    #[test]
    fn sqlite_writes_and_reads() {
        let dir = tempfile::tempdir().unwrap();
        writes_and_reads(&Store::open(&dir.path().join("office.sqlite")).unwrap());
    }

    #[test]
    fn postgres_writes_and_reads_and_migrates_once() {
        let db = TempPostgres::new();
        writes_and_reads(&Store::open_postgres(&db.url()).unwrap());
        // Opening again finds the schema migrated and the data kept.
        let again = Store::open_postgres(&db.url()).unwrap();
        let couriers: i64 = again
            .read(|db| db.query_row("SELECT COUNT(*) FROM couriers", (), |r| r.get(0)))
            .unwrap();
        assert_eq!(couriers, 1);
        // Readers and the writer compile no plans (see `Postgres::open`), also when the
        // address sets options of its own.
        let with_options = format!("{} options='-c statement_timeout=60000'", db.url());
        let store = Store::open_postgres(&with_options).unwrap();
        let settings = |store: &Store| {
            store
                .read(|db| {
                    db.query_row(
                        "SELECT current_setting('jit') || ' ' || current_setting('statement_timeout')",
                        (),
                        |r| r.get::<String>(0),
                    )
                })
                .unwrap()
        };
        assert_eq!(settings(&store), "off 1min");
        let written = store
            .write(|db| db.query_row("SELECT current_setting('jit')", (), |r| r.get::<String>(0)))
            .unwrap();
        assert_eq!(written, "off");
    }

    /// Two stores on one database are two office processes: the second's write makes the
    /// first forget what its memo remembered.
    #[test]
    fn postgres_memo_is_forgotten_when_another_process_wrote() {
        let db = TempPostgres::new();
        let first = Store::open_postgres(&db.url()).unwrap();
        let second = Store::open_postgres(&db.url()).unwrap();
        first
            .write_sequenced(|_, memo| {
                memo.last_office_seq = Some(7);
                Ok(())
            })
            .unwrap();
        let kept = first
            .write_sequenced(|_, memo| Ok(memo.last_office_seq))
            .unwrap();
        assert_eq!(kept, Some(7));
        second.write(|_| Ok(())).unwrap();
        let after_other = first
            .write_sequenced(|_, memo| Ok(memo.last_office_seq))
            .unwrap();
        assert_eq!(after_other, None);
    }
}
