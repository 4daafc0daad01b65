//! A bad network between the phone and the office, for tests and benchmarks: a proxy on
//! 127.0.0.1 that forwards HTTP/1.1 to an upstream address and, from a seeded plan, cuts
//! connections at random bytes of requests and answers, stalls them, delivers requests to the
//! office twice, throttles both directions to a byte rate, and can hold every byte and let
//! them go again. It counts what it did, so a test can check that the faults happened.
//!
//! This crate owns the link model only (rate, hold switch, per-message faults, the framing it
//! needs to find one request in a keep-alive connection); it knows nothing of Antar's API.
//! Plain threads and blocking sockets: one thread per connection, enough for a phone.
//!
//! ```no_run
//! # fn main() -> std::io::Result<()> {
//! use antar_fault_proxy::{FaultPlan, FaultProxy};
//! let office: std::net::SocketAddr = "127.0.0.1:8080".parse().unwrap();
//! // Faults drawn from a seed: the same seed replays the same faults.
//! let proxy = FaultProxy::start(office, FaultPlan::rough(), 42)?;
//! println!("phone → {}", proxy.url());
//! // Or a clean 64 kbit/s link that a test can stop and start again.
//! let link = FaultProxy::throttled(office, 64_000)?;
//! link.pause();
//! link.resume();
//! println!("{}", proxy.stats());
//! # Ok(()) }
//! ```

mod http;
mod link;
mod plan;
mod proxy;

use std::fmt;
use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

pub use plan::FaultPlan;

use proxy::Shared;

/// What the proxy did so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FaultStats {
    /// Connections the phone opened to the proxy.
    pub connections: u64,
    /// Requests whose head the proxy read from the phone.
    pub requests: u64,
    /// Answers relayed to the phone to their last byte.
    pub responses: u64,
    /// Connections cut while a request was on its way to the office (stall cuts included).
    pub request_cuts: u64,
    /// Connections cut while an answer was on its way to the phone (stall cuts included).
    pub response_cuts: u64,
    /// Stalls, in either direction.
    pub stalls: u64,
    /// Stalls that ended in a cut.
    pub stall_cuts: u64,
    /// Time spent in stalls.
    pub stalled: Duration,
    /// Requests the office received and answered a second time.
    pub duplicates: u64,
    /// Bytes forwarded phone → office (second copies not included).
    pub bytes_up: u64,
    /// Bytes forwarded office → phone.
    pub bytes_down: u64,
}

impl fmt::Display for FaultStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} connections, {} requests, {} answers; cuts: {} requests, {} answers; \
             {} stalls ({} then cut, {:.1} s); {} duplicates; {} bytes up, {} bytes down",
            self.connections,
            self.requests,
            self.responses,
            self.request_cuts,
            self.response_cuts,
            self.stalls,
            self.stall_cuts,
            self.stalled.as_secs_f64(),
            self.duplicates,
            self.bytes_up,
            self.bytes_down,
        )
    }
}

/// A proxy on `127.0.0.1:<free port>` in front of one upstream address. Dropping it closes
/// every connection and joins its threads.
#[derive(Debug)]
pub struct FaultProxy {
    addr: SocketAddr,
    seed: u64,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` that applies `plan`, its faults drawn from `seed`. The
    /// link is not throttled (see [`FaultProxy::set_rate`]).
    pub fn start(upstream: SocketAddr, plan: FaultPlan, seed: u64) -> io::Result<Self> {
        Self::start_with(upstream, plan, seed, None)
    }

    /// A clean link of `bits_per_second` in each direction (e.g. `64_000`, a 2G data
    /// channel): no faults; [`FaultProxy::pause`] stops it entirely.
    pub fn throttled(upstream: SocketAddr, bits_per_second: u64) -> io::Result<Self> {
        Self::start_with(upstream, FaultPlan::none(), 0, Some(bits_per_second))
    }

    fn start_with(
        upstream: SocketAddr,
        plan: FaultPlan,
        seed: u64,
        bits_per_second: Option<u64>,
    ) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(upstream, plan, bits_per_second));
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("fault-proxy-accept".to_owned())
                .spawn(move || proxy::accept_loop(listener, shared, seed))?
        };
        Ok(Self {
            addr,
            seed,
            shared,
            acceptor: Some(acceptor),
        })
    }

    /// Where the phone connects.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`, for the phone's office address.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The seed the faults are drawn from (print it; start again with it to replay).
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Applies `plan` from the next request on.
    pub fn set_plan(&self, plan: FaultPlan) {
        *self
            .shared
            .plan
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = plan;
    }

    /// Throttles each direction to `bits_per_second`; `None` lifts the limit. Takes effect
    /// within a slice (about 20 ms of the link), also for transfers under way.
    pub fn set_rate(&self, bits_per_second: Option<u64>) {
        self.shared.link.set_rate(bits_per_second);
    }

    pub fn rate(&self) -> Option<u64> {
        self.shared.link.rate()
    }

    /// Stops every byte in both directions; connections stay open, as on a link that lost
    /// its signal. New connections are still accepted but carry nothing.
    pub fn pause(&self) {
        self.shared.link.hold(true);
    }

    /// Lets bytes move again after [`FaultProxy::pause`].
    pub fn resume(&self) {
        self.shared.link.hold(false);
    }

    pub fn is_paused(&self) -> bool {
        self.shared.link.is_held()
    }

    /// Cuts every open connection now (not counted as a planned fault).
    pub fn cut_all(&self) {
        self.shared.shut_all();
    }

    pub fn stats(&self) -> FaultStats {
        self.shared.link.counters.snapshot()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.shared.link.stop();
        self.shared.shut_all();
        // Wakes the accepting thread, which then sees the stop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// The seed in environment variable `var` (decimal, or hex with `0x`), else a fresh random
/// one. Print it, so a failing run can be replayed with `var=<seed>`.
///
/// # Panics
/// When `var` is set to something that is not a number: a replay must not quietly run
/// with another seed.
pub fn seed_from_env(var: &str) -> u64 {
    match std::env::var(var) {
        Ok(text) => {
            let text = text.trim();
            let parsed = match text.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => text.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("{var}={text:?} is not a seed (a u64)"))
        }
        Err(_) => rand::random(),
    }
}

#[cfg(test)]
mod tests;
