//! The proxy between a tiny keep-alive HTTP client and server on 127.0.0.1.

use std::io::{BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::*;
use crate::http::{parse_request, parse_response, read_body, read_head};

/// An upstream that answers every request with `answer_bytes` bytes of `x`, keep-alive, and
/// counts the requests it received whole.
struct Upstream {
    addr: SocketAddr,
    requests: Arc<AtomicUsize>,
}

fn upstream(answer_bytes: usize) -> Upstream {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let counted = Arc::clone(&counted);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                while let Ok(Some(head)) = read_head(&mut reader) {
                    let request = parse_request(&head).unwrap();
                    if read_body(&mut reader, request.framing).is_err() {
                        return;
                    }
                    counted.fetch_add(1, Ordering::SeqCst);
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {answer_bytes}\r\n\r\n{}",
                        "x".repeat(answer_bytes)
                    );
                    if (&stream).write_all(answer.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    Upstream { addr, requests }
}

/// Sends `n` PUTs with `body_bytes` each on one keep-alive connection; returns the answers'
/// body lengths, or the error that ended the connection.
fn put_many(addr: SocketAddr, n: usize, body_bytes: usize) -> std::io::Result<Vec<usize>> {
    let stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut reader = BufReader::new(&stream);
    let mut answers = Vec::new();
    for _ in 0..n {
        let request = format!(
            "PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: {body_bytes}\r\n\r\n{}",
            "b".repeat(body_bytes)
        );
        (&stream).write_all(request.as_bytes())?;
        let head = read_head(&mut reader)?
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::UnexpectedEof))?;
        let answer = parse_response(&head, "PUT")?;
        answers.push(read_body(&mut reader, answer.framing)?.len());
    }
    Ok(answers)
}

/// The proxy's counters once `done` holds for them: the phone may read an answer's last
/// byte a moment before the proxy counts it.
fn settled(proxy: &FaultProxy, done: impl Fn(&FaultStats) -> bool) -> FaultStats {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let stats = proxy.stats();
        if done(&stats) || Instant::now() > deadline {
            return stats;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn only(plan: impl FnOnce(&mut FaultPlan)) -> FaultPlan {
    let mut p = FaultPlan::none();
    plan(&mut p);
    p
}

#[test]
fn a_clean_proxy_relays_keep_alive_exchanges() {
    let office = upstream(100);
    let proxy = FaultProxy::start(office.addr, FaultPlan::none(), 1).unwrap();
    assert_eq!(put_many(proxy.addr(), 5, 1000).unwrap(), vec![100; 5]);
    let stats = settled(&proxy, |s| s.responses == 5);
    assert_eq!(
        (stats.connections, stats.requests, stats.responses),
        (1, 5, 5)
    );
    assert_eq!(office.requests.load(Ordering::SeqCst), 5);
    assert!(stats.bytes_up > 5000 && stats.bytes_down > 500, "{stats}");
}

#[test]
fn a_cut_request_never_reaches_the_office_whole() {
    let office = upstream(10);
    let proxy = FaultProxy::start(office.addr, only(|p| p.cut_request = 1.0), 2).unwrap();
    assert!(put_many(proxy.addr(), 1, 5000).is_err());
    drop(proxy);
    assert_eq!(office.requests.load(Ordering::SeqCst), 0);
}

#[test]
fn a_cut_answer_leaves_the_work_done_and_the_phone_in_the_dark() {
    let office = upstream(5000);
    let proxy = FaultProxy::start(office.addr, only(|p| p.cut_response = 1.0), 3).unwrap();
    assert!(put_many(proxy.addr(), 1, 10).is_err());
    let stats = proxy.stats();
    drop(proxy);
    assert_eq!(office.requests.load(Ordering::SeqCst), 1);
    assert_eq!((stats.response_cuts, stats.responses), (1, 0));
}

#[test]
fn a_duplicated_request_reaches_the_office_twice_and_the_phone_once() {
    let office = upstream(10);
    let proxy = FaultProxy::start(office.addr, only(|p| p.duplicate = 1.0), 4).unwrap();
    // Enough requests that all three timings are drawn.
    assert_eq!(put_many(proxy.addr(), 12, 300).unwrap(), vec![10; 12]);
    let stats = settled(&proxy, |s| s.duplicates == 12 && s.responses == 12);
    drop(proxy);
    assert_eq!(stats.duplicates, 12);
    assert_eq!(stats.responses, 12);
    assert_eq!(office.requests.load(Ordering::SeqCst), 24);
}

#[test]
fn a_stall_delays_and_then_goes_on() {
    let office = upstream(10);
    let plan = only(|p| {
        p.stall = 1.0;
        p.stall_min = Duration::from_millis(200);
        p.stall_max = Duration::from_millis(200);
    });
    let proxy = FaultProxy::start(office.addr, plan, 5).unwrap();
    let start = Instant::now();
    assert_eq!(put_many(proxy.addr(), 3, 100).unwrap(), vec![10; 3]);
    assert!(
        start.elapsed() >= Duration::from_millis(500),
        "{:?}",
        start.elapsed()
    );
    let stats = proxy.stats();
    assert_eq!((stats.stalls, stats.stall_cuts), (3, 0));
    assert!(stats.stalled >= Duration::from_millis(600));
}

#[test]
fn the_throttle_holds_the_nominal_rate() {
    // 20 KB down at 200 kbit/s: 0.8 s of link.
    let office = upstream(20_000);
    let proxy = FaultProxy::throttled(office.addr, 200_000).unwrap();
    let start = Instant::now();
    assert_eq!(put_many(proxy.addr(), 1, 10).unwrap(), vec![20_000]);
    let took = start.elapsed();
    let nominal = link::Pacer::airtime(20_000, 200_000);
    assert!(
        took >= nominal.mul_f64(0.8),
        "{took:?} for {nominal:?} of link"
    );
    assert!(took < nominal * 10, "{took:?} for {nominal:?} of link");

    // Unthrottled, the same is quick.
    proxy.set_rate(None);
    let start = Instant::now();
    put_many(proxy.addr(), 1, 10).unwrap();
    assert!(start.elapsed() < nominal, "{:?}", start.elapsed());
}

#[test]
fn a_paused_link_carries_nothing_until_resumed() {
    let office = upstream(10);
    let proxy = FaultProxy::throttled(office.addr, 64_000).unwrap();
    proxy.pause();
    assert!(proxy.is_paused());
    let addr = proxy.addr();
    let phone = std::thread::spawn(move || put_many(addr, 1, 100));
    std::thread::sleep(Duration::from_millis(400));
    assert!(!phone.is_finished(), "a byte got through a stopped link");
    assert_eq!(office.requests.load(Ordering::SeqCst), 0);
    proxy.resume();
    assert_eq!(phone.join().unwrap().unwrap(), vec![10]);
}

#[test]
fn dropping_the_proxy_ends_its_connections() {
    let office = upstream(10);
    let proxy = FaultProxy::start(office.addr, FaultPlan::none(), 6).unwrap();
    proxy.pause();
    let stream = TcpStream::connect(proxy.addr()).unwrap();
    (&stream).write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(100));
    drop(proxy);
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut rest = Vec::new();
    let read = (&stream).read_to_end(&mut rest);
    assert!(read.is_err() || rest.is_empty(), "closed, no answer");
}

#[test]
fn the_seed_comes_from_the_environment_or_from_chance() {
    // A variable nobody sets: two fresh seeds.
    let name = "ANTAR_FAULT_PROXY_UNIT_TEST_SEED_UNSET";
    let a = seed_from_env(name);
    let b = seed_from_env(name);
    assert_ne!(a, b);
}
