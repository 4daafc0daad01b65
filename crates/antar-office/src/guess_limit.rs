//! Makes guessing useless: failures are counted over a sliding window, and once too many
//! failed, tries wait until the window has room again.
//!
//! Enrollment codes are counted for the whole office, not per client address: behind a reverse
//! proxy every phone has the proxy's address, and a guesser with many addresses would not be
//! slowed. With 20 failures a minute, finding one of 100 live codes (2^40 possible) would take
//! centuries; the price is that during an attack a real courier waits a minute and tries
//! again, told so. Staff passwords are counted per account ([`GuessLimits`]), so guessing one
//! account's password pauses that account only.

use std::collections::{HashMap, VecDeque};
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

/// Wrong passwords allowed per staff account per window: a person who forgot theirs gives up
/// or asks the admin well before, and 10 tries per 15 minutes is 1,000 a day.
pub(crate) const STAFF_MAX_FAILURES: usize = 10;
pub(crate) const STAFF_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Accounts whose failures are remembered at most; past that, accounts with no failure in
/// their window are forgotten, and if that is not enough, all are (argon2 still slows each
/// try).
const MAX_KEYS: usize = 10_000;

/// A [`GuessLimit`] per key (a staff account's name, case folded as the database compares it).
#[derive(Debug)]
pub(crate) struct GuessLimits {
    max_failures: usize,
    window: Duration,
    by_key: Mutex<HashMap<String, GuessLimit>>,
}

impl Default for GuessLimits {
    fn default() -> Self {
        Self::new(STAFF_MAX_FAILURES, STAFF_WINDOW)
    }
}

impl GuessLimits {
    pub(crate) fn new(max_failures: usize, window: Duration) -> Self {
        Self {
            max_failures,
            window,
            by_key: Mutex::new(HashMap::new()),
        }
    }

    fn key(name: &str) -> String {
        name.trim().to_lowercase()
    }

    /// `Err(wait)` while `name`'s window is full.
    pub(crate) fn check(&self, name: &str, now: Instant) -> Result<(), Duration> {
        let by_key = self.by_key.lock().unwrap_or_else(PoisonError::into_inner);
        by_key
            .get(&Self::key(name))
            .map_or(Ok(()), |l| l.check(now))
    }

    pub(crate) fn failed(&self, name: &str, now: Instant) {
        let mut by_key = self.by_key.lock().unwrap_or_else(PoisonError::into_inner);
        let key = Self::key(name);
        if !by_key.contains_key(&key) && by_key.len() >= MAX_KEYS {
            by_key.retain(|_, limit| limit.has_failures_since(now));
            if by_key.len() >= MAX_KEYS {
                by_key.clear();
            }
        }
        by_key
            .entry(key)
            .or_insert_with(|| GuessLimit::new(self.max_failures, self.window))
            .failed(now);
    }

    /// A right password ends the account's count.
    pub(crate) fn succeeded(&self, name: &str) {
        let mut by_key = self.by_key.lock().unwrap_or_else(PoisonError::into_inner);
        by_key.remove(&Self::key(name));
    }
}

impl GuessLimit {
    /// Whether any failure is still inside the window at `now`.
    fn has_failures_since(&self, now: Instant) -> bool {
        let failures = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        failures
            .back()
            .is_some_and(|&at| now.saturating_duration_since(at) < self.window)
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

    #[test]
    fn an_account_paused_by_wrong_passwords_leaves_the_others_alone() {
        let limits = GuessLimits::new(2, Duration::from_secs(900));
        let start = Instant::now();
        limits.failed("Admin", start);
        limits.failed(" admin ", start);
        assert_eq!(
            limits.check("ADMIN", start + Duration::from_secs(100)),
            Err(Duration::from_secs(800))
        );
        assert_eq!(limits.check("kasi", start), Ok(()));
        limits.failed("kasi", start);
        limits.succeeded("kasi");
        limits.failed("kasi", start);
        assert_eq!(
            limits.check("kasi", start),
            Ok(()),
            "a success ends the count"
        );
        assert_eq!(
            limits.check("admin", start + Duration::from_secs(900)),
            Ok(())
        );
    }
}
