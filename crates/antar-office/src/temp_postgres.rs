//! A throwaway PostgreSQL database for tests and benchmarks: made empty on the cluster that
//! `ANTAR_TEST_POSTGRES` names (by default Debian's, over its Unix socket, as the current user;
//! `.ci/postgres` starts it and makes that role), dropped when dropped.

use std::sync::atomic::{AtomicU32, Ordering};

/// The server the tests use, as a libpq-style connection string without a database name.
pub fn test_server() -> String {
    std::env::var("ANTAR_TEST_POSTGRES").unwrap_or_else(|_| "host=/var/run/postgresql".to_owned())
}

/// An empty database, dropped (with its connections) when this is dropped.
#[derive(Debug)]
pub struct TempPostgres {
    server: String,
    name: String,
}

impl TempPostgres {
    /// Creates the database; panics with what to do when the server cannot be reached, since a
    /// test that cannot reach it must fail, not pass.
    pub fn new() -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let server = test_server();
        let name = format!(
            "antar_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            rand::random::<u32>()
        );
        // On a thread of its own, so an async test may make one: the client blocks on a
        // runtime of its own, which tokio forbids on an async worker.
        let (on, named) = (server.clone(), name.clone());
        std::thread::spawn(move || {
            admin(&on)
                .batch_execute(&format!("CREATE DATABASE {named}"))
                .unwrap_or_else(|e| panic!("CREATE DATABASE {named}: {e}"));
        })
        .join()
        .unwrap_or_else(|_| panic!("basis data uji {name} tidak dapat dibuat"));
        Self { server, name }
    }

    /// The connection string of this database.
    pub fn url(&self) -> String {
        format!("{} dbname={}", self.server, self.name)
    }
}

impl Default for TempPostgres {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let (server, name) = (self.server.clone(), self.name.clone());
        // On a thread of its own: the client needs thread-locals (tokio's) that are already
        // gone when this is dropped from a thread-local at the end of a test's thread.
        let dropped = std::thread::spawn(move || {
            config(&server)
                .dbname("postgres")
                .connect(postgres::NoTls)
                .and_then(|mut admin| {
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                })
                .map_err(|e| e.to_string())
        })
        .join()
        .unwrap_or_else(|_| Err("panik".to_owned()));
        if let Err(error) = dropped {
            eprintln!("basis data uji {} tidak terhapus: {error}", self.name);
        }
    }
}

fn admin(server: &str) -> postgres::Client {
    config(server)
        .dbname("postgres")
        .connect(postgres::NoTls)
        .unwrap_or_else(|e| {
            panic!(
                "PostgreSQL untuk uji tidak terjangkau di {server:?}: {e}\n\
                 Jalankan sekali: sudo bash .ci/postgres (atau setel ANTAR_TEST_POSTGRES)"
            )
        })
}

fn config(server: &str) -> postgres::Config {
    server
        .parse()
        .unwrap_or_else(|e| panic!("ANTAR_TEST_POSTGRES {server:?}: {e}"))
}
