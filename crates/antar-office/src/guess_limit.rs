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
//!
//! The failures are kept in the database ([`GuessStore`]), not in a process (issue 19): every
//! office process on one database counts the same ones, at the office's wall clock. This module
//! holds the rules and the window's arithmetic. A store that cannot answer refuses the try (the
//! caller's error path): a limit that cannot be checked lets no guess through.

use std::sync::OnceLock;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::store::{GuessFailure, GuessStore, StoreResult};

/// Wrong codes allowed per window, office-wide; an office's real typos are far fewer.
pub(crate) const MAX_FAILURES: u32 = 20;
pub(crate) const WINDOW: Duration = Duration::from_secs(60);

/// Wrong passwords allowed per staff account per window: a person who forgot theirs gives up
/// or asks the admin well before, and 10 tries per 15 minutes is 1,000 a day.
pub(crate) const STAFF_MAX_FAILURES: u32 = 10;
pub(crate) const STAFF_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Failures with one password allowed per window, whatever the accounts: a person mistypes
/// their own password in a few ways, a sprayer tries the same one on every account.
pub(crate) const PASSWORD_MAX_FAILURES: u32 = 5;

/// Failures older than this count for no limit; each new failure forgets them, so the table
/// holds at most one window's failures. (A paused key is never forgotten to make room: with
/// no cap on keys, failing with many names cannot reset an account under attack.)
const LONGEST_WINDOW: Duration = if WINDOW.as_millis() > STAFF_WINDOW.as_millis() {
    WINDOW
} else {
    STAFF_WINDOW
};

/// What a scope's rows are called in `guess_failures` (the table's comment says what each
/// key is).
const ENROLLMENT: &str = "pendaftaran";
const ACCOUNT: &str = "akun";
const PASSWORD: &str = "sandi";

/// Milliseconds since 1970 by the office's clock: shared by every process, as an `Instant`
/// is not.
fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn window_millis(window: Duration) -> i64 {
    i64::try_from(window.as_millis()).unwrap_or(i64::MAX)
}

/// One sliding window: at most `max_failures` failures of a key in `window`, counted in the
/// store under `scope`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limit {
    scope: &'static str,
    max_failures: u32,
    window: Duration,
}

impl Limit {
    pub(crate) const fn new(scope: &'static str, max_failures: u32, window: Duration) -> Self {
        Self {
            scope,
            max_failures,
            window,
        }
    }

    /// Where the window ending at `now_ms` starts: failures at or before it have left.
    fn since(&self, now_ms: i64) -> i64 {
        now_ms.saturating_sub(window_millis(self.window))
    }

    /// `Err(wait)` while `key`'s window is full: how long until it has room again.
    pub(crate) fn check<S: GuessStore + ?Sized>(
        &self,
        store: &S,
        key: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), Duration>> {
        let now_ms = millis(now);
        let nth =
            store.nth_newest_failure(self.scope, key, self.since(now_ms), self.max_failures)?;
        Ok(self.wait(nth, now_ms))
    }

    /// The sliding window's arithmetic: given the `max_failures`-th newest failure still in the
    /// window (none when fewer), `Err(wait)` until that one leaves it. (Races between processes
    /// may store a few failures more than the limit; counting from the newest, the older ones
    /// add no wait.)
    fn wait(&self, nth_newest_ms: Option<i64>, now_ms: i64) -> Result<(), Duration> {
        let Some(at) = nth_newest_ms else {
            return Ok(());
        };
        // Another process's clock may be a little ahead: such a failure is as if made now.
        let age = Duration::from_millis(u64::try_from(now_ms.saturating_sub(at)).unwrap_or(0));
        match self.window.checked_sub(age) {
            Some(wait) if !wait.is_zero() => Err(wait),
            _ => Ok(()),
        }
    }

    fn failure<'k>(&self, key: &'k str, now_ms: i64) -> GuessFailure<'k> {
        GuessFailure {
            scope: self.scope,
            key,
            since_ms: self.since(now_ms),
        }
    }

    pub(crate) fn failed<S: GuessStore + ?Sized>(
        &self,
        store: &S,
        key: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        add_failures(store, &[self.failure(key, millis(now))], now)
    }
}

