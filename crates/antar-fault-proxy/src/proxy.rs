//! The proxy's threads: one accepting connections, one per phone connection relaying its
//! exchanges one at a time (HTTP/1.1 without pipelining, as the phone's client speaks it) over
//! its own connection to the office, and short-lived ones for second copies of requests.

use std::collections::HashMap;
use std::io::{self, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use crate::FaultPlan;
use crate::http::{self, Framing, RequestHead};
use crate::link::{Counters, Direction, Halt, Leg, Link};
use crate::plan::{Duplicate, Faults};

/// How long the proxy waits for the office to take a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a second copy of a request may wait for its (thrown away) answer.
const DUPLICATE_TIMEOUT: Duration = Duration::from_secs(30);

/// What the proxy's threads share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) link: Link,
    pub(crate) plan: Mutex<FaultPlan>,
    upstream: SocketAddr,
    /// Every open socket, so that stopping (or cutting everything) can close them under the
    /// threads blocked on them.
    sockets: Mutex<HashMap<u64, TcpStream>>,
    next_socket: AtomicU64,
}

impl Shared {
    pub(crate) fn new(upstream: SocketAddr, plan: FaultPlan, bits_per_second: Option<u64>) -> Self {
        Self {
            link: Link::new(bits_per_second),
            plan: Mutex::new(plan),
            upstream,
            sockets: Mutex::new(HashMap::new()),
            next_socket: AtomicU64::new(0),
        }
    }

