//! Makes guessing useless: failures are counted over a sliding window, and once too many
//! failed, tries wait until the window has room again.
//!
//! Enrollment codes are counted for the whole office, not per client address: behind a reverse
//! proxy every phone has the proxy's address, and a guesser with many addresses would not be
//! slowed. With 20 failures a minute, finding one of 100 live codes (2^40 possible) would take
//! centuries; the price is that during an attack a real courier waits a minute and tries
//! again, told so. Staff sign-ins are counted per account and per password tried
//! ([`SignInLimits`]): guessing one account's password pauses that account only, and one
//! password sprayed across many accounts is paused after a few of them.

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

/// Failures with one password allowed per window, whatever the accounts: a person mistypes
/// their own password in a few ways, a sprayer tries the same one on every account.
pub(crate) const PASSWORD_MAX_FAILURES: usize = 5;

/// Keys whose failures are remembered at most. Past that, keys with no failure in their window
/// are forgotten, then the unpaused key whose last failure is oldest; a paused key (an account
/// under attack) is never forgotten to make room, so failing with many names cannot reset it.
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
                let oldest_unpaused = by_key
                    .iter()
                    .filter(|(_, limit)| limit.check(now).is_ok())
                    .min_by_key(|(_, limit)| limit.last_failure())
                    .map(|(key, _)| key.clone());
                match oldest_unpaused {
                    Some(oldest) => {
                        by_key.remove(&oldest);
                    }
                    // Every remembered key is paused: this new one is not counted, and the
                    // per-password limit still holds its tries back.
                    None => return,
                }
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

/// Staff sign-in limits: per account, and per password tried (by a keyed hash, so memory holds
/// no password nor a digest a dictionary could reverse).
#[derive(Debug)]
pub(crate) struct SignInLimits {
    accounts: GuessLimits,
    passwords: GuessLimits,
    key: [u8; 32],
}

impl Default for SignInLimits {
    fn default() -> Self {
        let mut key = [0u8; 32];
        rand::fill(&mut key[..]);
        Self {
            accounts: GuessLimits::default(),
            passwords: GuessLimits::new(PASSWORD_MAX_FAILURES, STAFF_WINDOW),
            key,
        }
    }
}

impl SignInLimits {
    fn password_key(&self, password: &str) -> String {
        let mut keyed = Vec::with_capacity(self.key.len() + password.len());
        keyed.extend_from_slice(&self.key);
        keyed.extend_from_slice(password.as_bytes());
        antar_domain::ids::Sha256Hash::of(&keyed).to_hex()
    }

    /// `Err(wait)` while the account or the password is paused (the longer wait of the two).
    pub(crate) fn check(&self, name: &str, password: &str, now: Instant) -> Result<(), Duration> {
        let account = self.accounts.check(name, now);
        let password = self.passwords.check(&self.password_key(password), now);
        match (account, password) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(a), Err(b)) => Err(a.max(b)),
            (Err(wait), Ok(())) | (Ok(()), Err(wait)) => Err(wait),
        }
    }

    pub(crate) fn failed(&self, name: &str, password: &str, now: Instant) {
        self.accounts.failed(name, now);
        self.passwords.failed(&self.password_key(password), now);
    }

    /// A right password ends the account's count (not the password's: a sprayed password
    /// that opened one account must still be slowed on the others).
    pub(crate) fn succeeded(&self, name: &str) {
        self.accounts.succeeded(name);
    }
}

impl GuessLimit {
    fn last_failure(&self) -> Option<Instant> {
        self.failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .back()
            .copied()
    }

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

    /// Issue 13.6: 10,000 names failing once each used to clear every count, the paused
    /// admin's included.
    #[test]
    fn failing_with_many_names_does_not_free_a_paused_account() {
        let limits = GuessLimits::new(3, Duration::from_secs(900));
        let start = Instant::now();
        for _ in 0..3 {
            limits.failed("admin", start);
        }
        assert!(limits.check("admin", start).is_err());
        for n in 0..MAX_KEYS + 50 {
            limits.failed(&format!("nama{n}"), start + Duration::from_millis(1));
        }
        assert!(
            limits
                .check("admin", start + Duration::from_secs(1))
                .is_err(),
            "still paused"
        );
        assert!(limits.by_key.lock().unwrap().len() <= MAX_KEYS);
        // The newest names are remembered (the oldest unpaused made room).
        let newest = format!("nama{}", MAX_KEYS + 49);
        assert!(limits.by_key.lock().unwrap().contains_key(&newest));
    }

    /// Issue 13.6: one password sprayed over many accounts was never slowed.
    #[test]
    fn one_password_sprayed_over_many_accounts_is_paused() {
        let limits = SignInLimits::default();
        let start = Instant::now();
        for n in 0..PASSWORD_MAX_FAILURES {
            let account = format!("petugas{n}");
            assert_eq!(limits.check(&account, "rahasia123", start), Ok(()));
            limits.failed(&account, "rahasia123", start);
        }
        assert!(
            limits.check("kasi", "rahasia123", start).is_err(),
            "paused for every account"
        );
        assert_eq!(
            limits.check("kasi", "sandi-lain-kasi", start),
            Ok(()),
            "other passwords go on"
        );
        assert_eq!(
            limits.check("kasi", "rahasia123", start + STAFF_WINDOW),
            Ok(())
        );
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
