//! Event ingest over loopback HTTP, ours against the bare yardstick, with two kinds of traffic:
//! what phones send (each its own chain, in order, fixes inside the KTP's desa) and the worst
//! an office can be sent (one device's events out of order with no chain links, every fix
//! elsewhere), which takes the checks' dearest paths.

use std::path::Path;
use std::time::{Duration, Instant};

use antar_domain::attempt::{Attempt, FailureReason, FixProvider, GpsFix, Outcome};
use antar_domain::custody::SinceContact;
use antar_domain::ids::{EventId, Sha256Hash};
use antar_domain::manifest::{Manifest, ManifestItem};
use antar_domain::place::{PlaceIndex, PlacePolicy};
use antar_domain::region::Registry;
use antar_domain::wire::{
    self, BatchRequest, EnrollRequest, EnrollResponse, Event, EventBody, ManifestList,
};
use antar_office::Database;
use antar_office::temp_postgres::TempPostgres;
use chrono::{DateTime, Utc};

use crate::{RUNS, baseline, issued_office, median};

const CLIENTS: usize = 4;
const SINGLE_PER_CLIENT: usize = 2_500;
const BATCHES_PER_CLIENT: usize = 100;
const BATCH: usize = 100;

/// What the clients send.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Traffic {
    /// Each client is a phone of the courier with its own enrollment: its events continue its
    /// chain in order, carry the time since the office's clock and the phone's own place
    /// verdict, and their fixes lie inside the KTP's desa.
    Phones,
    /// Every client sends for one device, so its events arrive out of order with no chain
    /// links and no time anchor, each at one point outside every KTP's desa.
    Worst,
}

impl Traffic {
    fn label(self) -> &'static str {
        match self {
            Traffic::Phones => "phones' traffic",
            Traffic::Worst => "worst-case traffic",
        }
    }
}

/// A running office with one BA and `CLIENTS` enrolled phones of its courier.
pub(crate) struct Setup {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) running: antar_office::RunningOffice,
    phones: Vec<EnrollResponse>,
    manifest: Manifest,
    manifest_sha256: Sha256Hash,
}

impl Setup {
    pub(crate) fn start(runtime: &tokio::runtime::Runtime, list: &Path) -> Setup {
        Self::start_on(runtime, list, &Database::Sqlite)
    }

    pub(crate) fn start_on(
        runtime: &tokio::runtime::Runtime,
        list: &Path,
        database: &Database,
    ) -> Setup {
        let (dir, codes, _) = issued_office(list, CLIENTS, database);
        let running = runtime
            .block_on(antar_office::spawn_on(
                dir.path(),
                database,
                "127.0.0.1:0",
                antar_office::WebConfig::default(),
            ))
            .expect("office server");
        let base = format!("http://{}{}", running.addr, wire::API_PREFIX);
        let agent = ureq::Agent::new_with_defaults();
        let phones: Vec<EnrollResponse> = codes
            .iter()
            .map(|code| {
                agent
                    .post(format!("{base}/enroll"))
                    .header(wire::PROTOCOL_HEADER, wire::PROTOCOL_VERSION.to_string())
                    .send_json(EnrollRequest {
                        code: code.to_string(),
                        device_label: "bench".into(),
                        previous_token: None,
                    })
                    .expect("enroll")
                    .body_mut()
                    .read_json()
                    .expect("enroll body")
            })
            .collect();
        let token = &phones[0].token;
        let list: ManifestList = get_json(&agent, &format!("{base}/manifests"), token);
        let manifest: Manifest = get_json(
            &agent,
            &format!("{base}/manifests/{}", list.manifests[0].id),
            token,
        );
        Setup {
            dir,
            running,
            phones,
            manifest_sha256: manifest.content_hash(),
            manifest,
        }
    }

    pub(crate) fn base(&self) -> String {
        format!("http://{}{}", self.running.addr, wire::API_PREFIX)
    }

