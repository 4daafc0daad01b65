//! The link between phone and office as the proxy models it: a byte rate per direction shared
//! by every connection, a switch that stops every byte and starts them again, and one
//! message's way through it, which may stall or be cut at a planned byte.

use std::io::{self, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::FaultStats;

/// A direction on the link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Phone → office: requests.
    Up,
    /// Office → phone: answers.
    Down,
}

/// Why a message stopped moving.
#[derive(Debug)]
pub(crate) enum Halt {
    /// A planned fault cut the connection.
    Cut,
    /// The proxy is shutting down.
    Stopped,
    /// A peer closed or broke its side, or sent something that is not HTTP/1.1: the
    /// connection ends like a cut, without being counted as one.
    Broken,
}

impl From<io::Error> for Halt {
    fn from(_: io::Error) -> Self {
        Self::Broken
    }
}

/// Counters, updated from every connection's thread.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) connections: AtomicU64,
    pub(crate) requests: AtomicU64,
    pub(crate) responses: AtomicU64,
    pub(crate) request_cuts: AtomicU64,
    pub(crate) response_cuts: AtomicU64,
    pub(crate) stalls: AtomicU64,
    pub(crate) stall_cuts: AtomicU64,
    pub(crate) stall_millis: AtomicU64,
    pub(crate) duplicates: AtomicU64,
    pub(crate) bytes_up: AtomicU64,
    pub(crate) bytes_down: AtomicU64,
}

impl Counters {
    pub(crate) fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> FaultStats {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        FaultStats {
            connections: get(&self.connections),
            requests: get(&self.requests),
            responses: get(&self.responses),
            request_cuts: get(&self.request_cuts),
            response_cuts: get(&self.response_cuts),
            stalls: get(&self.stalls),
            stall_cuts: get(&self.stall_cuts),
            stalled: Duration::from_millis(get(&self.stall_millis)),
            duplicates: get(&self.duplicates),
            bytes_up: get(&self.bytes_up),
            bytes_down: get(&self.bytes_down),
        }
    }
}

/// Paces bytes at a rate: each slice leaves when the link has had time to carry the slices
/// before it. No burst allowance: an idle link does not save up capacity.
#[derive(Debug)]
pub(crate) struct Pacer {
    next_free: Mutex<Option<Instant>>,
}

impl Pacer {
    pub(crate) fn new() -> Self {
        Self {
            next_free: Mutex::new(None),
        }
    }

    /// How long `bytes` take at `bits_per_second`.
    pub(crate) fn airtime(bytes: usize, bits_per_second: u64) -> Duration {
        let bits = bytes as u128 * 8;
        let nanos = bits * 1_000_000_000 / u128::from(bits_per_second.max(1));
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }

    /// Books `bytes` on the link and returns the moment they have gone through it.
    pub(crate) fn book(&self, bytes: usize, bits_per_second: u64) -> Instant {
        let now = Instant::now();
        let mut next = self
            .next_free
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let start = next.map_or(now, |free| free.max(now));
        let done = start + Self::airtime(bytes, bits_per_second);
        *next = Some(done);
        done
    }
}

/// What every connection shares: the rate, the stop switch, the counters.
#[derive(Debug)]
pub(crate) struct Link {
    /// Bits per second of each direction; 0 is as fast as loopback.
    rate: AtomicU64,
    held: Mutex<bool>,
    held_changed: Condvar,
    pub(crate) stopped: AtomicBool,
    up: Pacer,
    down: Pacer,
    pub(crate) counters: Counters,
}

impl Link {
    pub(crate) fn new(bits_per_second: Option<u64>) -> Self {
        Self {
            rate: AtomicU64::new(bits_per_second.unwrap_or(0)),
            held: Mutex::new(false),
            held_changed: Condvar::new(),
            stopped: AtomicBool::new(false),
            up: Pacer::new(),
            down: Pacer::new(),
            counters: Counters::default(),
        }
    }

    pub(crate) fn set_rate(&self, bits_per_second: Option<u64>) {
        self.rate
            .store(bits_per_second.unwrap_or(0), Ordering::Relaxed);
    }

    pub(crate) fn rate(&self) -> Option<u64> {
        Some(self.rate.load(Ordering::Relaxed)).filter(|&r| r > 0)
    }

    pub(crate) fn hold(&self, held: bool) {
        *self.held.lock().unwrap_or_else(PoisonError::into_inner) = held;
        self.held_changed.notify_all();
    }

    pub(crate) fn is_held(&self) -> bool {
        *self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.hold(false);
    }

