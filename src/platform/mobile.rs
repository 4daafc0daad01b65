//! Android and iOS, through the webview Dioxus mobile runs in: the camera is a file input
//! with `capture` (wry opens the camera chooser for it; a Dioxus handler on the input would
//! cancel the click, DioxusLabs/dioxus#3720), read back with JavaScript; the position comes
//! from `navigator.geolocation`, which wry grants on Android. Compiled on every target so the
//! desktop build type-checks it; only the phone builds choose it.

use std::path::{Path, PathBuf};

use antar_domain::attempt::{FixProvider, GpsFix};
use base64::Engine;
use chrono::{DateTime, Utc};
use dioxus::prelude::*;
use futures_channel::mpsc::{UnboundedReceiver, unbounded};
use serde::Deserialize;

use super::{Camera, Platform, PositionEvent};

/// The id of the capture input the photo control renders on phones.
pub const CAMERA_INPUT_ID: &str = "antar-camera";

#[derive(Clone, Copy, Debug, Default)]
pub struct Mobile;

const WATCH_POSITION_JS: &str = r#"
if (!navigator.geolocation) {
  dioxus.send({ error: "Ponsel ini tidak memberi posisi ke aplikasi." });
} else {
  navigator.geolocation.watchPosition(
    (p) => dioxus.send({ lat: p.coords.latitude, lon: p.coords.longitude,
                         accuracy: p.coords.accuracy, time_ms: p.timestamp }),
    (e) => dioxus.send({ error: "GPS: " + e.message }),
    { enableHighAccuracy: true, maximumAge: 0, timeout: 60000 });
}
await new Promise(() => {});
"#;

const READ_CAPTURE_JS: &str = r#"
const input = document.getElementById("antar-camera");
input.addEventListener("change", async () => {
  const file = input.files && input.files[0];
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  dioxus.send(btoa(binary));
  input.value = "";
});
await new Promise(() => {});
"#;

#[derive(Deserialize)]
#[serde(untagged)]
enum JsPosition {
    Fix {
        lat: f64,
        lon: f64,
        accuracy: f64,
        time_ms: f64,
    },
    Error {
        error: String,
    },
}

impl JsPosition {
    fn into_event(self) -> PositionEvent {
        match self {
            JsPosition::Error { error } => PositionEvent::Unavailable(error),
            JsPosition::Fix {
                lat,
                lon,
                accuracy,
                time_ms,
            } => {
                // Millisecond timestamps fit i64 for the next 290 million years.
                let taken_at =
                    DateTime::from_timestamp_millis(time_ms as i64).unwrap_or_else(Utc::now);
                match GpsFix::new(lat, lon, accuracy, taken_at, FixProvider::Unknown) {
                    Ok(fix) => PositionEvent::Fix(fix),
                    Err(e) => PositionEvent::Unavailable(e.to_string()),
                }
            }
        }
    }
}

impl Platform for Mobile {
    fn name(&self) -> &'static str {
        "mobile"
    }

    fn camera(&self) -> Camera {
        Camera::WebviewCapture
    }

    fn watch_position(&self) -> UnboundedReceiver<PositionEvent> {
        let (sender, receiver) = unbounded();
        spawn(async move {
            let mut eval = document::eval(WATCH_POSITION_JS);
            while let Ok(position) = eval.recv::<JsPosition>().await {
                if sender.unbounded_send(position.into_event()).is_err() {
                    break;
                }
            }
        });
        receiver
    }
}

/// Waits for the courier to take a photo with the capture input and writes it into `dir`;
/// the device then makes the proof from that file (and the file may be deleted after).
pub async fn next_capture(dir: &Path) -> Result<PathBuf, String> {
    let mut eval = document::eval(READ_CAPTURE_JS);
    let encoded: String = eval.recv().await.map_err(|e| format!("kamera: {e}"))?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|e| format!("kamera: {e}"))?;
    std::fs::create_dir_all(dir).map_err(|e| format!("kamera: {e}"))?;
    let path = dir.join(format!("capture-{}.jpg", Utc::now().timestamp_millis()));
    std::fs::write(&path, bytes).map_err(|e| format!("kamera: {e}"))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webview_positions_become_fixes_and_errors_become_reasons() {
        let fix: JsPosition = serde_json::from_str(
            r#"{"lat":-5.45,"lon":104.62,"accuracy":12.5,"time_ms":1790000000000}"#,
        )
        .unwrap();
        let PositionEvent::Fix(fix) = fix.into_event() else {
            panic!()
        };
        assert_eq!((fix.lat(), fix.accuracy_m()), (-5.45, 12.5));
        let error: JsPosition = serde_json::from_str(r#"{"error":"GPS: denied"}"#).unwrap();
        assert_eq!(
            error.into_event(),
            PositionEvent::Unavailable("GPS: denied".into())
        );
        let bad: JsPosition =
            serde_json::from_str(r#"{"lat":99,"lon":104.62,"accuracy":5,"time_ms":0}"#).unwrap();
        assert!(matches!(bad.into_event(), PositionEvent::Unavailable(_)));
    }
}