    /// Each client's events, `singles` then `batches` batches of [`BATCH`].
    fn traffic(&self, traffic: Traffic, load: Load) -> Vec<ClientWork> {
        let per_client = load.single_per_client + load.batches_per_client * BATCH;
        let items = match traffic {
            Traffic::Phones => items_with_a_point_inside(&self.manifest),
            Traffic::Worst => self
                .manifest
                .items
                .iter()
                .map(|item| (item, (-5.32, 104.59)))
                .collect(),
        };
        (0..load.clients)
            .map(|client| {
                let phone = match traffic {
                    Traffic::Phones => &self.phones[client],
                    Traffic::Worst => &self.phones[0],
                };
                let mut prev = None;
                let mut events: Vec<Event> = (0..per_client)
                    .map(|n| {
                        let (item, point) = items[(client * 7 + n) % items.len()];
                        let event = match traffic {
                            Traffic::Phones => {
                                let seq = n as u64 + 1;
                                self.attempt(phone, seq, prev, item, point, true)
                            }
                            Traffic::Worst => {
                                let seq = (client * per_client + n) as u64 + 1;
                                self.attempt(phone, seq, None, item, point, false)
                            }
                        };
                        prev = Some(event.content_hash());
                        event
                    })
                    .collect();
                let batched = events.split_off(load.single_per_client);
                ClientWork {
                    base: self.base(),
                    auth: format!("Bearer {}", phone.token),
                    single: events,
                    batches: batched.chunks(BATCH).map(batch_body).collect(),
                }
            })
            .collect()
    }

    /// A failed attempt (they may follow each other on one item, so every event is legal).
    fn attempt(
        &self,
        phone: &EnrollResponse,
        device_seq: u64,
        prev_sha256: Option<Sha256Hash>,
        item: &ManifestItem,
        (lat, lon): (f64, f64),
        as_a_phone: bool,
    ) -> Event {
        let now = Utc::now();
        let fix = GpsFix::new(lat, lon, 9.0, now, FixProvider::Gps).expect("fix");
        let place = as_a_phone.then(|| {
            PlaceIndex::tanggamus().verdict(Some(&fix), &item.address.desa, &PlacePolicy::default())
        });
        let since_contact = as_a_phone.then(|| since(phone.office_time, now));
        Event {
            id: EventId::new_v7(),
            device_id: phone.device_id,
            device_seq,
            recorded_at: now,
            since_contact,
            prev_sha256,
            body: EventBody::Attempt(Attempt {
                manifest_id: self.manifest.id,
                manifest_sha256: self.manifest_sha256,
                item_id: item.id,
                outcome: Outcome::Failed {
                    reason: FailureReason::NotAtHome,
                },
                fix: Some(fix),
                place,
                photo: None,
                note: None,
            }),
        }
    }
}

fn since(office_time: DateTime<Utc>, now: DateTime<Utc>) -> SinceContact {
    SinceContact {
        office_time,
        elapsed_ms: u64::try_from((now - office_time).num_milliseconds()).unwrap_or(0),
    }
}

/// The BA's items whose desa's centroid lies inside the desa, with that point.
fn items_with_a_point_inside(manifest: &Manifest) -> Vec<(&ManifestItem, (f64, f64))> {
    let items: Vec<_> = manifest
        .items
        .iter()
        .filter_map(|item| {
            let desa = &item.address.desa;
            let (lat, lon) = Registry::tanggamus().get(desa)?.centroid?;
            let inside = PlaceIndex::tanggamus().contains(desa, lat, lon)?;
            inside.then_some((item, (lat, lon)))
        })
        .collect();
    assert!(
        items.len() > manifest.items.len() / 2,
        "too few desa centroids inside"
    );
    items
}

fn get_json<T: serde::de::DeserializeOwned>(agent: &ureq::Agent, url: &str, token: &str) -> T {
    agent
        .get(url)
        .header(wire::PROTOCOL_HEADER, wire::PROTOCOL_VERSION.to_string())
        .header("authorization", format!("Bearer {token}"))
        .call()
        .expect("GET")
        .body_mut()
        .read_json()
        .expect("json")
}

/// One client's share: its device's token and events.
struct ClientWork {
    /// The API it sends to.
    base: String,
    auth: String,
    single: Vec<Event>,
    /// Batch bodies as a device writes them: each event in its canonical bytes.
    batches: Vec<Vec<u8>>,
}

