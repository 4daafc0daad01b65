//! Just enough HTTP/1.1 framing to find where one message ends and the next begins on a
//! keep-alive connection: the head up to the empty line, then a body framed by
//! `Content-Length`, by chunked transfer coding, or by the end of the connection.

use std::io::{self, BufRead};

/// A head larger than this is not something the phone or the office sends.
pub(crate) const MAX_HEAD_BYTES: usize = 64 * 1024;

/// Where a message's body ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Framing {
    /// No body at all.
    Empty,
    /// `Content-Length` bytes.
    Length(u64),
    /// `Transfer-Encoding: chunked`, up to the last chunk and its trailers.
    Chunked,
    /// An answer without a length: its body runs until the office closes the connection.
    UntilClose,
}

/// A request head as read from the phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RequestHead {
    pub(crate) method: String,
    pub(crate) framing: Framing,
    /// The phone asked for the connection to end after this exchange.
    pub(crate) close: bool,
}

/// An answer head as read from the office.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ResponseHead {
    pub(crate) status: u16,
    pub(crate) framing: Framing,
    /// The office ends the connection after this answer.
    pub(crate) close: bool,
}

impl ResponseHead {
    /// `100 Continue` and the like: another head follows for the same request.
    pub(crate) fn is_interim(&self) -> bool {
        (100..200).contains(&self.status) && self.status != 101
    }
}

fn invalid(why: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why.into())
}

/// Reads one head, up to and including the empty line that ends it. `Ok(None)` when the
/// peer closed the connection cleanly before the first byte (the end of a keep-alive
/// connection); an end in the middle of a head is `UnexpectedEof`.
pub(crate) fn read_head(reader: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut head = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 {
            return if head.is_empty() {
                Ok(None)
            } else {
                Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "connection ended inside a head",
                ))
            };
        }
        let blank = line == b"\r\n" || line == b"\n";
        // Empty lines before a request line are allowed (RFC 9112 §2.2) and are dropped.
        if blank && head.is_empty() {
            continue;
        }
        head.extend_from_slice(&line);
        if head.len() > MAX_HEAD_BYTES {
            return Err(invalid("head too large"));
        }
        if blank {
            return Ok(Some(head));
        }
        if !line.ends_with(b"\n") {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "connection ended inside a head",
            ));
        }
    }
}

/// The start line and the `(name, value)` header pairs of a head.
fn split_head(head: &[u8]) -> io::Result<(String, Vec<(String, String)>)> {
    let text = std::str::from_utf8(head).map_err(|_| invalid("head is not UTF-8"))?;
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    let start = lines.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| invalid(format!("header line without a colon: {line:?}")))?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    Ok((start, headers))
}

/// What the headers say about the body: `None` when they name no length at all.
fn body_framing(headers: &[(String, String)]) -> io::Result<Option<Framing>> {
    let chunked = headers.iter().any(|(name, value)| {
        name == "transfer-encoding"
            && value
                .split(',')
                .any(|coding| coding.trim().eq_ignore_ascii_case("chunked"))
    });
    if chunked {
        return Ok(Some(Framing::Chunked));
    }
    let mut length = None;
    for (_, value) in headers.iter().filter(|(name, _)| name == "content-length") {
        let n: u64 = value
            .parse()
            .map_err(|_| invalid(format!("bad Content-Length {value:?}")))?;
        if length.is_some_and(|l| l != n) {
            return Err(invalid("conflicting Content-Length headers"));
        }
        length = Some(n);
    }
    Ok(length.map(|n| {
        if n == 0 {
            Framing::Empty
        } else {
            Framing::Length(n)
        }
    }))
}

fn wants_close(headers: &[(String, String)]) -> bool {
    headers.iter().any(|(name, value)| {
        name == "connection"
            && value
                .split(',')
                .any(|option| option.trim().eq_ignore_ascii_case("close"))
    })
}