    fn plan(&self) -> FaultPlan {
        self.plan
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Keeps a handle on `stream` until the guard drops, which shuts the stream down. Refused
    /// once the proxy stops (checked under the same lock the stop sweeps with).
    fn register(self: &Arc<Self>, stream: &TcpStream) -> io::Result<Registered> {
        let clone = stream.try_clone()?;
        let mut sockets = self.sockets.lock().unwrap_or_else(PoisonError::into_inner);
        if self.link.is_stopped() {
            return Err(io::Error::other("proxy stopped"));
        }
        let id = self.next_socket.fetch_add(1, Ordering::Relaxed);
        sockets.insert(id, clone);
        Ok(Registered {
            shared: Arc::clone(self),
            id,
        })
    }

    /// Closes every open connection (both sides) at once.
    pub(crate) fn shut_all(&self) {
        let sockets = self.sockets.lock().unwrap_or_else(PoisonError::into_inner);
        for stream in sockets.values() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }

    fn connect_upstream(self: &Arc<Self>) -> io::Result<(TcpStream, Registered)> {
        let stream = TcpStream::connect_timeout(&self.upstream, CONNECT_TIMEOUT)?;
        stream.set_nodelay(true)?;
        let guard = self.register(&stream)?;
        Ok((stream, guard))
    }
}

/// An open socket known to the proxy; dropping it closes the connection.
#[derive(Debug)]
struct Registered {
    shared: Arc<Shared>,
    id: u64,
}

impl Drop for Registered {
    fn drop(&mut self) {
        let removed = self
            .shared
            .sockets
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.id);
        if let Some(stream) = removed {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// Accepts phone connections until the proxy stops; each gets its own seeded generator,
/// drawn in the order connections arrive.
pub(crate) fn accept_loop(listener: TcpListener, shared: Arc<Shared>, seed: u64) {
    let mut seeds = StdRng::seed_from_u64(seed);
    let mut workers: Vec<JoinHandle<()>> = Vec::new();
    for stream in listener.incoming() {
        if shared.link.is_stopped() {
            break;
        }
        let Ok(stream) = stream else {
            // Out of file descriptors or an aborted handshake: try again shortly.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        Counters::add(&shared.link.counters.connections, 1);
        let connection_seed: u64 = seeds.random();
        workers.retain(|worker| !worker.is_finished());
        let shared = Arc::clone(&shared);
        let worker = std::thread::Builder::new()
            .name("fault-proxy-conn".to_owned())
            .spawn(move || serve_connection(&shared, &stream, connection_seed));
        if let Ok(worker) = worker {
            workers.push(worker);
        }
    }
    for worker in workers {
        let _ = worker.join();
    }
}

/// The proxy's connection to the office for one phone connection, opened at its first
/// request.
struct Upstream {
    stream: TcpStream,
    reader: BufReader<TcpStream>,
    _guard: Registered,
}

/// Whether the connection carries another exchange.
enum Next {
    Another,
    Close,
}

fn serve_connection(shared: &Arc<Shared>, client: &TcpStream, seed: u64) {
    let mut rng = StdRng::seed_from_u64(seed);
    let Ok(_guard) = shared.register(client) else {
        return;
    };
    let _ = client.set_nodelay(true);
    let Ok(reader) = client.try_clone() else {
        return;
    };
    let mut from_client = BufReader::new(reader);
    let mut upstream = None;
    while let Ok(Next::Another) =
        exchange(shared, &mut rng, client, &mut from_client, &mut upstream)
    {}
    // Dropping the guards shuts both connections down: a cut, an error or the end.
}

/// Relays one request and its answer, with the faults drawn for it.
fn exchange(
    shared: &Arc<Shared>,
    rng: &mut StdRng,
    client: &TcpStream,
    from_client: &mut BufReader<TcpStream>,
    upstream: &mut Option<Upstream>,
) -> Result<Next, Halt> {
    let Some(head) = http::read_head(from_client)? else {
        return Ok(Next::Close);
    };
    Counters::add(&shared.link.counters.requests, 1);
    let request = http::parse_request(&head)?;
    // Drawn before anything can fail, so the sequence of draws does not depend on timing.
    let faults = shared.plan().draw(rng);
    let known_length = match request.framing {
        Framing::Empty => Some(0),
        Framing::Length(n) => Some(n),
        Framing::Chunked | Framing::UntilClose => None,
    };
    // A request sent twice is read whole first; so is one whose length is not announced
    // (the cut needs it). Every other request streams through.
    let whole = if faults.duplicate.is_some() || known_length.is_none() {
        let mut whole = head.clone();
        whole.extend(http::read_body(from_client, request.framing)?);
        Some(Arc::new(whole))
    } else {
        None
    };
    let length = whole.as_ref().map_or_else(
        || head.len() as u64 + known_length.unwrap_or(0),
        |w| w.len() as u64,
    );

    if upstream.is_none() {
        let (stream, guard) = shared.connect_upstream()?;
        *upstream = Some(Upstream {
            reader: BufReader::new(stream.try_clone()?),
            stream,
            _guard: guard,
        });
    }
    let Some(up) = upstream.as_mut() else {
        return Err(Halt::Stopped);
    };

    let mut alongside = None;
    if let (Some(when), Some(whole)) = (faults.duplicate, &whole) {
        match when {
            Duplicate::Before => send_duplicate(shared, whole, &request.method),
            Duplicate::Alongside => {
                let (shared, whole, method) = (
                    Arc::clone(shared),
                    Arc::clone(whole),
                    request.method.clone(),
                );
                alongside = Some(std::thread::spawn(move || {
                    send_duplicate(&shared, &whole, &method);
                }));
            }
            Duplicate::After => {}
        }
    }

    let result = relay(
        shared,
        &faults,
        &request,
        &head,
        whole.as_deref(),
        length,
        client,
        from_client,
        up,
    );
    if result.is_err() {
        // A cut is felt at once on both sides, not after a second copy has been delivered.
        let _ = client.shutdown(Shutdown::Both);
        let _ = up.stream.shutdown(Shutdown::Both);
    }

    if let Some(thread) = alongside {
        let _ = thread.join();
    }
    if let (Some(Duplicate::After), Some(whole)) = (faults.duplicate, &whole) {
        send_duplicate(shared, whole, &request.method);
    }
    result
}

/// Forwards the request (from `whole`, or streamed from the phone) and relays its answer.
#[allow(clippy::too_many_arguments)]
fn relay(
    shared: &Shared,
    faults: &Faults,
    request: &RequestHead,
    head: &[u8],
    whole: Option<&Vec<u8>>,
    length: u64,
    client: &TcpStream,
    from_client: &mut BufReader<TcpStream>,
    up: &mut Upstream,
) -> Result<Next, Halt> {
    let mut leg = Leg::new(
        &shared.link,
        &up.stream,
        Direction::Up,
        faults.cut_request.map(|spot| spot.offset(length)),
        faults.stall.and_then(|s| s.at(Direction::Up, length)),
    );
    match whole {
        Some(whole) => leg.write(whole)?,
        None => {
            leg.write(head)?;
            http::copy_body(from_client, request.framing, &mut |bytes| leg.write(bytes))?;
        }
    }
    (&up.stream).flush()?;

    loop {
        let Some(head) = http::read_head(&mut up.reader)? else {
            // The office closed the connection without answering: so does the proxy.
            return Err(Halt::Broken);
        };
        let answer = http::parse_response(&head, &request.method)?;
        let interim = answer.is_interim();
        // An answer whose length is not announced is read whole, so a cut lands inside it.
        let (length, body) = match answer.framing {
            Framing::Empty => (head.len() as u64, None),
            Framing::Length(n) => (head.len() as u64 + n, None),
            Framing::Chunked | Framing::UntilClose => {
                let body = http::read_body(&mut up.reader, answer.framing)?;
                (head.len() as u64 + body.len() as u64, Some(body))
            }
        };
        let (cut_at, stall) = if interim {
            (None, None)
        } else {
            (
                faults.cut_response.map(|spot| spot.offset(length)),
                faults.stall.and_then(|s| s.at(Direction::Down, length)),
            )
        };
        let mut leg = Leg::new(&shared.link, client, Direction::Down, cut_at, stall);
        leg.write(&head)?;
        match body {
            Some(body) => leg.write(&body)?,
            None => http::copy_body(&mut up.reader, answer.framing, &mut |b| leg.write(b))?,
        }
        let mut client = client;
        client.flush()?;
        if interim {
            continue;
        }
        Counters::add(&shared.link.counters.responses, 1);
        return Ok(if answer.close || request.close {
            Next::Close
        } else {
            Next::Another
        });
    }
}

/// Delivers a second copy of a request on a connection of its own and throws the answer
/// away; counted once the office has answered it.
fn send_duplicate(shared: &Arc<Shared>, request: &[u8], method: &str) {
    let sent = (|| -> io::Result<()> {
        let (stream, _guard) = shared.connect_upstream()?;
        stream.set_read_timeout(Some(DUPLICATE_TIMEOUT))?;
        stream.set_write_timeout(Some(DUPLICATE_TIMEOUT))?;
        (&stream).write_all(request)?;
        let mut reader = BufReader::new(&stream);
        loop {
            let head = http::read_head(&mut reader)?
                .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))?;
            let answer = http::parse_response(&head, method)?;
            http::read_body(&mut reader, answer.framing)?;
            if !answer.is_interim() {
                return Ok(());
            }
        }
    })();
    if sent.is_ok() {
        Counters::add(&shared.link.counters.duplicates, 1);
    }
}
