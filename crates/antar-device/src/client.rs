//! The office's HTTP API as the phone sees it: one keep-alive `ureq` agent with timeouts for
//! 2G, the protocol header checked on every answer, office errors surfaced as `ApiError`,
//! bytes counted for the sync report, and the office's clock remembered as last contact.
//!
//! Bodies go gzipped where the office takes them (protocol v1, by addition): every request
//! asks for gzip answers (an office from before ignores that and answers plain); an event
//! batch goes gzipped only to an office whose answers said `Accept-Encoding: gzip` (RFC 7694),
//! and plain again if the office refuses it. Answers are opened here rather than by ureq, so
//! the bytes counted are those on the wire and the answer's limit holds for the opened bytes.

use std::io::{Read, Write};
use std::time::Duration;

use antar_domain::wire::{
    API_PREFIX, ApiError, DATA_COPY_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use ureq::http::{HeaderMap, Method, Request, Response};
use ureq::{Agent, AsSendBody, Body};

use crate::error::{DeviceError, Result};
use crate::model::LastContact;

/// Largest answer we read, on the wire and once opened; the biggest is a manifest of a few
/// hundred documents.
const MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;

/// Below this a body goes plain: gzip's own 20 bytes and its header eat what it saves.
const MIN_GZIP_BYTES: usize = 384;

#[derive(Debug)]
pub(crate) struct Office {
    agent: Agent,
    base: String,
    token: Option<String>,
    pub(crate) bytes_sent: u64,
    pub(crate) bytes_received: u64,
    pub(crate) last_contact: Option<LastContact>,
    /// The copy of the office's data that last answered (see `DATA_COPY_HEADER`).
    pub(crate) data_copy: Option<String>,
    /// Whether the office reads gzip bodies, as its last answer said (`None`: not heard yet,
    /// so bodies go plain). Seeded from the store, saved back after each operation.
    pub(crate) takes_gzip: Option<bool>,
    /// Off: no gzip either way, the wire of a phone from before (tests and benchmarks).
    pub(crate) gzip: bool,
}

/// An answer that carried our protocol header; any status.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Office {
    pub(crate) fn new(office_url: &str, token: Option<String>) -> Result<Self> {
        let agent: Agent = Agent::config_builder()
            // A 2G cell takes seconds to set up a connection and may stall for tens of
            // seconds mid-transfer; shorter limits would abort links that would finish.
            .timeout_connect(Some(Duration::from_secs(15)))
            .timeout_per_read(Some(Duration::from_secs(60)))
            .timeout_per_write(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            // A redirect is never the office: it is a hotspot's login page or a wrong URL.
            .max_redirects(0)
            .user_agent(format!("antar-device/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Self {
            agent,
            base: normalize_url(office_url)?,
            token,
            bytes_sent: 0,
            bytes_received: 0,
            last_contact: None,
            data_copy: None,
            takes_gzip: None,
            gzip: true,
        })
    }

    pub(crate) fn base_url(&self) -> &str {
        &self.base
    }

    pub(crate) fn get_json<T: DeserializeOwned>(&mut self, path: &str) -> Result<T> {
        let reply = self.request(Method::GET, path, None, &[])?;
        decode(reply)
    }

    pub(crate) fn post_json<B: Serialize, T: DeserializeOwned>(
        &mut self,
        path: &str,
        body: &B,
    ) -> Result<T> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| DeviceError::Invalid(format!("isi permintaan tidak valid: {e}")))?;
        self.post_raw_json(path, bytes)
    }

    /// Posts JSON that is already encoded (events go out byte for byte as they were hashed).
    pub(crate) fn post_raw_json<T: DeserializeOwned>(
        &mut self,
        path: &str,
        body: Vec<u8>,
    ) -> Result<T> {
        let headers = [("content-type", "application/json".to_owned())];
        let reply = self.request(Method::POST, path, Some(body), &headers)?;
        decode(reply)
    }

    /// Posts JSON gzipped when the office said it reads gzip, else plain. The office opens the
    /// body before anything else, so what it hashes are the bytes given here. An office that
    /// refuses the gzip body (415, or a 400 from an office that no longer says it reads gzip:
    /// one from before, put back) gets the same body plain, once.
    pub(crate) fn post_json_gzipped<T: DeserializeOwned>(
        &mut self,
        path: &str,
        body: Vec<u8>,
    ) -> Result<T> {
        if self.gzip && self.takes_gzip == Some(true) && body.len() >= MIN_GZIP_BYTES {
            let headers = [
                ("content-type", "application/json".to_owned()),
                ("content-encoding", "gzip".to_owned()),
            ];
            let reply = self.request(Method::POST, path, Some(gzip(&body)?), &headers)?;
            let refused =
                reply.status == 415 || (reply.status == 400 && self.takes_gzip != Some(true));
            if !refused {
                return decode(reply);
            }
            tracing::info!(
                path,
                status = reply.status,
                "office refused a gzip body; sending it plain"
            );
            self.takes_gzip = Some(false);
        }
        self.post_raw_json(path, body)
    }

    /// One request under `/api/v1`. Transport failures become `Offline`; an answer without
    /// our protocol version becomes `Protocol`; every other answer is returned as is.
    pub(crate) fn request(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        headers: &[(&str, String)],
    ) -> Result<Reply> {
        let url = format!("{}{API_PREFIX}{path}", self.base);
        let build = || {
            let mut builder = Request::builder()
                .method(method.clone())
                .uri(&url)
                .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
                .header("accept", "application/json");
            if self.gzip {
                builder = builder.header("accept-encoding", "gzip");
            }
            if let Some(token) = &self.token {
                builder = builder.header("authorization", format!("Bearer {token}"));
            }
            for (name, value) in headers {
                builder = builder.header(*name, value);
            }
            builder
        };
        let body_len = body.as_ref().map_or(0, Vec::len) as u64;
        // Every call but enrollment is idempotent (events by id, photo chunks by offset).
        let retryable = path != "/enroll";
        let send = |body: Option<Vec<u8>>| match body {
            Some(bytes) => self.run(build().body(bytes)),
            None => self.run(build().body(())),
        };
        let (first, spare) = if retryable {
            (body.clone(), Some(body))
        } else {
            (body, None)
        };
        let response = match (send(first), spare) {
            // The pooled keep-alive connection was closed by the office (after refusing a body
            // it did not read, or when idle) and the request died on it unanswered: once more,
            // on a new connection, instead of calling a reachable office offline.
            (Err(RunError::DeadConnection(_)), Some(body)) => {
                tracing::debug!(%method, path, "pooled connection was closed; sending again");
                send(body)
            }
            (other, _) => other,
        }
        .map_err(RunError::into_device_error)?;
        self.bytes_sent +=
            request_overhead(&method, &url, headers, self.token.is_some(), self.gzip) + body_len;
        let reply = self.read(response)?;
        tracing::debug!(%method, path, status = reply.status, bytes = reply.body.len(), "office answered");
        Ok(reply)
    }

    fn run<S: AsSendBody>(
        &self,
        request: std::result::Result<Request<S>, ureq::http::Error>,
    ) -> std::result::Result<Response<Body>, RunError> {
        let request = request.map_err(|e| {
            RunError::Other(DeviceError::Invalid(format!("permintaan tidak valid: {e}")))
        })?;
        self.agent.run(request).map_err(|error| match &error {
            ureq::Error::Io(io) if is_dead_connection(io) => RunError::DeadConnection(error),
            _ => RunError::Other(transport_error(error)),
        })
    }

    fn read(&mut self, mut response: Response<Body>) -> Result<Reply> {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        self.bytes_received += 15 + header_bytes(&headers);
        check_protocol(&headers, &self.base)?;
        self.takes_gzip = Some(offers_gzip(&headers));
        let wire = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BYTES)
            .read_to_vec()
            .map_err(transport_error)?;
        self.bytes_received += wire.len() as u64;
        let body = open_body(&headers, wire)?;
        self.note_contact(&headers, &body);
        if let Some(copy) = headers.get(DATA_COPY_HEADER).and_then(|v| v.to_str().ok()) {
            self.data_copy = Some(copy.to_owned());
        }
        Ok(Reply {
            status,
            headers,
            body,
        })
    }

    /// The office's clock: its JSON `office_time` when the body has one, else the Date header.
    fn note_contact(&mut self, headers: &HeaderMap, body: &[u8]) {
        #[derive(serde::Deserialize)]
        struct WithTime {
            office_time: DateTime<Utc>,
        }
        let from_body = serde_json::from_slice::<WithTime>(body)
            .ok()
            .map(|w| w.office_time);
        let from_header = headers
            .get("date")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
            .map(|t| t.with_timezone(&Utc));
        if let Some(office_time) = from_body.or(from_header) {
            self.last_contact = Some(LastContact {
                office_time,
                device_time: Utc::now(),
                boot: crate::clock::read(),
            });
        }
    }
}

