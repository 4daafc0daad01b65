//! The yardstick: bare axum + rusqlite (WAL, one mutexed connection), no auth, no checks,
//! driven by the same clients. The real office should stay within a factor 1.5 of it.

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
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let url = format!("http://{}/api/v1", listener.local_addr().expect("addr"));
    runtime.spawn(async move { axum::serve(listener, app).await });
    url
}