/// A [`BatchRequest`] body written around each event's canonical bytes, as a device sends it
/// (ureq's `send_json` would pretty-print them).
fn batch_body(events: &[Event]) -> Vec<u8> {
    let mut body = b"{\"events\":[".to_vec();
    for (n, event) in events.iter().enumerate() {
        if n > 0 {
            body.push(b',');
        }
        body.extend_from_slice(&event.canonical_bytes());
    }
    body.extend_from_slice(b"]}");
    debug_assert!(serde_json::from_slice::<BatchRequest>(&body).is_ok());
    body
}

/// How many clients send how much; the bench's constants, or smaller ones for profiling.
#[derive(Clone, Copy)]
pub(crate) struct Load {
    pub(crate) clients: usize,
    pub(crate) single_per_client: usize,
    pub(crate) batches_per_client: usize,
}

const FULL_LOAD: Load = Load {
    clients: CLIENTS,
    single_per_client: SINGLE_PER_CLIENT,
    batches_per_client: BATCHES_PER_CLIENT,
};

/// Events/s for single PUTs and for batches against the API at `base`; `authed` is false for
/// the yardstick, which takes no token.
pub(crate) fn measure(
    setup: &Setup,
    base: &str,
    authed: bool,
    traffic: Traffic,
    load: Load,
) -> (f64, f64) {
    measure_across(setup, &[base.to_owned()], authed, traffic, load)
}

/// [`measure`] with the clients spread over several servers of one office (client `n` sends
/// to `bases[n % len]`), as a load balancer spreads phones.
fn measure_across(
    setup: &Setup,
    bases: &[String],
    authed: bool,
    traffic: Traffic,
    load: Load,
) -> (f64, f64) {
    let mut work = setup.traffic(traffic, load);
    for (n, client) in work.iter_mut().enumerate() {
        client.base = bases[n % bases.len()].clone();
    }
    let elapsed = run_clients(&work, |agent, client| {
        let base = &client.base;
        for event in &client.single {
            let mut request = agent
                .put(format!("{base}/events/{}", event.id))
                .header(wire::PROTOCOL_HEADER, "1")
                .header("content-type", "application/json");
            if authed {
                request = request.header("authorization", &client.auth);
            }
            let mut response = request.send(&event.canonical_bytes()[..]).expect("PUT");
            assert_eq!(response.status(), 201);
            // Read the answer (the receipt; the yardstick's is empty) as a device does: ureq
            // reuses a keep-alive connection only once its body was read, and left unread it
            // opened a new TCP connection per request against the office but not the yardstick.
            response.body_mut().read_to_vec().expect("receipt");
        }
    });
    let single = (load.clients * load.single_per_client) as f64 / elapsed.as_secs_f64();

    let elapsed = run_clients(&work, |agent, client| {
        let base = &client.base;
        for batch in &client.batches {
            let mut request = agent
                .post(format!("{base}/events/batch"))
                .header(wire::PROTOCOL_HEADER, "1")
                .header("content-type", "application/json");
            if authed {
                request = request.header("authorization", &client.auth);
            }
            let mut response = request.send(&batch[..]).expect("POST batch");
            assert_eq!(response.status(), 200);
            response.body_mut().read_to_vec().expect("receipts");
        }
    });
    let batched = (load.clients * load.batches_per_client * BATCH) as f64 / elapsed.as_secs_f64();
    (single, batched)
}

pub(crate) fn bench(runtime: &tokio::runtime::Runtime, list: &Path, traffic: Traffic) {
    let (mut ours_single, mut ours_batched) = (Vec::new(), Vec::new());
    let (mut bare_single, mut bare_batched) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let setup = Setup::start(runtime, list);
        let (single, batched) = measure(&setup, &setup.base(), true, traffic, FULL_LOAD);
        ours_single.push(single);
        ours_batched.push(batched);
        eprintln!("  run: ours single {single:.0}/s, batch {batched:.0}/s");

        let bare_dir = tempfile::tempdir().expect("temp dir");
        let bare = baseline::start(runtime, bare_dir.path());
        let (single, batched) = measure(&setup, &bare, false, traffic, FULL_LOAD);
        bare_single.push(single);
        bare_batched.push(batched);
        eprintln!("  run: bare single {single:.0}/s, batch {batched:.0}/s");
        runtime.block_on(setup.running.stop());
    }
    let report = |what: &str, ours: Vec<f64>, bare: Vec<f64>| {
        let (ours, bare) = (median(ours), median(bare));
        println!(
            "ingest, {what}, {} ({CLIENTS} keep-alive clients): median {ours:.0} events/s; bare axum+rusqlite {bare:.0} events/s; ratio {:.2}",
            traffic.label(),
            bare / ours
        );
    };
    report("single PUT /events/{id}", ours_single, bare_single);
    report(
        &format!("POST /events/batch of {BATCH}"),
        ours_batched,
        bare_batched,
    );
}