/// Turns a 2xx answer into `T`, anything else into the office's `ApiError`.
pub(crate) fn decode<T: DeserializeOwned>(reply: Reply) -> Result<T> {
    if !(200..300).contains(&reply.status) {
        return Err(rejection(&reply));
    }
    serde_json::from_slice(&reply.body).map_err(|e| {
        DeviceError::Protocol(format!(
            "jawaban kantor tidak dapat dibaca ({e}); versi aplikasi dan kantor mungkin berbeda"
        ))
    })
}

pub(crate) fn rejection(reply: &Reply) -> DeviceError {
    let error = serde_json::from_slice::<ApiError>(&reply.body).unwrap_or_else(|_| {
        ApiError::new(
            "unknown",
            format!("kantor menjawab HTTP {} tanpa keterangan", reply.status),
        )
    });
    DeviceError::Rejected {
        status: reply.status,
        error,
    }
}

fn check_protocol(headers: &HeaderMap, base: &str) -> Result<()> {
    let Some(value) = headers.get(PROTOCOL_HEADER) else {
        return Err(DeviceError::Protocol(format!(
            "{base} bukan server kantor Antar (tidak ada tanda protokol); periksa alamat kantor, \
             atau masuk dulu ke Wi-Fi/hotspot bila diminta"
        )));
    };
    let office = value
        .to_str()
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok());
    match office {
        Some(PROTOCOL_VERSION) => Ok(()),
        Some(office) if office > PROTOCOL_VERSION => Err(DeviceError::Protocol(format!(
            "versi protokol kantor {office}, aplikasi {PROTOCOL_VERSION}: perbarui aplikasi"
        ))),
        Some(office) => Err(DeviceError::Protocol(format!(
            "versi protokol kantor {office}, aplikasi {PROTOCOL_VERSION}: server kantor perlu diperbarui"
        ))),
        None => Err(DeviceError::Protocol(format!(
            "tanda protokol kantor tidak dapat dibaca: {value:?}"
        ))),
    }
}

