//! Clients that stall, on purpose or on a dead mobile link, over raw TCP: each must
//! lose its connection on time (`serve.rs`), and the server must go on answering
//! everyone else. The time limits here are short so the tests are quick; one test
//! sends a full push at slow-3G speed against the real defaults.

mod common;

use std::time::{Duration, Instant};

use common::{start_timed, uuid, TestServer};
use omzien_core::signup::{Channel, SignUpRequest};
use omzien_core::wire::{Change, Mutation, PushRequest, PushResponse, MAX_BATCH};
use omzien_server::serve::Timeouts;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SHORT: Timeouts = Timeouts {
    header: Duration::from_secs(1),
    body: Duration::from_secs(1),
    request: Duration::from_secs(3),
};

/// Longer than any of `SHORT` takes to act, with room for a busy machine.
const GRACE: Duration = Duration::from_secs(3);

async fn connect(server: &TestServer) -> TcpStream {
    let addr = server.url.trim_start_matches("http://");
    TcpStream::connect(addr).await.expect("connects")
}

/// Reads until the server closes the connection (or resets it); everything it sent.
/// Panics when it is still open after `within`.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> Vec<u8> {
    let mut seen = Vec::new();
    let read_all = async {
        let mut buffer = [0u8; 4096];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buffer[..n]),
            }
        }
    };
    tokio::time::timeout(within, read_all)
        .await
        .expect("the server closes the connection in time");
    seen
}

/// One answer off the connection: status line and headers, then `Content-Length` bytes.
async fn read_answer(stream: &mut TcpStream) -> (u16, String, Vec<u8>) {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let n = stream.read(&mut buffer).await.expect("reads");
        assert!(
            n > 0,
            "closed before an answer: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buffer[..n]);
    };
    let head = String::from_utf8_lossy(&seen[..head_end]).into_owned();
    let status = head[9..12].parse().expect("a status code");
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = seen[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut buffer).await.expect("reads");
        assert!(n > 0, "closed in the middle of an answer");
        body.extend_from_slice(&buffer[..n]);
    }
    (status, head, body)
}