fn add_failures<S: GuessStore + ?Sized>(
    store: &S,
    failures: &[GuessFailure<'_>],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let now_ms = millis(now);
    store.add_failures(
        failures,
        now_ms,
        now_ms.saturating_sub(window_millis(LONGEST_WINDOW)),
    )
}

/// Wrong enrollment codes, office-wide (one key).
#[derive(Debug)]
pub(crate) struct GuessLimit {
    limit: Limit,
}

impl Default for GuessLimit {
    fn default() -> Self {
        Self::new(MAX_FAILURES, WINDOW)
    }
}

impl GuessLimit {
    pub(crate) fn new(max_failures: u32, window: Duration) -> Self {
        Self {
            limit: Limit::new(ENROLLMENT, max_failures, window),
        }
    }

    /// `Err(wait)` while the window is full: how long until the oldest failure leaves it.
    pub(crate) fn check<S: GuessStore + ?Sized>(
        &self,
        store: &S,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), Duration>> {
        self.limit.check(store, "", now)
    }

    pub(crate) fn failed<S: GuessStore + ?Sized>(
        &self,
        store: &S,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.limit.failed(store, "", now)
    }
}

/// Staff sign-in limits: per account (its name, case folded as the database compares it), and
/// per password tried, by a hash keyed with the database's random `guess_key`: the table holds
/// no password, and a precomputed dictionary of digests matches none of it. (Whoever holds a
/// copy of the whole database holds the key too, and could test guesses against the last
/// window's wrong passwords; the staff's own password hashes are in that copy as well.)
#[derive(Debug)]
pub(crate) struct SignInLimits {
    accounts: Limit,
    passwords: Limit,
    /// The database's `guess_key`, read once: every process must hash a password alike.
    key: OnceLock<String>,
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self::new(
            Limit::new(ACCOUNT, STAFF_MAX_FAILURES, STAFF_WINDOW),
            Limit::new(PASSWORD, PASSWORD_MAX_FAILURES, STAFF_WINDOW),
        )
    }
}

impl SignInLimits {
    fn new(accounts: Limit, passwords: Limit) -> Self {
        Self {
            accounts,
            passwords,
            key: OnceLock::new(),
        }
    }

    fn account_key(name: &str) -> String {
        name.trim().to_lowercase()
    }

    fn password_key<S: GuessStore + ?Sized>(
        &self,
        store: &S,
        password: &str,
    ) -> StoreResult<String> {
        let key = match self.key.get() {
            Some(key) => key,
            None => {
                let stored = store.guess_key()?;
                self.key.get_or_init(|| stored)
            }
        };
        let mut keyed = Vec::with_capacity(key.len() + password.len());
        keyed.extend_from_slice(key.as_bytes());
        keyed.extend_from_slice(password.as_bytes());
        Ok(antar_domain::ids::Sha256Hash::of(&keyed).to_hex())
    }