/// Why a request got no answer.
enum RunError {
    /// The connection was reset or closed under the request: worth one more try.
    DeadConnection(ureq::Error),
    Other(DeviceError),
}

impl RunError {
    fn into_device_error(self) -> DeviceError {
        match self {
            Self::DeadConnection(error) => transport_error(error),
            Self::Other(error) => error,
        }
    }
}

fn is_dead_connection(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::BrokenPipe
            | ErrorKind::UnexpectedEof
    )
}

fn transport_error(error: ureq::Error) -> DeviceError {
    match error {
        ureq::Error::BadUri(uri) => {
            DeviceError::Invalid(format!("alamat kantor tidak valid: {uri}"))
        }
        ureq::Error::BodyExceedsLimit(limit) => {
            DeviceError::Protocol(format!("jawaban kantor lebih besar dari {limit} byte"))
        }
        other => DeviceError::Offline {
            reason: other.to_string(),
        },
    }
}

/// Accepts `http(s)://host[:port][/prefix]`, without a trailing slash.
pub(crate) fn normalize_url(url: &str) -> Result<String> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(url.to_owned()),
        _ => Err(DeviceError::Invalid(format!(
            "alamat kantor harus diawali http:// atau https://, ditemukan {url:?}"
        ))),
    }
}

fn header_bytes(headers: &HeaderMap) -> u64 {
    headers
        .iter()
        .map(|(name, value)| (name.as_str().len() + value.len() + 4) as u64)
        .sum()
}

