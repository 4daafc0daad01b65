//! Which store engine a test's office runs on. A test runs on SQLite unless it runs inside
//! [`on_postgres`] (the `on_both_engines!` tests do, once more), or unless
//! `ANTAR_TEST_ALL_ON_POSTGRES=1` asks every test of this binary to run on PostgreSQL (a
//! developer's check that the PostgreSQL store does all the SQLite one does).
//!
//! Each test on PostgreSQL gets its own empty database, dropped when the test ends; every
//! office the test opens (the server, the command line, a second process) opens that one.

use std::cell::RefCell;
use std::path::Path;

use antar_office::temp_postgres::TempPostgres;
use antar_office::{Database, Office};

thread_local! {
    static TEST_DATABASE: RefCell<Option<TempPostgres>> = const { RefCell::new(None) };
}

/// Runs `test` with its offices on a fresh PostgreSQL database.
pub fn on_postgres(test: impl FnOnce()) {
    TEST_DATABASE.with(|db| *db.borrow_mut() = Some(TempPostgres::new()));
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            // Also when the test panics: its database is dropped with it.
            TEST_DATABASE.with(|db| db.borrow_mut().take());
        }
    }
    let _reset = Reset;
    test();
}

/// The database this test's offices use.
pub fn database() -> Database {
    TEST_DATABASE.with(|db| {
        let mut db = db.borrow_mut();
        if db.is_none() && std::env::var_os("ANTAR_TEST_ALL_ON_POSTGRES").is_some() {
            // Kept for the rest of the thread's life: libtest runs each test on its own thread.
            *db = Some(TempPostgres::new());
        }
        db.as_ref()
            .map_or(Database::Sqlite, |pg| Database::Postgres(pg.url()))
    })
}

/// Opens the office in `dir` on this test's database.
pub fn open_office(dir: &Path) -> Office {
    Office::open_on(dir, &database()).unwrap_or_else(|e| panic!("membuka kantor: {e}"))
}

/// `--database URL` for the command line when the test runs on PostgreSQL.
pub fn cli_database_args() -> Vec<String> {
    match database() {
        Database::Sqlite => Vec::new(),
        Database::Postgres(url) => vec!["--database".to_owned(), url],
    }
}

/// Declares a test twice: as written (SQLite), and as `<name>::on_postgres` running the same
/// body on PostgreSQL (a module may share a function's name: they live in different namespaces).
#[macro_export]
macro_rules! on_both_engines {
    ($(#[$meta:meta])* fn $name:ident() $body:block) => {
        $(#[$meta])*
        #[test]
        fn $name() $body

        mod $name {
            #[test]
            fn on_postgres() {
                $crate::common::engine::on_postgres(super::$name)
            }
        }
    };
}