fn assert_timed_out_json(status: u16, head: &str, body: &[u8]) {
    assert_eq!(status, 408, "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    let error: serde_json::Value = serde_json::from_slice(body).expect("a JSON body");
    assert_eq!(error["error"], "timed_out", "{error}");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
}

async fn health_answers(server: &TestServer) {
    let response = common::client()
        .get(format!("{}/api/v1/health", server.url))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .expect("health answers");
    assert_eq!(response.status(), reqwest::StatusCode::OK);
}

#[tokio::test]
async fn headers_that_never_end_are_cut_off() {
    let server = start_timed(SHORT).await;
    let mut stream = connect(&server).await;
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: omzien\r\nX-Slow: ")
        .await
        .unwrap();
    let started = Instant::now();
    read_until_closed(&mut stream, SHORT.header + GRACE).await;
    assert!(started.elapsed() >= SHORT.header - Duration::from_millis(100));
}

#[tokio::test]
async fn a_connection_that_never_sends_a_byte_is_cut_off() {
    let server = start_timed(SHORT).await;
    let mut stream = connect(&server).await;
    read_until_closed(&mut stream, SHORT.header + GRACE).await;
}

#[tokio::test]
async fn headers_sent_a_byte_at_a_time_are_cut_off_at_the_header_limit() {
    let server = start_timed(SHORT).await;
    let mut stream = connect(&server).await;
    let started = Instant::now();
    // Each byte well within any per-read wait; the whole never arrives in time.
    for byte in b"GET /api/v1/health HTTP/1.1\r\nHost: omzien\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa" {
        if stream.write_all(&[*byte]).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    read_until_closed(&mut stream, GRACE).await;
    assert!(started.elapsed() < SHORT.header + GRACE + Duration::from_secs(1));
}

#[tokio::test]
async fn a_body_that_never_comes_gets_a_json_408_and_the_connection_closes() {
    let server = start_timed(SHORT).await;
    let mut stream = connect(&server).await;
    stream
        .write_all(
            b"POST /api/v1/sync/push HTTP/1.1\r\nHost: omzien\r\n\
              Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"mutations\": [",
        )
        .await
        .unwrap();
    let started = Instant::now();
    let (status, head, body) = tokio::time::timeout(SHORT.body + GRACE, read_answer(&mut stream))
        .await
        .expect("an answer in time");
    assert!(started.elapsed() >= SHORT.body - Duration::from_millis(100));
    assert_timed_out_json(status, &head, &body);
    read_until_closed(&mut stream, GRACE).await;
}

#[tokio::test]
async fn a_body_that_trickles_in_is_cut_off_at_the_request_limit() {
    let server = start_timed(SHORT).await;
    let mut stream = connect(&server).await;
    stream
        .write_all(
            b"POST /api/v1/sync/push HTTP/1.1\r\nHost: omzien\r\n\
              Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
        )
        .await
        .unwrap();
    let started = Instant::now();
    // A byte every half second: never silent for the body limit, never done.
    let (mut reader, mut writer) = stream.into_split();
    let trickle = tokio::spawn(async move {
        while writer.write_all(b" ").await.is_ok() {
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    });
    let mut seen = Vec::new();
    let answer = async {
        let mut buffer = [0u8; 4096];
        while !seen.windows(4).any(|w| w == b"\r\n\r\n") || !seen.ends_with(b"}") {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buffer[..n]),
            }
        }
    };
    tokio::time::timeout(SHORT.request + GRACE, answer)
        .await
        .expect("an answer in time");
    trickle.abort();
    let elapsed = started.elapsed();
    assert!(
        elapsed >= SHORT.request - Duration::from_millis(100),
        "{elapsed:?}"
    );
    let text = String::from_utf8_lossy(&seen);
    let (head, body) = text.split_once("\r\n\r\n").expect("a whole answer");
    assert_timed_out_json(head[9..12].parse().unwrap(), head, body.as_bytes());
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let server = start_timed(SHORT).await;
    let mut stream = connect(&server).await;
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: omzien\r\n\r\n")
        .await
        .unwrap();
    let (status, _, _) = read_answer(&mut stream).await;
    assert_eq!(status, 200);
    // Kept alive for a next request that does not come; then closed.
    let started = Instant::now();
    let rest = read_until_closed(&mut stream, SHORT.header + GRACE).await;
    assert!(rest.is_empty(), "{}", String::from_utf8_lossy(&rest));
    assert!(started.elapsed() >= SHORT.header - Duration::from_millis(100));
}

#[tokio::test]
async fn a_busy_keep_alive_connection_stays_open() {
    let server = start_timed(SHORT).await;
    let mut stream = connect(&server).await;
    // Requests closer together than the idle limit, for longer than it.
    for _ in 0..5 {
        stream
            .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: omzien\r\n\r\n")
            .await
            .unwrap();
        let (status, _, _) = read_answer(&mut stream).await;
        assert_eq!(status, 200);
        tokio::time::sleep(SHORT.header / 2).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_half_open_connections_are_all_closed_and_others_are_served() {
    let server = start_timed(SHORT).await;
    let mut stalled = Vec::new();
    for n in 0..2000 {
        let mut stream = connect(&server).await;
        let partial = if n % 2 == 0 {
            "GET / HTTP/1.1\r\nHost: omzien\r\n".to_owned()
        } else {
            // Headers done, the body never comes.
            "POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: omzien\r\nContent-Type: \
             application/json\r\nContent-Length: 50\r\n\r\n{"
                .to_owned()
        };
        stream.write_all(partial.as_bytes()).await.unwrap();
        stalled.push(stream);
    }
    // Everyone else is still served while they hang.
    health_answers(&server).await;
    let started = Instant::now();
    let closing = stalled.into_iter().map(|mut stream| {
        tokio::spawn(async move {
            read_until_closed(&mut stream, SHORT.request + GRACE * 2).await;
        })
    });
    for closed in closing.collect::<Vec<_>>() {
        closed
            .await
            .expect("every stalled connection is closed in time");
    }
    assert!(started.elapsed() < SHORT.request + GRACE * 2);
    health_answers(&server).await;
}

/// The real default limits let a batch of 100 sign-ups through a slow mobile link:
/// "Slow 3G" in browsers' network tools is about 50 KB/s up with 400 ms round trips.
#[tokio::test]
async fn a_full_push_at_slow_3g_speed_gets_through_with_the_defaults() {
    let server = start_timed(Timeouts::default()).await;
    let mutations = (0..MAX_BATCH as u32)
        .map(|n| Mutation {
            id: uuid(50_000 + n),
            change: Change::SignUp(SignUpRequest {
                activity_id: "senver-wandelen".into(),
                first_name: "Joke".into(),
                phone: Some("06 12345678".into()),
                email: None,
                party_size: 1,
                note: Some("Ik kom graag, en mijn buurvrouw misschien ook. ".repeat(8)),
                channel: Channel::Kiosk,
                consent: true,
                share_with_organiser: false,
                cancel_secret: None,
            }),
        })
        .collect();
    let body = serde_json::to_vec(&PushRequest { mutations }).unwrap();
    let mut stream = connect(&server).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let head = format!(
        "POST /api/v1/sync/push HTTP/1.1\r\nHost: omzien\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    // 5 KB every 100 ms: 50 KB/s.
    for chunk in body.chunks(5 * 1024) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        stream.write_all(chunk).await.unwrap();
    }
    let sending = started.elapsed();
    let (status, head, answer) = read_answer(&mut stream).await;
    assert_eq!(status, 200, "{head}");
    let answer: PushResponse = serde_json::from_slice(&answer).unwrap();
    assert_eq!(answer.results.len(), MAX_BATCH);
    assert!(
        sending > Duration::from_secs(1),
        "{} bytes took {sending:?}",
        body.len()
    );
}