/// Roughly what the request line and our headers weigh on the wire (ureq adds a few more).
fn request_overhead(
    method: &Method,
    url: &str,
    headers: &[(&str, String)],
    auth: bool,
    gzip: bool,
) -> u64 {
    let line = method.as_str().len() + url.len() + 12;
    let fixed = PROTOCOL_HEADER.len() + 6 + "accept: application/json\r\n".len() + 60;
    let accept_gzip = if gzip {
        "accept-encoding: gzip\r\n".len()
    } else {
        0
    };
    let auth = if auth { 80 } else { 0 };
    let extra: usize = headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum();
    (line + fixed + accept_gzip + auth + extra) as u64
}

/// Whether an answer says the office reads gzip bodies (`Accept-Encoding: gzip`, RFC 7694).
fn offers_gzip(headers: &HeaderMap) -> bool {
    antar_domain::wire::accept_encoding_names_gzip(
        headers
            .get_all("accept-encoding")
            .iter()
            .filter_map(|v| v.to_str().ok()),
        false,
    )
}

fn gzip(body: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4 + 64),
        flate2::Compression::default(),
    );
    encoder
        .write_all(body)
        .and_then(|()| encoder.finish())
        .map_err(|e| DeviceError::Invalid(format!("isi permintaan tidak dapat dipadatkan: {e}")))
}

