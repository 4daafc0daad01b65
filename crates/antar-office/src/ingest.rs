//! Group commit of devices' events. One request at a time writes (the leader); requests that
//! arrive meanwhile queue their events and wait as parked futures, and the next leader stores
//! all of them in one transaction. A busy office then pays one commit (its WAL frames and
//! locks) for many single PUTs, and no runtime thread sits blocked on the database lock while
//! it could be reading other requests.

use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::sync::{Mutex, MutexGuard, PoisonError};

use tokio::sync::oneshot;

use crate::error::{OfficeError, OfficeResult};
use crate::store::{EventResult, EventStore, Submission};

/// A group stops growing at this many events, so one transaction (and the wait of the
/// requests in it) stays short.
const MAX_GROUP_EVENTS: usize = 1_000;

type Stored = OfficeResult<Vec<EventResult>>;

/// What a waiting request is told: its results, or that it leads the next group.
enum Reply {
    Stored(Stored),
    Lead(Submission),
}

struct Job {
    submission: Submission,
    reply: oneshot::Sender<Reply>,
}

/// Requests waiting for the leader. Invariant: while `leading` is true exactly one request
/// (or the drop of its future, see [`Waiting`]) will pass the lead on or clear it.
#[derive(Default)]
struct Queue {
    leading: bool,
    waiting: VecDeque<Job>,
}

#[derive(Default)]
pub(crate) struct IngestQueue {
    queue: Mutex<Queue>,
}

impl std::fmt::Debug for IngestQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IngestQueue").finish_non_exhaustive()
    }
}

impl IngestQueue {
    /// Stores `submission`, with whatever else is waiting; one result per event, in order.
    pub(crate) async fn record(&self, store: &dyn EventStore, submission: Submission) -> Stored {
        let answer = {
            let mut queue = self.lock();
            if !queue.leading {
                queue.leading = true;
                drop(queue);
                return self.lead(store, submission);
            }
            let (reply, answer) = oneshot::channel();
            queue.waiting.push_back(Job { submission, reply });
            answer
        };
        let mut waiting = Waiting {
            ingest: self,
            answer,
        };
        match (&mut waiting.answer).await {
            Ok(Reply::Stored(stored)) => stored,
            Ok(Reply::Lead(submission)) => self.lead(store, submission),
            Err(_) => Err(OfficeError::Server(
                "penyimpanan kejadian terhenti".to_owned(),
            )),
        }
    }

    /// Stores the leader's events with every queued request's (on this thread: one short
    /// transaction), answers the others and passes the lead on.
    fn lead(&self, store: &dyn EventStore, own: Submission) -> Stored {
        let mut group = vec![own];
        let mut replies = Vec::new();
        {
            let mut queue = self.lock();
            let mut events = group[0].events.len();
            let take = queue
                .waiting
                .iter()
                .take_while(|job| {
                    events += job.submission.events.len();
                    events <= MAX_GROUP_EVENTS
                })
                .count();
            for job in queue.waiting.drain(..take) {
                group.push(job.submission);
                replies.push(job.reply);
            }
        }
        // A panic would otherwise leave `leading` set and every later request waiting.
        let stored = std::panic::catch_unwind(AssertUnwindSafe(|| store_group(store, &group)))
            .unwrap_or_else(|_| {
                let failed = || Err(OfficeError::Server("penyimpanan kejadian gagal".to_owned()));
                group.iter().map(|_| failed()).collect()
            });
        let mut stored = stored.into_iter();
        let own = stored.next().unwrap_or_else(|| Ok(Vec::new()));
        for (reply, result) in replies.into_iter().zip(stored) {
            // A request that went away (its client hung up) still had its events stored.
            let _ = reply.send(Reply::Stored(result));
        }
        self.pass_lead();
        own
    }

    /// Hands the lead to the first waiting request that is still there, or clears it.
    fn pass_lead(&self) {
        let mut queue = self.lock();
        while let Some(job) = queue.waiting.pop_front() {
            if job.reply.send(Reply::Lead(job.submission)).is_ok() {
                return;
            }
        }
        queue.leading = false;
    }

    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A queued request's wait. If its future is dropped (the client hung up) after it was handed
/// the lead but before it took it, the drop passes the lead on, so the queue never stalls.
struct Waiting<'a> {
    ingest: &'a IngestQueue,
    answer: oneshot::Receiver<Reply>,
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.answer.close();
        if let Ok(Reply::Lead(_)) = self.answer.try_recv() {
            self.ingest.pass_lead();
        }
    }
}