    /// `Err(wait)` while the account or the password is paused (the longer wait of the two).
    pub(crate) fn check<S: GuessStore + ?Sized>(
        &self,
        store: &S,
        name: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), Duration>> {
        let account = self.accounts.check(store, &Self::account_key(name), now)?;
        let password = self
            .passwords
            .check(store, &self.password_key(store, password)?, now)?;
        Ok(match (account, password) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(a), Err(b)) => Err(a.max(b)),
            (Err(wait), Ok(())) | (Ok(()), Err(wait)) => Err(wait),
        })
    }

    pub(crate) fn failed<S: GuessStore + ?Sized>(
        &self,
        store: &S,
        name: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let now_ms = millis(now);
        let account = Self::account_key(name);
        let password = self.password_key(store, password)?;
        add_failures(
            store,
            &[
                self.accounts.failure(&account, now_ms),
                self.passwords.failure(&password, now_ms),
            ],
            now,
        )
    }

    /// A right password ends the account's count (not the password's: a sprayed password
    /// that opened one account must still be slowed on the others).
    pub(crate) fn succeeded<S: GuessStore + ?Sized>(
        &self,
        store: &S,
        name: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        store.clear_failures(
            self.accounts.scope,
            &Self::account_key(name),
            millis(now).saturating_sub(window_millis(LONGEST_WINDOW)),
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::store::Store;
    use crate::temp_postgres::TempPostgres;

    fn sqlite_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("office.sqlite")).unwrap();
        (dir, store)
    }

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 8, 0, 0).unwrap()
    }

    fn secs(n: i64) -> chrono::Duration {
        chrono::Duration::seconds(n)
    }

    fn failures_kept(store: &Store) -> i64 {
        store
            .read(|db| db.query_row("SELECT COUNT(*) FROM guess_failures", (), |r| r.get(0)))
            .unwrap()
    }

    /// The window's arithmetic alone, at an injected time: the `max`-th newest failure
    /// decides, a failure stamped ahead of `now` (another process's clock) waits the whole
    /// window, one that left it waits nothing.
    #[test]
    fn the_wait_is_until_the_last_counted_failure_leaves_the_window() {
        let limit = Limit::new(ENROLLMENT, 3, Duration::from_secs(60));
        let now = 1_000_000;
        assert_eq!(limit.wait(None, now), Ok(()));
        assert_eq!(
            limit.wait(Some(now - 10_000), now),
            Err(Duration::from_secs(50))
        );
        assert_eq!(
            limit.wait(Some(now - 59_999), now),
            Err(Duration::from_millis(1))
        );
        assert_eq!(limit.wait(Some(now - 60_000), now), Ok(()));
        assert_eq!(
            limit.wait(Some(now + 5_000), now),
            Err(Duration::from_secs(60))
        );
    }

    fn full_window_refuses_until_its_oldest_failure_leaves(store: &Store) {
        let limit = GuessLimit::new(3, Duration::from_secs(60));
        let start = start();
        for n in 0..3 {
            assert_eq!(limit.check(store, start + secs(n)).unwrap(), Ok(()));
            limit.failed(store, start + secs(n)).unwrap();
        }
        assert_eq!(
            limit.check(store, start + secs(10)).unwrap(),
            Err(Duration::from_secs(50))
        );
        assert_eq!(
            limit.check(store, start + secs(59)).unwrap(),
            Err(Duration::from_secs(1))
        );
        // The first failure has left the window: one more try.
        assert_eq!(limit.check(store, start + secs(60)).unwrap(), Ok(()));
        limit.failed(store, start + secs(60)).unwrap();
        assert_eq!(
            limit.check(store, start + secs(60)).unwrap(),
            Err(Duration::from_secs(1))
        );
        assert_eq!(limit.check(store, start + secs(121)).unwrap(), Ok(()));
        // Each failure forgot its key's failures that had left the window.
        assert_eq!(failures_kept(store), 3);
    }

    #[test]
    fn a_full_window_refuses_until_its_oldest_failure_leaves() {
        let (_dir, store) = sqlite_store();
        full_window_refuses_until_its_oldest_failure_leaves(&store);
    }

    /// Issue 13.6: 10,000 names failing once each used to clear every count, the paused
    /// admin's included. In the database no key is forgotten to make room; what bounds the
    /// table is time: every failure forgets those older than the longest window.
    #[test]
    fn failing_with_many_names_does_not_free_a_paused_account() {
        let (_dir, store) = sqlite_store();
        let limit = Limit::new(ACCOUNT, 3, Duration::from_secs(900));
        let start = start();
        for _ in 0..3 {
            limit.failed(&store, "admin", start).unwrap();
        }
        assert!(limit.check(&store, "admin", start).unwrap().is_err());
        let names = 2_000;
        for n in 0..names {
            let at = start + chrono::Duration::milliseconds(1 + n);
            limit.failed(&store, &format!("nama{n}"), at).unwrap();
        }
        assert!(
            limit
                .check(&store, "admin", start + secs(1))
                .unwrap()
                .is_err(),
            "still paused"
        );
        assert_eq!(failures_kept(&store), 3 + names);
        // Once every one of them is older than the longest window, the next failure leaves
        // only itself.
        let later = start + chrono::Duration::from_std(LONGEST_WINDOW).unwrap() + secs(3);
        assert_eq!(limit.check(&store, "admin", later).unwrap(), Ok(()));
        limit.failed(&store, "kasi", later).unwrap();
        assert_eq!(failures_kept(&store), 1);
    }

    fn sprayed_password_is_paused(store: &Store) {
        let limits = SignInLimits::default();
        let start = start();
        for n in 0..PASSWORD_MAX_FAILURES {
            let account = format!("petugas{n}");
            assert_eq!(
                limits.check(store, &account, "rahasia123", start).unwrap(),
                Ok(())
            );
            limits.failed(store, &account, "rahasia123", start).unwrap();
        }
        assert!(
            limits
                .check(store, "kasi", "rahasia123", start)
                .unwrap()
                .is_err(),
            "paused for every account"
        );
        assert_eq!(
            limits
                .check(store, "kasi", "sandi-lain-kasi", start)
                .unwrap(),
            Ok(()),
            "other passwords go on"
        );
        let later = start + chrono::Duration::from_std(STAFF_WINDOW).unwrap();
        assert_eq!(
            limits.check(store, "kasi", "rahasia123", later).unwrap(),
            Ok(())
        );
        // What the table keys a password by is neither it nor its plain digest.
        let keys: Vec<String> = store
            .read(|db| {
                db.query_map(
                    "SELECT DISTINCT key FROM guess_failures WHERE scope = ?1",
                    [PASSWORD],
                    |r| r.get(0),
                )?
                .collect()
            })
            .unwrap();
        let plain = antar_domain::ids::Sha256Hash::of(b"rahasia123").to_hex();
        assert_eq!(keys.len(), 1);
        assert!(keys[0] != "rahasia123" && keys[0] != plain, "{keys:?}");
    }

    /// Issue 13.6: one password sprayed over many accounts was never slowed.
    #[test]
    fn one_password_sprayed_over_many_accounts_is_paused() {
        let (_dir, store) = sqlite_store();
        sprayed_password_is_paused(&store);
    }

    #[test]
    fn an_account_paused_by_wrong_passwords_leaves_the_others_alone() {
        let (_dir, store) = sqlite_store();
        let limits = SignInLimits::new(
            Limit::new(ACCOUNT, 2, Duration::from_secs(900)),
            Limit::new(PASSWORD, 100, Duration::from_secs(900)),
        );
        let start = start();
        limits.failed(&store, "Admin", "satu", start).unwrap();
        limits.failed(&store, " admin ", "dua", start).unwrap();
        assert_eq!(
            limits
                .check(&store, "ADMIN", "tiga", start + secs(100))
                .unwrap(),
            Err(Duration::from_secs(800))
        );
        assert_eq!(limits.check(&store, "kasi", "tiga", start).unwrap(), Ok(()));
        limits.failed(&store, "kasi", "satu", start).unwrap();
        limits.succeeded(&store, "kasi", start).unwrap();
        limits.failed(&store, "kasi", "dua", start).unwrap();
        assert_eq!(
            limits.check(&store, "kasi", "tiga", start).unwrap(),
            Ok(()),
            "a success ends the count"
        );
        assert_eq!(
            limits
                .check(&store, "admin", "tiga", start + secs(900))
                .unwrap(),
            Ok(())
        );
    }

    /// A limit that cannot be read refuses: the caller's error path, not a free guess.
    #[test]
    fn a_store_that_cannot_answer_lets_no_guess_through() {
        let (_dir, store) = sqlite_store();
        store
            .write(|db| db.execute("DROP TABLE guess_failures", ()))
            .unwrap();
        assert!(GuessLimit::default().check(&store, start()).is_err());
        assert!(
            SignInLimits::default()
                .check(&store, "admin", "sandi", start())
                .is_err()
        );
    }

    #[test]
    fn limits_hold_on_postgres() {
        let db = TempPostgres::new();
        let store = Store::open_postgres(&db.url()).unwrap();
        full_window_refuses_until_its_oldest_failure_leaves(&store);
        sprayed_password_is_paused(&store);
    }

    /// Two stores on one database are two office processes (issue 19): failures made through
    /// one pause the other, for enrollment codes, an account and a password alike.
    #[test]
    fn two_processes_on_one_postgres_database_share_the_limits() {
        let db = TempPostgres::new();
        let first = Store::open_postgres(&db.url()).unwrap();
        let second = Store::open_postgres(&db.url()).unwrap();
        let start = start();

        let (enroll_first, enroll_second) = (GuessLimit::default(), GuessLimit::default());
        for n in 0..MAX_FAILURES {
            let at = start + chrono::Duration::milliseconds(i64::from(n));
            enroll_first.failed(&first, at).unwrap();
        }
        assert_eq!(
            enroll_second.check(&second, start + secs(1)).unwrap(),
            Err(WINDOW - Duration::from_secs(1))
        );

        let (sign_in_first, sign_in_second) = (SignInLimits::default(), SignInLimits::default());
        for n in 0..STAFF_MAX_FAILURES {
            sign_in_first
                .failed(&first, "Admin", &format!("tebakan-{n}"), start)
                .unwrap();
        }
        assert!(
            sign_in_second
                .check(&second, "admin", "sandi-admin-benar", start + secs(1))
                .unwrap()
                .is_err(),
            "the account is paused on the other process"
        );
        for n in 0..PASSWORD_MAX_FAILURES {
            sign_in_second
                .failed(&second, &format!("petugas{n}"), "rahasia123", start)
                .unwrap();
        }
        assert!(
            sign_in_first
                .check(&first, "kasi", "rahasia123", start + secs(1))
                .unwrap()
                .is_err(),
            "the password is paused on the other process (one key for both)"
        );
        // A right password on one process ends the account's count for both.
        sign_in_second
            .succeeded(&second, "ADMIN", start + secs(2))
            .unwrap();
        assert_eq!(
            sign_in_first
                .check(&first, "admin", "sandi-admin-benar", start + secs(2))
                .unwrap(),
            Ok(())
        );
    }
}