/// An answer's body as sent, opened if the office gzipped it; its limit holds once opened too.
fn open_body(headers: &HeaderMap, wire: Vec<u8>) -> Result<Vec<u8>> {
    let coding = headers
        .get("content-encoding")
        .map(|v| v.to_str().unwrap_or("?").trim().to_ascii_lowercase());
    match coding.as_deref() {
        None | Some("" | "identity") => Ok(wire),
        Some("gzip" | "x-gzip") => {
            let mut opened = Vec::with_capacity(wire.len().saturating_mul(4));
            flate2::read::GzDecoder::new(wire.as_slice())
                .take(MAX_RESPONSE_BYTES + 1)
                .read_to_end(&mut opened)
                .map_err(|e| {
                    DeviceError::Protocol(format!("jawaban kantor (gzip) tidak dapat dibuka: {e}"))
                })?;
            if opened.len() as u64 > MAX_RESPONSE_BYTES {
                return Err(DeviceError::Protocol(format!(
                    "jawaban kantor lebih besar dari {MAX_RESPONSE_BYTES} byte setelah dibuka"
                )));
            }
            Ok(opened)
        }
        Some(other) => Err(DeviceError::Protocol(format!(
            "jawaban kantor memakai Content-Encoding {other:?} yang tidak dikenal aplikasi"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_url_needs_a_scheme_and_loses_trailing_slash() {
        assert_eq!(
            normalize_url(" http://10.0.0.1:8080/ ").unwrap(),
            "http://10.0.0.1:8080"
        );
        assert!(normalize_url("kantor.local").is_err());
        assert!(normalize_url("https://").is_err());
    }

    /// A peer that answers one request per connection with keep-alive promised, then closes
    /// the connection without a word (as a server does after refusing a body it did not read,
    /// or an idle timeout): the phone's next request goes out on a dead pooled connection.
    fn closing_peer(answers: usize) -> (String, std::thread::JoinHandle<usize>) {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || {
            let mut connections = 0;
            for _ in 0..answers {
                let (mut stream, _) = listener.accept().unwrap();
                connections += 1;
                let mut request = Vec::new();
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    let n = stream.read(&mut buf).unwrap();
                    if n == 0 {
                        break;
                    }
                    request.extend_from_slice(&buf[..n]);
                }
                let body = br#"{"ok":true}"#;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                     {PROTOCOL_HEADER}: {PROTOCOL_VERSION}\r\ncontent-length: {}\r\n\
                     connection: keep-alive\r\n\r\n",
                    body.len()
                );
                stream.write_all(head.as_bytes()).unwrap();
                stream.write_all(body).unwrap();
                stream.flush().unwrap();
                // Let the client take the answer and pool the connection before it dies.
                std::thread::sleep(Duration::from_millis(100));
            }
            connections
        });
        (url, server)
    }

    #[test]
    fn a_request_on_a_connection_the_office_closed_is_sent_again() {
        let (url, server) = closing_peer(2);
        let mut office = Office::new(&url, None).unwrap();
        for n in 0..2 {
            let reply = office.request(Method::GET, "/health", None, &[]);
            assert_eq!(
                reply.map(|r| r.status).map_err(|e| format!("{e:?}")),
                Ok(200),
                "request {n}"
            );
        }
        assert_eq!(server.join().unwrap(), 2);
    }

    /// One request as a peer read it: its head (lower-cased) and its body.
    struct Seen {
        head: String,
        body: Vec<u8>,
    }

    /// A peer that answers each request with the next of `answers` (status, extra header
    /// lines, body) and hands back what it was sent.
    fn recording_peer(
        answers: Vec<(u16, &'static str, &'static str)>,
    ) -> (String, std::thread::JoinHandle<Vec<Seen>>) {
        use std::io::BufRead;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
            let mut writer = stream;
            let mut seen = Vec::new();
            for (status, extra, body) in answers {
                let mut head = String::new();
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if line == "\r\n" || line.is_empty() {
                        break;
                    }
                    head.push_str(&line.to_ascii_lowercase());
                }
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .map_or(0, |n| n.trim().parse::<usize>().unwrap());
                let mut sent = vec![0; length];
                reader.read_exact(&mut sent).unwrap();
                seen.push(Seen { head, body: sent });
                let answer = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n\
                     {PROTOCOL_HEADER}: {PROTOCOL_VERSION}\r\n{extra}content-length: {}\r\n\r\n{body}",
                    body.len()
                );
                writer.write_all(answer.as_bytes()).unwrap();
                writer.flush().unwrap();
            }
            seen
        });
        (url, server)
    }

    fn batch_body() -> Vec<u8> {
        let event = r#"{"id":"0190e2c4-0000-7000-8000-000000000000","note":"tidak di rumah"}"#;
        format!("{{\"events\":[{}]}}", vec![event; 20].join(",")).into_bytes()
    }

    fn opened(body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(body)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn a_body_goes_plain_until_the_office_says_it_reads_gzip() {
        let (url, server) = recording_peer(vec![
            (200, "", r#"{"ok":1}"#),
            (200, "accept-encoding: gzip\r\n", r#"{"ok":2}"#),
            (200, "accept-encoding: gzip\r\n", r#"{"ok":3}"#),
        ]);
        let mut office = Office::new(&url, None).unwrap();
        let body = batch_body();
        for _ in 0..3 {
            let _: serde_json::Value = office
                .post_json_gzipped("/events/batch", body.clone())
                .unwrap();
        }
        let seen = server.join().unwrap();
        // Nothing heard yet, then an office that did not say it: plain.
        for plain in &seen[..2] {
            assert!(!plain.head.contains("content-encoding"), "{}", plain.head);
            assert_eq!(plain.body, body);
        }
        // It said so in its second answer: the third body goes gzipped, and opens to the same.
        assert!(
            seen[2].head.contains("content-encoding: gzip"),
            "{}",
            seen[2].head
        );
        assert!(seen[2].body.len() * 4 < body.len());
        assert_eq!(opened(&seen[2].body), body);
        assert!(
            seen.iter()
                .all(|s| s.head.contains("accept-encoding: gzip"))
        );
        assert_eq!(office.takes_gzip, Some(true));
        // The wire is counted: three plain-sized bodies would be more.
        assert!(office.bytes_sent < 2 * body.len() as u64 + 3 * 400 + seen[2].body.len() as u64);
    }

    #[test]
    fn an_office_that_refuses_the_gzip_body_gets_it_plain() {
        // An office from before, put back: it cannot read the body (400) and does not say
        // it reads gzip; an office that does not read it now says 415.
        let (url, server) = recording_peer(vec![
            (
                400,
                "",
                r#"{"code":"json_syntax","message":"JSON tidak valid"}"#,
            ),
            (200, "", r#"{"ok":1}"#),
            (
                415,
                "accept-encoding: gzip\r\n",
                r#"{"code":"content_encoding","message":"x"}"#,
            ),
            (200, "accept-encoding: gzip\r\n", r#"{"ok":2}"#),
        ]);
        let mut office = Office::new(&url, None).unwrap();
        let body = batch_body();
        for _ in 0..2 {
            office.takes_gzip = Some(true);
            let _: serde_json::Value = office
                .post_json_gzipped("/events/batch", body.clone())
                .unwrap();
        }
        let seen = server.join().unwrap();
        for pair in seen.chunks(2) {
            assert!(pair[0].head.contains("content-encoding: gzip"));
            assert_eq!(opened(&pair[0].body), body);
            assert!(!pair[1].head.contains("content-encoding"));
            assert_eq!(pair[1].body, body);
        }
    }

    #[test]
    fn a_gzip_answer_is_opened_under_the_limit() {
        let json = format!(r#"{{"items":"{}"}}"#, "x".repeat(100_000));
        let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        packed.write_all(json.as_bytes()).unwrap();
        let packed = packed.finish().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("content-encoding", "gzip".parse().unwrap());
        assert_eq!(
            open_body(&headers, packed.clone()).unwrap(),
            json.as_bytes()
        );
        assert!(open_body(&headers, packed[..packed.len() / 2].to_vec()).is_err());
        assert!(open_body(&headers, json.clone().into_bytes()).is_err());
        // A bomb: a few kilobytes that open past the limit are refused, not read to the end.
        let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..=MAX_RESPONSE_BYTES / zeros.len() as u64 {
            bomb.write_all(&zeros).unwrap();
        }
        let bomb = bomb.finish().unwrap();
        assert!(bomb.len() < 64 * 1024);
        let refused = open_body(&headers, bomb).unwrap_err();
        assert!(refused.to_string().contains("setelah dibuka"), "{refused}");
        headers.insert("content-encoding", "br".parse().unwrap());
        assert!(open_body(&headers, json.into_bytes()).is_err());
    }

    #[test]
    fn protocol_mismatch_tells_who_must_update() {
        let mut headers = HeaderMap::new();
        assert!(check_protocol(&headers, "http://x").is_err());
        headers.insert(PROTOCOL_HEADER, "2".parse().unwrap());
        let err = check_protocol(&headers, "http://x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "versi protokol kantor 2, aplikasi 1: perbarui aplikasi"
        );
        headers.insert(PROTOCOL_HEADER, "1".parse().unwrap());
        assert!(check_protocol(&headers, "http://x").is_ok());
    }
}