pub(crate) fn parse_request(head: &[u8]) -> io::Result<RequestHead> {
    let (start, headers) = split_head(head)?;
    let mut parts = start.split(' ');
    let method = parts.next().unwrap_or_default().to_owned();
    let version = start.rsplit(' ').next().unwrap_or_default();
    if method.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(invalid(format!("not an HTTP/1.x request line: {start:?}")));
    }
    Ok(RequestHead {
        method,
        // A request without a length has no body (RFC 9112 §6.3).
        framing: body_framing(&headers)?.unwrap_or(Framing::Empty),
        close: wants_close(&headers) || version == "HTTP/1.0",
    })
}

/// An answer's head; its body depends on the request it answers (`HEAD` has none).
pub(crate) fn parse_response(head: &[u8], request_method: &str) -> io::Result<ResponseHead> {
    let (start, headers) = split_head(head)?;
    let mut parts = start.split(' ');
    let version = parts.next().unwrap_or_default();
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid(format!("not an HTTP/1.x status line: {start:?}")))?;
    if !version.starts_with("HTTP/1.") {
        return Err(invalid(format!("not an HTTP/1.x status line: {start:?}")));
    }
    let bodiless = request_method.eq_ignore_ascii_case("HEAD")
        || (100..200).contains(&status)
        || status == 204
        || status == 304;
    let framing = if bodiless {
        Framing::Empty
    } else {
        body_framing(&headers)?.unwrap_or(Framing::UntilClose)
    };
    Ok(ResponseHead {
        status,
        framing,
        close: wants_close(&headers) || version == "HTTP/1.0" || framing == Framing::UntilClose,
    })
}

/// Hands the body's raw bytes (chunk lines and trailers included) to `sink` slice by slice,
/// as they arrive, and stops right after its last byte. `sink`'s error ends the copy.
pub(crate) fn copy_body<E: From<io::Error>>(
    reader: &mut impl BufRead,
    framing: Framing,
    sink: &mut dyn FnMut(&[u8]) -> Result<(), E>,
) -> Result<(), E> {
    match framing {
        Framing::Empty => Ok(()),
        Framing::Length(n) => copy_exact(reader, n, sink),
        Framing::UntilClose => loop {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            let n = buf.len();
            sink(buf)?;
            reader.consume(n);
        },
        Framing::Chunked => loop {
            let size_line = read_line(reader)?;
            sink(&size_line)?;
            let size = chunk_size(&size_line)?;
            if size == 0 {
                // Trailers, then the empty line.
                loop {
                    let line = read_line(reader)?;
                    sink(&line)?;
                    if line == b"\r\n" || line == b"\n" {
                        return Ok(());
                    }
                }
            }
            copy_exact(reader, size, sink)?;
            let end = read_line(reader)?;
            if end != b"\r\n" && end != b"\n" {
                return Err(invalid("chunk not followed by CRLF").into());
            }
            sink(&end)?;
        },
    }
}

fn copy_exact<E: From<io::Error>>(
    reader: &mut impl BufRead,
    mut left: u64,
    sink: &mut dyn FnMut(&[u8]) -> Result<(), E>,
) -> Result<(), E> {
    while left > 0 {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "body cut short").into());
        }
        let n = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        sink(&buf[..n])?;
        reader.consume(n);
        left -= n as u64;
    }
    Ok(())
}

fn read_line(reader: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    // Chunk-size lines and trailers are short; a longer one is not HTTP.
    io::Read::take(&mut *reader, 8 * 1024).read_until(b'\n', &mut line)?;
    if !line.ends_with(b"\n") {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "chunked body cut short",
        ));
    }
    Ok(line)
}

fn chunk_size(line: &[u8]) -> io::Result<u64> {
    let text = std::str::from_utf8(line).map_err(|_| invalid("chunk size is not text"))?;
    let hex = text.split(';').next().unwrap_or_default().trim();
    u64::from_str_radix(hex, 16).map_err(|_| invalid(format!("bad chunk size {hex:?}")))
}

