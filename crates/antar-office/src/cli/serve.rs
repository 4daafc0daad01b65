//! `serve` (and the demo's serving): the server until Ctrl-C or SIGTERM — the signal a service
//! manager such as systemd sends — then the requests in flight are finished, for a while.

use std::time::Duration;

use antar_office::{Office, WebConfig};
use anyhow::Context;

/// How long requests in flight may take to finish after a stop signal. systemd sends SIGKILL
/// 90 s after SIGTERM by default; a phone's upload cut off here is resumed at its next sync.
const FINISH_GRACE: Duration = Duration::from_secs(20);

pub(crate) fn run(office: Office, listen: &str, web: WebConfig) -> anyhow::Result<()> {
    super::runtime()?.block_on(serve_until_stopped(office, listen, web))
}

async fn serve_until_stopped(office: Office, listen: &str, web: WebConfig) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("tidak bisa mendengarkan di {listen}"))?;
    say!(
        "Server kantor berjalan di http://{} — tekan Ctrl-C untuk berhenti.",
        listener.local_addr()?
    );
    let (stopping, stop_seen) = tokio::sync::oneshot::channel::<()>();
    let signal = async move {
        let signal = stop_signal().await;
        tracing::info!(
            signal,
            grace_s = FINISH_GRACE.as_secs(),
            "sinyal berhenti diterima; permintaan yang sedang berjalan diselesaikan"
        );
        let _ = stopping.send(());
    };
    let served = antar_office::serve_with(office, listener, signal, web);
    tokio::pin!(served);
    tokio::select! {
        result = &mut served => result?,
        () = grace_after(stop_seen) => {
            tracing::warn!("permintaan yang masih berjalan diputus: batas waktu berhenti lewat");
        }
    }
    Ok(())
}

/// Completes `FINISH_GRACE` after the stop signal was seen (never, without one).
async fn grace_after(stop_seen: tokio::sync::oneshot::Receiver<()>) {
    if stop_seen.await.is_ok() {
        tokio::time::sleep(FINISH_GRACE).await;
    } else {
        std::future::pending::<()>().await;
    }
}

/// Waits for Ctrl-C (SIGINT) or SIGTERM and says which came.
async fn stop_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = tokio::signal::ctrl_c() => "SIGINT",
                _ = term.recv() => "SIGTERM",
            },
            Err(error) => {
                tracing::warn!(%error, "SIGTERM tidak bisa ditangkap; hanya Ctrl-C");
                let _ = tokio::signal::ctrl_c().await;
                "SIGINT"
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}
