//! Running the HTTP API: [`serve`] on a listener until a shutdown signal, and [`spawn`] for
//! tests and tools that want a server in the background and a handle to stop it.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::api;
use crate::error::{OfficeError, OfficeResult};
use crate::office::{Database, Office};
use crate::web::WebConfig;

/// How long [`RunningOffice::stop`] waits for open requests before cutting them off.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// How often the WAL is checkpointed in the background while serving: seldom while it grows
/// slowly (each pass that copies pages costs two fsyncs, beside whatever requests run), often
/// while devices write fast (the busiest ingest appends ~50,000 WAL pages a second, and the
/// WAL should start over long before the writer's own autocheckpoint runs inside a request).
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);
const CHECKPOINT_BUSY_EVERY: Duration = Duration::from_millis(100);

/// WAL pages found by a pass from which the next pass comes sooner (8 MiB).
const BUSY_WAL_PAGES: i64 = 2_048;

/// Serves the API v1 and the staff web on `listener` until `shutdown` completes, then
/// finishes the requests in flight and returns.
pub async fn serve(
    office: Office,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> OfficeResult<()> {
    serve_with(office, listener, shutdown, WebConfig::default()).await
}

/// [`serve`] with the staff web's settings (e.g. `Secure` cookies behind HTTPS).
pub async fn serve_with(
    office: Office,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
    web: WebConfig,
) -> OfficeResult<()> {
    let settling = office.clone();
    tokio::task::spawn_blocking(move || settling.reconcile_photos())
        .await
        .map_err(|e| OfficeError::Server(e.to_string()))??;
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "server kantor mendengarkan");
    }
    let (serving_done, checkpoints_stop) = oneshot::channel::<()>();
    let checkpointer = tokio::spawn(checkpoint_loop(office.clone(), checkpoints_stop));
    let served = axum::serve(listener, api::app(office, web))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| OfficeError::Server(e.to_string()));
    let _ = serving_done.send(());
    let _ = checkpointer.await;
    served?;
    tracing::info!("server kantor berhenti");
    Ok(())
}

/// Keeps the WAL short from outside the request path: a checkpoint fsyncs the database file,
/// and done by a commit it would hold the write lock meanwhile.
async fn checkpoint_loop(office: Office, mut stop: oneshot::Receiver<()>) {
    let mut wait = CHECKPOINT_EVERY;
    loop {
        tokio::select! {
            _ = &mut stop => return,
            () = tokio::time::sleep(wait) => {
                let office = office.clone();
                wait = match tokio::task::spawn_blocking(move || office.checkpoint()).await {
                    Ok(Ok(pages)) if pages >= BUSY_WAL_PAGES => CHECKPOINT_BUSY_EVERY,
                    Ok(Ok(_)) => CHECKPOINT_EVERY,
                    Ok(Err(error)) => {
                        tracing::warn!(%error, "checkpoint WAL gagal");
                        CHECKPOINT_EVERY
                    }
                    Err(error) => {
                        tracing::warn!(%error, "tugas checkpoint WAL gagal");
                        CHECKPOINT_EVERY
                    }
                };
            }
        }
    }
}

/// An office server running in the background.
#[derive(Debug)]
pub struct RunningOffice {
    pub addr: SocketAddr,
    office: Office,
    stop: oneshot::Sender<()>,
    task: JoinHandle<OfficeResult<()>>,
}

impl RunningOffice {
    /// The office the server runs on, for staff operations beside it (issuing a BA, …).
    pub fn office(&self) -> &Office {
        &self.office
    }

    /// `http://ADDR`, for clients.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops the server gracefully and waits until it has let go of the database, so the same
    /// data directory can be opened again right after.
    pub async fn stop(self) {
        let RunningOffice {
            office, stop, task, ..
        } = self;
        let _ = stop.send(());
        let abort = task.abort_handle();
        match tokio::time::timeout(STOP_GRACE, task).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(error))) => tracing::warn!(%error, "server kantor berhenti karena kesalahan"),
            Ok(Err(error)) => tracing::warn!(%error, "tugas server kantor gagal"),
            Err(_) => {
                tracing::warn!("permintaan yang masih berjalan diputus saat berhenti");
                abort.abort();
            }
        }
        // The router and its handlers held the other clones; ours is the last, so dropping it
        // closes the database connections.
        drop(office);
    }
}

/// Opens the office in `data_dir` and serves it on `addr` (e.g. `127.0.0.1:0`) in the
/// background.
pub async fn spawn(data_dir: &Path, addr: &str) -> OfficeResult<RunningOffice> {
    spawn_with(data_dir, addr, WebConfig::default()).await
}

/// [`spawn`] with the staff web's settings.
pub async fn spawn_with(
    data_dir: &Path,
    addr: &str,
    web: WebConfig,
) -> OfficeResult<RunningOffice> {
    spawn_on(data_dir, &Database::Sqlite, addr, web).await
}

/// [`spawn_with`] with the office's records in `database`.
pub async fn spawn_on(
    data_dir: &Path,
    database: &Database,
    addr: &str,
    web: WebConfig,
) -> OfficeResult<RunningOffice> {
    let dir = data_dir.to_owned();
    let database = database.clone();
    let office = tokio::task::spawn_blocking(move || Office::open_on(&dir, &database))
        .await
        .map_err(|e| OfficeError::Server(e.to_string()))??;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| OfficeError::io(addr, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| OfficeError::io("listener", e))?;
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve_with(
        office.clone(),
        listener,
        async move {
            let _ = stopped.await;
        },
        web,
    ));
    Ok(RunningOffice {
        addr,
        office,
        stop,
        task,
    })
}