/// One result per submission: all in one transaction, or, if that fails, each on its own so
/// that one request's failure does not fail the others.
fn store_group(store: &dyn EventStore, group: &[Submission]) -> Vec<Stored> {
    match store.record_events(group) {
        Ok(results) => results.into_iter().map(Ok).collect(),
        Err(error) if group.len() == 1 => vec![Err(error.into())],
        Err(error) => {
            tracing::warn!(%error, requests = group.len(), "grup kejadian gagal; disimpan satu per satu");
            group
                .iter()
                .map(|submission| {
                    store
                        .record_events(std::slice::from_ref(submission))
                        .map(|mut results| results.pop().unwrap_or_default())
                        .map_err(Into::into)
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};
    use std::time::Duration;

    use antar_domain::attempt::FailureReason;
    use antar_domain::ids::{CourierId, DeviceId};

    use super::*;
    use crate::store::{EventRejection, IncomingEvent, Store};
    use crate::test_events::failed_attempt;

    /// An attempt on an item the office does not have: stored nowhere, answered per event,
    /// which is all these tests need of the database.
    fn submission(events: usize) -> Submission {
        let device = DeviceId::new_v7();
        let events = (1..=events as u64)
            .map(|seq| {
                let event = failed_attempt(device, seq, FailureReason::NotAtHome);
                let bytes = event.canonical_bytes();
                IncomingEvent::received(event, &bytes).unwrap()
            })
            .collect();
        Submission {
            courier: CourierId::new_v7(),
            events,
        }
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("office.sqlite")).unwrap();
        (dir, store)
    }

    fn poll_once<F: Future>(future: std::pin::Pin<&mut F>) -> Poll<F::Output> {
        future.poll(&mut Context::from_waker(Waker::noop()))
    }

    fn all_unknown(stored: &Stored, events: usize) {
        let results = stored.as_ref().expect("stored");
        assert_eq!(results.len(), events);
        assert!(
            results
                .iter()
                .all(|r| matches!(r, Err(EventRejection::ItemNotFound)))
        );
    }

    /// Requests that arrive while one writes wait, and the next leader stores them all in one
    /// group; each gets its own results, and the lead is free again afterwards.
    #[test]
    fn waiting_requests_are_stored_by_the_next_leader_in_one_group() {
        let (_dir, store) = store();
        let ingest = IngestQueue::default();
        ingest.lock().leading = true;
        let mut first = pin!(ingest.record(&store, submission(1)));
        let mut second = pin!(ingest.record(&store, submission(2)));
        let mut third = pin!(ingest.record(&store, submission(3)));
        assert!(poll_once(first.as_mut()).is_pending());
        assert!(poll_once(second.as_mut()).is_pending());
        assert!(poll_once(third.as_mut()).is_pending());
        assert_eq!(ingest.lock().waiting.len(), 3);

        // The writer before them finishes: the first waiting request leads, with the others.
        ingest.pass_lead();
        let Poll::Ready(stored) = poll_once(first.as_mut()) else {
            panic!("the new leader stores at once");
        };
        all_unknown(&stored, 1);
        assert!(ingest.lock().waiting.is_empty());
        for (future, events) in [(second.as_mut(), 2), (third.as_mut(), 3)] {
            let Poll::Ready(stored) = poll_once(future) else {
                panic!("stored in the leader's group");
            };
            all_unknown(&stored, events);
        }
        assert!(!ingest.lock().leading);
    }

    /// A request whose client hangs up after it was handed the lead, before it took it, passes
    /// the lead on: the office does not stall.
    #[tokio::test]
    async fn a_request_that_goes_away_with_the_lead_passes_it_on() {
        let (_dir, store) = store();
        let ingest = IngestQueue::default();
        ingest.lock().leading = true;
        {
            let mut gone = pin!(ingest.record(&store, submission(1)));
            assert!(poll_once(gone.as_mut()).is_pending());
            ingest.pass_lead();
        }
        assert!(!ingest.lock().leading);

        // One that goes away while still waiting leaves the lead with its holder.
        ingest.lock().leading = true;
        {
            let mut gone = pin!(ingest.record(&store, submission(1)));
            assert!(poll_once(gone.as_mut()).is_pending());
        }
        ingest.pass_lead();
        assert!(!ingest.lock().leading);

        let stored = tokio::time::timeout(
            Duration::from_secs(10),
            ingest.record(&store, submission(2)),
        )
        .await
        .expect("a later request is stored, not left waiting");
        all_unknown(&stored, 2);
    }
}
