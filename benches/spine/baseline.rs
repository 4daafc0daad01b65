//! The yardsticks: bare axum + rusqlite (WAL, one mutexed connection), and bare axum + the
//! PostgreSQL client the office uses (one mutexed connection, off the runtime's workers); no
//! auth, no checks, driven by the same clients. The real office should stay within a factor 1.5
//! of the one on its engine.

use std::sync::{Arc, Mutex};

use antar_domain::wire::{BatchRequest, Event};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{post, put};

type Db = Arc<Mutex<rusqlite::Connection>>;

async fn one(State(db): State<Db>, Json(event): Json<Event>) -> StatusCode {
    let bytes = event.canonical_bytes();
    let conn = db.lock().expect("db lock");
    conn.prepare_cached("INSERT INTO e (id, body) VALUES (?1, ?2)")
        .expect("prepare")
        .execute(rusqlite::params![event.id.to_string(), bytes])
        .expect("insert");
    StatusCode::CREATED
}

async fn many(State(db): State<Db>, Json(batch): Json<BatchRequest>) -> StatusCode {
    let mut conn = db.lock().expect("db lock");
    let tx = conn.transaction().expect("begin");
    for event in &batch.events {
        tx.prepare_cached("INSERT INTO e (id, body) VALUES (?1, ?2)")
            .expect("prepare")
            .execute(rusqlite::params![
                event.id.to_string(),
                event.canonical_bytes()
            ])
            .expect("insert");
    }
    tx.commit().expect("commit");
    StatusCode::OK
}

/// Starts the bare server on the runtime; returns its base URL (with the API prefix).
pub(crate) fn start(runtime: &tokio::runtime::Runtime, dir: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(dir.join("bare.sqlite")).expect("open");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("wal");
    conn.pragma_update(None, "synchronous", "NORMAL")
        .expect("sync");
    conn.execute("CREATE TABLE e (id TEXT PRIMARY KEY, body BLOB)", [])
        .expect("table");
    let app = axum::Router::new()
        .route("/api/v1/events/batch", post(many))
        .route("/api/v1/events/{id}", put(one))
        .with_state(Arc::new(Mutex::new(conn)));
    serve(runtime, app)
}

/// Serves `app` on a free loopback port; returns its base URL (with the API prefix).
fn serve(runtime: &tokio::runtime::Runtime, app: axum::Router) -> String {
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let url = format!("http://{}/api/v1", listener.local_addr().expect("addr"));
    runtime.spawn(async move { axum::serve(listener, app).await });
    url
}

type Pg = Arc<Mutex<OffTheRuntime>>;

/// The synchronous client, closed on a thread of its own: dropped on a runtime's worker (as the
/// bare server is when the runtime ends) it would block inside the runtime and panic.
struct OffTheRuntime(Option<postgres::Client>);

impl Drop for OffTheRuntime {
    fn drop(&mut self) {
        if let Some(client) = self.0.take() {
            let _ = std::thread::spawn(move || drop(client)).join();
        }
    }
}

impl OffTheRuntime {
    fn client(&mut self) -> &mut postgres::Client {
        self.0.as_mut().expect("open until dropped")
    }
}

async fn one_pg(State(db): State<Pg>, Json(event): Json<Event>) -> StatusCode {
    // The synchronous client blocks: on a blocking thread, as the office's store does.
    tokio::task::spawn_blocking(move || {
        let mut db = db.lock().expect("db lock");
        db.client()
            .execute(
                "INSERT INTO e (id, body) VALUES ($1, $2)",
                &[&event.id.to_string(), &event.canonical_bytes()],
            )
            .expect("insert");
    })
    .await
    .expect("insert task");
    StatusCode::CREATED
}

async fn many_pg(State(db): State<Pg>, Json(batch): Json<BatchRequest>) -> StatusCode {
    tokio::task::spawn_blocking(move || {
        let mut db = db.lock().expect("db lock");
        let mut tx = db.client().transaction().expect("begin");
        let insert = tx
            .prepare("INSERT INTO e (id, body) VALUES ($1, $2)")
            .expect("prepare");
        for event in &batch.events {
            tx.execute(&insert, &[&event.id.to_string(), &event.canonical_bytes()])
                .expect("insert");
        }
        tx.commit().expect("commit");
    })
    .await
    .expect("batch task");
    StatusCode::OK
}

/// Starts the bare PostgreSQL server on the runtime over the (empty) database at `url`.
pub(crate) fn start_postgres(runtime: &tokio::runtime::Runtime, url: &str) -> String {
    let url = url.to_owned();
    // The synchronous client may not be made on a runtime's thread.
    let client = std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
        client
            .batch_execute("CREATE TABLE e (id TEXT PRIMARY KEY, body BYTEA)")
            .expect("table");
        client
    })
    .join()
    .expect("connect thread");
    let app = axum::Router::new()
        .route("/api/v1/events/batch", post(many_pg))
        .route("/api/v1/events/{id}", put(one_pg))
        .with_state(Arc::new(Mutex::new(OffTheRuntime(Some(client)))));
    serve(runtime, app)
}
