//! Which faults hit which request: probabilities in a [`FaultPlan`], drawn per request from
//! the connection's seeded generator, always the same number of draws per request so that a
//! seed replays the same sequence of faults.

use std::time::Duration;

use rand::RngExt;
use rand::rngs::StdRng;

use crate::link::{Direction, StallAt};

/// What can go wrong between phone and office, as chances per request (0.0 – 1.0). Each fault
/// is drawn on its own, so one request may be stalled, cut and delivered twice.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultPlan {
    /// The request is cut before its last byte: the office never sees all of it (or, cut at
    /// byte 0 of a keep-alive connection, the phone finds its pooled connection dead).
    pub cut_request: f64,
    /// The answer is cut before its last byte: the office did the work, the phone does not
    /// know it.
    pub cut_response: f64,
    /// One direction of the exchange stops at a random byte for a while.
    pub stall: f64,
    /// Shortest and longest stall.
    pub stall_min: Duration,
    pub stall_max: Duration,
    /// Of the stalls, the chance that the connection is cut at the end instead of going on.
    pub stall_then_cut: f64,
    /// The request reaches the office twice (on an extra connection whose answer is thrown
    /// away, before, during or after the real exchange); the phone gets one answer.
    pub duplicate: f64,
}

impl FaultPlan {
    /// A clean link: bytes are only throttled or held, never lost.
    pub fn none() -> Self {
        Self {
            cut_request: 0.0,
            cut_response: 0.0,
            stall: 0.0,
            stall_min: Duration::ZERO,
            stall_max: Duration::ZERO,
            stall_then_cut: 0.0,
            duplicate: 0.0,
        }
    }

    /// A bad mobile link: about one request in five meets a fault, stalls last up to half a
    /// second. What the end-to-end sync test runs under.
    pub fn rough() -> Self {
        Self {
            cut_request: 0.05,
            cut_response: 0.05,
            stall: 0.04,
            stall_min: Duration::from_millis(50),
            stall_max: Duration::from_millis(500),
            stall_then_cut: 0.3,
            duplicate: 0.05,
        }
    }

    pub(crate) fn draw(&self, rng: &mut StdRng) -> Faults {
        let cut_request = Spot::draw(rng, self.cut_request);
        let cut_response = Spot::draw(rng, self.cut_response);
        let stall_spot = Spot::draw(rng, self.stall);
        let stall_up = rng.random_bool(0.5);
        let stall_share: f64 = rng.random();
        let then_cut = rng.random::<f64>() < self.stall_then_cut;
        let duplicate = rng.random::<f64>() < self.duplicate;
        let when = rng.random_range(0..3u8);
        let span = self.stall_max.saturating_sub(self.stall_min);
        Faults {
            cut_request,
            cut_response,
            stall: stall_spot.map(|spot| Stall {
                direction: if stall_up {
                    Direction::Up
                } else {
                    Direction::Down
                },
                spot,
                duration: self.stall_min + span.mul_f64(stall_share),
                then_cut,
            }),
            duplicate: duplicate.then_some(match when {
                0 => Duplicate::Before,
                1 => Duplicate::Alongside,
                _ => Duplicate::After,
            }),
        }
    }
}

impl Default for FaultPlan {
    fn default() -> Self {
        Self::none()
    }
}

/// A place in a message whose length is known only later: a tenth of the time its first
/// byte, a tenth its last, otherwise anywhere.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Spot {
    edge: f64,
    position: f64,
}

impl Spot {
    fn draw(rng: &mut StdRng, chance: f64) -> Option<Self> {
        let hit = rng.random::<f64>() < chance;
        let spot = Self {
            edge: rng.random(),
            position: rng.random(),
        };
        hit.then_some(spot)
    }

    /// The byte (0-based, always inside the message) at which the fault strikes.
    pub(crate) fn offset(self, len: u64) -> u64 {
        let Some(last) = len.checked_sub(1) else {
            return 0;
        };
        if self.edge < 0.1 {
            0
        } else if self.edge < 0.2 {
            last
        } else {
            // Truncation is the point: a byte index inside the message.
            let at = (self.position * len as f64) as u64;
            at.min(last)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Stall {
    pub(crate) direction: Direction,
    pub(crate) spot: Spot,
    pub(crate) duration: Duration,
    pub(crate) then_cut: bool,
}

impl Stall {
    /// The stall in a message of `len` bytes, if it is in this direction.
    pub(crate) fn at(&self, direction: Direction, len: u64) -> Option<StallAt> {
        (self.direction == direction).then(|| StallAt {
            at: self.spot.offset(len),
            duration: self.duration,
            then_cut: self.then_cut,
        })
    }
}

/// When the second copy of a request reaches the office.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Duplicate {
    /// Answered before the real request is forwarded.
    Before,
    /// Sent at the same time as the real request.
    Alongside,
    /// Sent once the real exchange is over (answered or cut).
    After,
}

/// The faults drawn for one request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Faults {
    pub(crate) cut_request: Option<Spot>,
    pub(crate) cut_response: Option<Spot>,
    pub(crate) stall: Option<Stall>,
    pub(crate) duplicate: Option<Duplicate>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_seed_replays_the_same_faults() {
        let plan = FaultPlan::rough();
        let run = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            (0..500).map(|_| plan.draw(&mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn the_plan_sets_how_often_each_fault_strikes() {
        let mut rng = StdRng::seed_from_u64(1);
        let none: Vec<Faults> = (0..1000)
            .map(|_| FaultPlan::none().draw(&mut rng))
            .collect();
        assert!(none.iter().all(|f| f.cut_request.is_none()
            && f.cut_response.is_none()
            && f.stall.is_none()
            && f.duplicate.is_none()));
        let rough: Vec<Faults> = (0..10_000)
            .map(|_| FaultPlan::rough().draw(&mut rng))
            .collect();
        let cuts = rough.iter().filter(|f| f.cut_request.is_some()).count();
        assert!((300..700).contains(&cuts), "{cuts} cuts in 10,000 at 5%");
        let plan = FaultPlan::rough();
        for stall in rough.iter().filter_map(|f| f.stall) {
            assert!((plan.stall_min..=plan.stall_max).contains(&stall.duration));
        }
    }

    #[test]
    fn a_spot_is_always_inside_the_message() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut seen_first = false;
        let mut seen_last = false;
        for _ in 0..1000 {
            let spot = Spot::draw(&mut rng, 1.0).unwrap();
            let at = spot.offset(100);
            assert!(at < 100);
            seen_first |= at == 0;
            seen_last |= at == 99;
            assert_eq!(spot.offset(0), 0);
            assert_eq!(spot.offset(1), 0);
        }
        assert!(seen_first && seen_last, "the edges are hit too");
    }
}