/// Runs each client's work on its own thread with its own keep-alive connection.
fn run_clients(work: &[ClientWork], send: impl Fn(&ureq::Agent, &ClientWork) + Sync) -> Duration {
    let started = Instant::now();
    std::thread::scope(|scope| {
        for client in work {
            let send = &send;
            scope.spawn(move || send(&ureq::Agent::new_with_defaults(), client));
        }
    });
    started.elapsed()
}

/// Ingest with the office on PostgreSQL: one server, and two servers (two stores, as two
/// `antar-office serve` processes) on one database with the phones spread over both; against
/// bare axum + the same PostgreSQL client. Phones' traffic only: the checks are the same code
/// on either engine, what differs is the store.
pub(crate) fn bench_postgres(runtime: &tokio::runtime::Runtime, list: &Path) {
    let traffic = Traffic::Phones;
    let (mut one_single, mut one_batched) = (Vec::new(), Vec::new());
    let (mut two_single, mut two_batched) = (Vec::new(), Vec::new());
    let (mut bare_single, mut bare_batched) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let database = TempPostgres::new();
        let setup = Setup::start_on(runtime, list, &Database::Postgres(database.url()));
        let (single, batched) = measure(&setup, &setup.base(), true, traffic, FULL_LOAD);
        one_single.push(single);
        one_batched.push(batched);
        eprintln!("  run: one server single {single:.0}/s, batch {batched:.0}/s");

        let bare_database = TempPostgres::new();
        let bare = baseline::start_postgres(runtime, &bare_database.url());
        let (single, batched) = measure(&setup, &bare, false, traffic, FULL_LOAD);
        bare_single.push(single);
        bare_batched.push(batched);
        eprintln!("  run: bare single {single:.0}/s, batch {batched:.0}/s");
        runtime.block_on(setup.running.stop());

        // A fresh office: the phones' chains start again from their first event.
        let database = TempPostgres::new();
        let on = Database::Postgres(database.url());
        let setup = Setup::start_on(runtime, list, &on);
        let second_dir = tempfile::tempdir().expect("temp dir");
        let second = runtime
            .block_on(antar_office::spawn_on(
                second_dir.path(),
                &on,
                "127.0.0.1:0",
                antar_office::WebConfig::default(),
            ))
            .expect("second office server");
        let bases = [
            setup.base(),
            format!("http://{}{}", second.addr, wire::API_PREFIX),
        ];
        let (single, batched) = measure_across(&setup, &bases, true, traffic, FULL_LOAD);
        two_single.push(single);
        two_batched.push(batched);
        eprintln!("  run: two servers single {single:.0}/s, batch {batched:.0}/s");
        runtime.block_on(second.stop());
        runtime.block_on(setup.running.stop());
    }
    let (one_single, one_batched) = (median(one_single), median(one_batched));
    let (bare_single, bare_batched) = (median(bare_single), median(bare_batched));
    let (two_single, two_batched) = (median(two_single), median(two_batched));
    for (what, one, two, bare) in [
        (
            "single PUT /events/{id}",
            one_single,
            two_single,
            bare_single,
        ),
        (
            "POST /events/batch of 100",
            one_batched,
            two_batched,
            bare_batched,
        ),
    ] {
        println!(
            "ingest on PostgreSQL, {what}, {} ({CLIENTS} keep-alive clients): median {one:.0} \
             events/s on one server, {two:.0} on two; bare axum+postgres {bare:.0} events/s; \
             ratio {:.2}",
            traffic.label(),
            bare / one
        );
    }
}
