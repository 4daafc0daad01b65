//! The desktop window: photos are files (native dialog or a typed path); positions come from
//! a fixture file (`ANTAR_GPS_FIXTURE`: lines of `lat,lon,accuracy_m,delay_ms`, replayed as
//! a receiver would report them) or are typed in.

use std::path::PathBuf;
use std::thread;
use std::time::Duration;

use antar_domain::attempt::{FixProvider, GpsFix};
use chrono::Utc;
use futures_channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};

use super::{Camera, Platform, PositionEvent};

pub const FIXTURE_ENV: &str = "ANTAR_GPS_FIXTURE";

#[derive(Clone, Debug, Default)]
pub struct Desktop {
    fixture: Option<PathBuf>,
}

impl Desktop {
    pub fn with_fixture(fixture: Option<PathBuf>) -> Self {
        Self { fixture }
    }

    pub fn from_env() -> Self {
        Self::with_fixture(std::env::var_os(FIXTURE_ENV).map(PathBuf::from))
    }
}

impl Platform for Desktop {
    fn name(&self) -> &'static str {
        "desktop"
    }

    fn camera(&self) -> Camera {
        Camera::FilePicker
    }

    fn watch_position(&self) -> UnboundedReceiver<PositionEvent> {
        let (sender, receiver) = unbounded();
        match &self.fixture {
            None => {
                let _ = sender.unbounded_send(PositionEvent::Unavailable(
                    "Komputer ini tidak punya GPS: ketik posisinya.".into(),
                ));
            }
            Some(path) => {
                let path = path.clone();
                let spawned = thread::Builder::new()
                    .name("antar-gps-fixture".into())
                    .spawn(move || replay(&path, &sender));
                if let Err(e) = spawned {
                    tracing::warn!("gps fixture thread: {e}");
                }
            }
        }
        receiver
    }
}

/// One line of a fixture: a fix and how long after the previous one it arrives.
pub(crate) fn parse_fixture_line(line: &str) -> Result<(GpsFix, Duration), String> {
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let [lat, lon, accuracy, delay] = fields[..] else {
        return Err(format!(
            "butuh 4 kolom lat,lon,akurasi_m,jeda_ms, ada {}",
            fields.len()
        ));
    };
    let number = |name: &str, text: &str| {
        text.parse::<f64>()
            .map_err(|_| format!("{name} bukan angka: '{text}'"))
    };
    let delay_ms = delay
        .parse::<u64>()
        .map_err(|_| format!("jeda_ms bukan bilangan bulat: '{delay}'"))?;
    let fix = GpsFix::new(
        number("lat", lat)?,
        number("lon", lon)?,
        number("akurasi_m", accuracy)?,
        Utc::now(),
        FixProvider::Manual,
    )
    .map_err(|e| e.to_string())?;
    Ok((fix, Duration::from_millis(delay_ms)))
}

fn replay(path: &std::path::Path, sender: &UnboundedSender<PositionEvent>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            let _ = sender.unbounded_send(PositionEvent::Unavailable(format!(
                "berkas posisi {} tidak bisa dibaca: {e}",
                path.display()
            )));
            return;
        }
    };
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'));
    for (index, line) in lines {
        let event = match parse_fixture_line(line) {
            Ok((fix, delay)) => {
                thread::sleep(delay);
                PositionEvent::Fix(fix)
            }
            Err(reason) => PositionEvent::Unavailable(format!("baris {}: {reason}", index + 1)),
        };
        if sender.unbounded_send(event).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    #[test]
    fn a_fixture_replays_its_fixes_in_order_and_reports_a_bad_line_by_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fix.csv");
        std::fs::write(
            &path,
            "# lat,lon,acc,delay\n-5.45,104.62,35,0\n-5.45,104.62,8,10\n-5.45,abc,8,0\n",
        )
        .unwrap();
        let events: Vec<PositionEvent> =
            futures_executor_block_on(Desktop::with_fixture(Some(path)).watch_position().collect());
        assert_eq!(events.len(), 3);
        let PositionEvent::Fix(first) = &events[0] else {
            panic!("{events:?}")
        };
        let PositionEvent::Fix(second) = &events[1] else {
            panic!("{events:?}")
        };
        assert_eq!((first.accuracy_m(), second.accuracy_m()), (35.0, 8.0));
        assert_eq!(
            events[2],
            PositionEvent::Unavailable("baris 4: lon bukan angka: 'abc'".into())
        );
    }

    #[test]
    fn without_a_fixture_the_courier_is_told_to_type_the_position() {
        let events: Vec<PositionEvent> =
            futures_executor_block_on(Desktop::default().watch_position().collect());
        assert!(matches!(&events[..], [PositionEvent::Unavailable(_)]));
    }

    /// The receiver ends when the sender thread finishes; poll it on this thread.
    fn futures_executor_block_on<F: std::future::Future>(future: F) -> F::Output {
        use std::sync::Arc;
        use std::task::{Context, Poll, Wake, Waker};
        struct Unpark(thread::Thread);
        impl Wake for Unpark {
            fn wake(self: Arc<Self>) {
                self.0.unpark();
            }
        }
        let waker = Waker::from(Arc::new(Unpark(thread::current())));
        let mut context = Context::from_waker(&waker);
        let mut future = std::pin::pin!(future);
        loop {
            if let Poll::Ready(value) = future.as_mut().poll(&mut context) {
                return value;
            }
            thread::park();
        }
    }
}