    pub(crate) fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }

    /// Blocks while the link is held.
    fn wait_while_held(&self) -> Result<(), Halt> {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        while *held && !self.is_stopped() {
            held = self
                .held_changed
                .wait_timeout(held, Duration::from_millis(100))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        if self.is_stopped() {
            return Err(Halt::Stopped);
        }
        Ok(())
    }

    /// Sleeps `duration`, or less if the proxy stops meanwhile.
    pub(crate) fn sleep(&self, duration: Duration) -> Result<(), Halt> {
        let until = Instant::now() + duration;
        loop {
            if self.is_stopped() {
                return Err(Halt::Stopped);
            }
            let now = Instant::now();
            if now >= until {
                return Ok(());
            }
            std::thread::sleep((until - now).min(Duration::from_millis(50)));
        }
    }

    /// Largest slice written at once: about 20 ms of the link when throttled, so a stop or a
    /// rate change takes effect quickly and the bytes flow evenly.
    fn slice(&self) -> usize {
        match self.rate() {
            Some(rate) => usize::try_from(rate / 8 / 50)
                .unwrap_or(16 * 1024)
                .clamp(16, 16 * 1024),
            None => 64 * 1024,
        }
    }
}

/// A stall planned at a byte of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StallAt {
    pub(crate) at: u64,
    pub(crate) duration: Duration,
    pub(crate) then_cut: bool,
}

/// One message on its way through the link, in one direction.
#[derive(Debug)]
pub(crate) struct Leg<'a> {
    link: &'a Link,
    out: &'a TcpStream,
    direction: Direction,
    sent: u64,
    cut_at: Option<u64>,
    stall: Option<StallAt>,
}

impl<'a> Leg<'a> {
    pub(crate) fn new(
        link: &'a Link,
        out: &'a TcpStream,
        direction: Direction,
        cut_at: Option<u64>,
        stall: Option<StallAt>,
    ) -> Self {
        Self {
            link,
            out,
            direction,
            sent: 0,
            cut_at,
            stall,
        }
    }

    fn count_cut(&self) {
        let counters = &self.link.counters;
        Counters::add(
            match self.direction {
                Direction::Up => &counters.request_cuts,
                Direction::Down => &counters.response_cuts,
            },
            1,
        );
    }

    /// Sends the next bytes of the message, honouring the rate, the stop switch and the
    /// planned stall and cut.
    pub(crate) fn write(&mut self, mut bytes: &[u8]) -> Result<(), Halt> {
        while !bytes.is_empty() {
            if let Some(stall) = self.stall.filter(|s| s.at == self.sent) {
                self.stall = None;
                let counters = &self.link.counters;
                Counters::add(&counters.stalls, 1);
                Counters::add(
                    &counters.stall_millis,
                    u64::try_from(stall.duration.as_millis()).unwrap_or(u64::MAX),
                );
                self.out.flush()?;
                self.link.sleep(stall.duration)?;
                if stall.then_cut {
                    Counters::add(&counters.stall_cuts, 1);
                    self.count_cut();
                    return Err(Halt::Cut);
                }
            }
            if self.cut_at == Some(self.sent) {
                self.count_cut();
                return Err(Halt::Cut);
            }
            let mut n = bytes.len().min(self.link.slice());
            for boundary in [self.stall.map(|s| s.at), self.cut_at]
                .into_iter()
                .flatten()
            {
                if boundary > self.sent {
                    n = n.min(usize::try_from(boundary - self.sent).unwrap_or(usize::MAX));
                }
            }
            self.link.wait_while_held()?;
            if let Some(rate) = self.link.rate() {
                let pacer = match self.direction {
                    Direction::Up => &self.link.up,
                    Direction::Down => &self.link.down,
                };
                let done = pacer.book(n, rate);
                self.link
                    .sleep(done.saturating_duration_since(Instant::now()))?;
            }
            let mut out = self.out;
            out.write_all(&bytes[..n])?;
            let counters = &self.link.counters;
            Counters::add(
                match self.direction {
                    Direction::Up => &counters.bytes_up,
                    Direction::Down => &counters.bytes_down,
                },
                n as u64,
            );
            self.sent += n as u64;
            bytes = &bytes[n..];
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn airtime_is_bits_over_rate() {
        assert_eq!(Pacer::airtime(8_000, 64_000), Duration::from_secs(1));
        assert_eq!(Pacer::airtime(1, 8), Duration::from_secs(1));
        assert_eq!(Pacer::airtime(0, 64_000), Duration::ZERO);
    }

    #[test]
    fn the_pacer_holds_the_rate_over_many_slices() {
        // 40 slices of 200 bytes at 64 kbit/s: 8,000 bytes, one second of link.
        let pacer = Pacer::new();
        let start = Instant::now();
        for _ in 0..40 {
            let done = pacer.book(200, 64_000);
            std::thread::sleep(done.saturating_duration_since(Instant::now()));
        }
        let took = start.elapsed();
        assert!(
            took >= Duration::from_millis(800),
            "{took:?} for one second of link"
        );
        assert!(took < Duration::from_secs(10), "{took:?}");
    }

    #[test]
    fn an_idle_link_saves_no_capacity() {
        let pacer = Pacer::new();
        let _ = pacer.book(100, 8_000);
        std::thread::sleep(Duration::from_millis(200));
        let now = Instant::now();
        let done = pacer.book(1_000, 8_000);
        assert!(
            done >= now + Duration::from_millis(900),
            "a full second for 1,000 bytes"
        );
    }
}
