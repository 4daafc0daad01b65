//! The office's HTTP API as the phone sees it: one keep-alive `ureq` agent with timeouts for
//! 2G, the protocol header checked on every answer, office errors surfaced as `ApiError`,
//! bytes counted for the sync report, and the office's clock remembered as last contact.

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

/// Largest answer we read; the biggest is a manifest of a few hundred documents.
const MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;

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
            request_overhead(&method, &url, headers, self.token.is_some()) + body_len;
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
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BYTES)
            .read_to_vec()
            .map_err(transport_error)?;
        self.bytes_received += body.len() as u64;
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
fn request_overhead(method: &Method, url: &str, headers: &[(&str, String)], auth: bool) -> u64 {
    let line = method.as_str().len() + url.len() + 12;
    let fixed = PROTOCOL_HEADER.len() + 6 + "accept: application/json\r\n".len() + 60;
    let auth = if auth { 80 } else { 0 };
    let extra: usize = headers.iter().map(|(n, v)| n.len() + v.len() + 4).sum();
    (line + fixed + auth + extra) as u64
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
