//! Makes guessing enrollment codes useless: wrong codes are counted over a sliding window, and
//! once too many failed, every enrollment waits until the window has room again.
//!
//! Counted for the whole office, not per client address: behind a reverse proxy every phone
//! has the proxy's address, and a guesser with many addresses would not be slowed. With 20
//! failures a minute, finding one of 100 live codes (2^40 possible) would take centuries; the
//! price is that during an attack a real courier waits a minute and tries again, told so.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Wrong codes allowed per window, office-wide; an office's real typos are far fewer.
pub(crate) const MAX_FAILURES: usize = 20;
pub(crate) const WINDOW: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub(crate) struct GuessLimit {
    max_failures: usize,
    window: Duration,
    failures: Mutex<VecDeque<Instant>>,
}

impl Default for GuessLimit {
    fn default() -> Self {
        Self::new(MAX_FAILURES, WINDOW)
    }
}

impl GuessLimit {
    pub(crate) fn new(max_failures: usize, window: Duration) -> Self {
        Self {
            max_failures,
            window,
            failures: Mutex::new(VecDeque::new()),
        }
    }

    /// `Err(wait)` while the window is full: how long until the oldest failure leaves it.
    pub(crate) fn check(&self, now: Instant) -> Result<(), Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        while failures
            .front()
            .is_some_and(|&at| now.saturating_duration_since(at) >= self.window)
        {
            failures.pop_front();
        }
        match failures.front() {
            Some(&oldest) if failures.len() >= self.max_failures => Err(self
                .window
                .saturating_sub(now.saturating_duration_since(oldest))),
            _ => Ok(()),
        }
    }

    pub(crate) fn failed(&self, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures.push_back(now);
        // Failures beyond the limit add nothing (they are refused before they are tried).
        while failures.len() > self.max_failures {
            failures.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_window_refuses_until_its_oldest_failure_leaves() {
        let limit = GuessLimit::new(3, Duration::from_secs(60));
        let start = Instant::now();
        for n in 0..3 {
            assert_eq!(limit.check(start + Duration::from_secs(n)), Ok(()));
            limit.failed(start + Duration::from_secs(n));
        }
        assert_eq!(
            limit.check(start + Duration::from_secs(10)),
            Err(Duration::from_secs(50))
        );
        assert_eq!(
            limit.check(start + Duration::from_secs(59)),
            Err(Duration::from_secs(1))
        );
        // The first failure has left the window: one more try.
        assert_eq!(limit.check(start + Duration::from_secs(60)), Ok(()));
        limit.failed(start + Duration::from_secs(60));
        assert_eq!(
            limit.check(start + Duration::from_secs(60)),
            Err(Duration::from_secs(1))
        );
        assert_eq!(limit.check(start + Duration::from_secs(121)), Ok(()));
    }
}