/// Reads the whole body into memory (for an answer whose length is not known in advance).
pub(crate) fn read_body(reader: &mut impl BufRead, framing: Framing) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    copy_body::<io::Error>(reader, framing, &mut |bytes| {
        body.extend_from_slice(bytes);
        Ok(())
    })?;
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn read_request(reader: &mut Cursor<&[u8]>) -> Option<(RequestHead, Vec<u8>)> {
        let head = read_head(reader).unwrap()?;
        let parsed = parse_request(&head).unwrap();
        let body = read_body(reader, parsed.framing).unwrap();
        Some((parsed, body))
    }

    #[test]
    fn keep_alive_requests_are_split_at_their_lengths() {
        let wire: &[u8] = b"PUT /api/v1/photos/ab HTTP/1.1\r\nHost: x\r\ncontent-length: 5\r\n\r\n\
            hello\
            GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n\
            POST /api/v1/events/batch HTTP/1.1\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}\n";
        let mut reader = Cursor::new(wire);
        let (put, body) = read_request(&mut reader).unwrap();
        assert_eq!(put.method, "PUT");
        assert_eq!(put.framing, Framing::Length(5));
        assert_eq!(body, b"hello");
        assert!(!put.close);
        let (get, body) = read_request(&mut reader).unwrap();
        assert_eq!((get.method.as_str(), get.framing), ("GET", Framing::Empty));
        assert!(body.is_empty());
        let (post, body) = read_request(&mut reader).unwrap();
        assert_eq!(body, b"{}\n");
        assert!(post.close);
        assert!(read_request(&mut reader).is_none(), "clean end");
    }

    #[test]
    fn a_connection_ending_inside_a_message_is_an_error() {
        let mut reader = Cursor::new(&b"GET / HTTP/1.1\r\nHost: x\r\n"[..]);
        let err = read_head(&mut reader).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);

        let mut reader = Cursor::new(&b"abc"[..]);
        let err = read_body(&mut reader, Framing::Length(5)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn chunked_bodies_are_copied_with_their_framing() {
        let wire: &[u8] = b"4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\nNEXT";
        let mut reader = Cursor::new(wire);
        let body = read_body(&mut reader, Framing::Chunked).unwrap();
        assert_eq!(body, &wire[..wire.len() - 4], "raw bytes, up to the end");
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut reader, &mut rest).unwrap();
        assert_eq!(rest, "NEXT");
    }

    #[test]
    fn answers_know_when_they_have_no_body() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n";
        assert_eq!(
            parse_response(ok, "GET").unwrap().framing,
            Framing::Length(12)
        );
        assert_eq!(parse_response(ok, "HEAD").unwrap().framing, Framing::Empty);
        let no_content = b"HTTP/1.1 204 No Content\r\n\r\n";
        assert_eq!(
            parse_response(no_content, "PUT").unwrap().framing,
            Framing::Empty
        );
        let open_ended = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n";
        let head = parse_response(open_ended, "GET").unwrap();
        assert_eq!(head.framing, Framing::UntilClose);
        assert!(head.close);
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n";
        assert_eq!(
            parse_response(chunked, "GET").unwrap().framing,
            Framing::Chunked
        );
        let cont = parse_response(b"HTTP/1.1 100 Continue\r\n\r\n", "PUT").unwrap();
        assert!(cont.is_interim());
    }

    #[test]
    fn nonsense_is_refused() {
        assert!(parse_request(b"hello\r\n\r\n").is_err());
        assert!(parse_request(b"GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n").is_err());
        assert!(
            parse_request(b"GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                .is_err()
        );
        assert!(parse_response(b"SSH-2.0-OpenSSH\r\n\r\n", "GET").is_err());
        let huge = format!(
            "GET / HTTP/1.1\r\nX: {}\r\n\r\n",
            "a".repeat(MAX_HEAD_BYTES)
        );
        assert!(read_head(&mut Cursor::new(huge.as_bytes())).is_err());
    }
}
