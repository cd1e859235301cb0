//! A hostile client: seeded, generated requests to every endpoint in `ENDPOINTS` (and
//! to paths that are none), malformed, oversized, deeply nested, wrongly typed and
//! odd in their unicode, with and without a live admin session. Whatever comes in, the
//! server answers without a 5xx, every answer under `/api/` is our JSON, and
//! `/api/v1/health` keeps answering throughout.
//!
//! The seed is fixed, so a run is repeatable; set `OMZIEN_HOSTILE_SEED` (a number) to
//! walk other requests, and `OMZIEN_HOSTILE_CASES` for more or fewer of them.

mod common;

use std::time::Duration;

use common::endpoints::{method_and_path, url_path, Call, ENDPOINTS};
use common::{add_user, client, note, sign_in, start, uuid, TestServer};
use omzien_core::signup::Channel;
use omzien_core::staff::Role;
use omzien_core::wire::PushRequest;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use reqwest::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// One request as the hostile client makes it.
#[derive(Clone, Debug)]
struct Attack {
    target: Target,
    /// Another method than the endpoint's own, sometimes.
    method: Option<&'static str>,
    query: Option<String>,
    token: Token,
    content_type: Option<&'static str>,
    /// The app's device header, with whatever in it.
    device: Option<String>,
    body: Payload,
}

#[derive(Clone, Debug)]
enum Target {
    /// An endpoint of `ENDPOINTS` (by index), `{id}` filled with this.
    Endpoint(usize, String),
    /// A path of our own making, under `/api/` or not.
    Path(String),
}

#[derive(Clone, Debug)]
enum Token {
    None,
    /// A live admin session: the requests reach the handlers' own checks.
    Admin,
    /// `Authorization` with whatever in it.
    Raw(String),
}

#[derive(Clone, Debug)]
enum Payload {
    None,
    /// A JSON value of any shape.
    Json(Value),
    /// The endpoint's own body with one part of it replaced.
    Mutated(Vec<usize>, Value),
    /// Its own body, cut off after this many bytes.
    Truncated(usize),
    /// `depth` nested arrays or objects.
    Nested {
        depth: usize,
        objects: bool,
    },
    /// A JSON string of this many bytes.
    Huge(usize),
    Bytes(Vec<u8>),
}

/// Field names of our bodies, so generated objects often hit a real field with the
/// wrong type.
const FIELDS: &[&str] = &[
    "mutations",
    "id",
    "change",
    "sign_up",
    "cancel_sign_up",
    "sign_up_id",
    "secret",
    "cancel_secret",
    "concern_note",
    "edit_activity",
    "activity_id",
    "first_name",
    "phone",
    "email",
    "password",
    "party_size",
    "channel",
    "consent",
    "status",
    "assignee_id",
    "to",
    "note",
    "name",
    "description",
    "contact",
    "role",
    "organisations",
    "routing",
    "body",
    "wijk",
    "base_revision",
    "activity",
];

/// Strings that trip parsers, databases, logs and terminals.
fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        2 => "[a-z0-9 -]{0,20}",
        1 => Just(String::new()),
        1 => Just("\u{0}".to_owned()),
        1 => Just("\u{202e}gnirts\u{202c} \u{200b}\u{feff}".to_owned()),
        1 => Just("e\u{301}\u{301}\u{301}\u{301}\u{301}".to_owned()),
        1 => Just("🧑\u{200d}🤝\u{200d}🧑 İı ß ﬃ".to_owned()),
        1 => Just("\u{fffd}\u{10ffff}\u{e000}".to_owned()),
        1 => Just("' OR 1=1 --; DROP TABLE sign_ups;".to_owned()),
        1 => Just("../../../../etc/passwd".to_owned()),
        1 => Just("%00%ff%2e%2e%2f".to_owned()),
        1 => Just("\r\nX-Injected: 1\r\n".to_owned()),
        1 => (1usize..20_000).prop_map(|n| "x".repeat(n)),
        1 => Just("00000000-0000-4000-8000-000000000001".to_owned()),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        odd_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop_oneof![
            3 => proptest::sample::select(FIELDS).prop_map(str::to_owned),
            1 => odd_string(),
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(key, inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// What goes where an `{id}` is.
fn id_segment() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(uuid(1)),
        1 => Just("senver-wandelen".to_owned()),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => Just("99999999999999999999999999".to_owned()),
        1 => Just("%ff%fe".to_owned()),
        1 => Just("%00".to_owned()),
        1 => Just("%2e%2e".to_owned()),
        1 => Just("%2F".to_owned()),
        1 => Just(String::new()),
        1 => (256usize..5000).prop_map(|n| "a".repeat(n)),
        2 => "[\\PC]{1,30}",
    ]
}

/// Paths that are no endpoint: unknown API paths, odd file names, over-long ones.
fn odd_path() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        "[a-z]{1,12}",
        "[\\PC]{1,12}",
        Just("%00".to_owned()),
        Just("%ff".to_owned()),
        Just("..".to_owned()),
        Just("%2e%2e%5c".to_owned()),
        Just("index.html%00.js".to_owned()),
        (200usize..400).prop_map(|n| "a".repeat(n)),
    ];
    let prefix = prop_oneof![
        Just("/api/"),
        Just("/api/v1/"),
        Just("/api/v2/"),
        Just("/api/v1/notes/"),
        Just("/"),
        Just("/icons/"),
    ];
    (prefix, proptest::collection::vec(segment, 0..4))
        .prop_map(|(prefix, segments)| format!("{prefix}{}", segments.join("/")))
}

fn attack() -> impl Strategy<Value = Attack> {
    let target = prop_oneof![
        5 => (0..ENDPOINTS.len(), id_segment()).prop_map(|(i, id)| Target::Endpoint(i, id)),
        1 => odd_path().prop_map(Target::Path),
    ];
    let method = prop_oneof![
        6 => Just(None),
        1 => proptest::sample::select(&["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"][..])
            .prop_map(Some),
    ];
    let query = prop_oneof![
        4 => Just(None),
        1 => Just(Some("cursor=-1".to_owned())),
        1 => Just(Some("cursor=184467440737095516160".to_owned())),
        1 => Just(Some("status=nieuw&limit=99999999999&after=~~~".to_owned())),
        1 => Just(Some("status=new&limit=0&after=2~x~y".to_owned())),
        1 => Just(Some("cursor=1&cursor=2&%ff=%fe".to_owned())),
        1 => odd_string().prop_map(|s| Some(format!("q={s}"))),
    ];
    let token = prop_oneof![
        2 => Just(Token::None),
        3 => Just(Token::Admin),
        1 => odd_string().prop_map(|s| Token::Raw(format!("Bearer {s}"))),
        1 => odd_string().prop_map(Token::Raw),
    ];
    let content_type = prop_oneof![
        6 => Just(Some("application/json")),
        1 => Just(None),
        1 => Just(Some("text/plain")),
        1 => Just(Some("application/json; charset=latin1")),
        1 => Just(Some("multipart/form-data; boundary=x")),
    ];
    let device = prop_oneof![
        3 => Just(None),
        1 => Just(Some(uuid(7))),
        1 => odd_string().prop_map(Some),
    ];
    let body = prop_oneof![
        2 => Just(Payload::None),
        3 => json_value().prop_map(Payload::Json),
        4 => (proptest::collection::vec(any::<usize>(), 1..6), json_value())
            .prop_map(|(path, value)| Payload::Mutated(path, value)),
        1 => any::<usize>().prop_map(Payload::Truncated),
        1 => (1usize..100_000, any::<bool>())
            .prop_map(|(depth, objects)| Payload::Nested { depth, objects }),
        1 => prop_oneof![Just(17 * 1024), Just(1024 * 1024 + 1), Just(3 * 1024 * 1024)]
            .prop_map(Payload::Huge),
        1 => proptest::collection::vec(any::<u8>(), 0..300).prop_map(Payload::Bytes),
    ];
    (target, method, query, token, content_type, device, body).prop_map(
        |(target, method, query, token, content_type, device, body)| Attack {
            target,
            method,
            query,
            token,
            content_type,
            device,
            body,
        },
    )
}

/// A body each endpoint takes, to mutate or cut off.
fn own_body(call: Call) -> Value {
    let push = |mutations| serde_json::to_value(PushRequest { mutations }).unwrap();
    match call {
        Call::PushKiosk | Call::PushEdit => push(vec![note(900_000, Channel::Kiosk)]),
        Call::PushOnBehalf => push(vec![note(900_001, Channel::OnBehalf)]),
        Call::SignIn => json!({"email": "admin@hilversum.example", "password": "fout wachtwoord"}),
        Call::ChangeStatus => json!({"status": "in_progress"}),
        Call::Assign => json!({"assignee_id": 1}),
        Call::Refer => json!({"to": "buurtteam", "activity_id": null, "note": "Belt haar."}),
        Call::Revert => json!({"to": 1}),
        Call::AddUser => json!({
            "email": "nieuw@hilversum.example", "role": "editor",
            "organisations": [], "password": "correct horse battery staple"
        }),
        Call::EditAction => json!({
            "planning": "Start in 2024", "expectations": [{"half": "2026-H2", "measure": "sign_ups", "count": 40}],
            "milestones": [{"name": "Plan klaar", "due": "2026-10-01", "done": null}]
        }),
        Call::LinkActivity => json!({"action_id": "meldpunt"}),
        Call::AddStory => json!({
            "text": "Ze gaat nu mee wandelen.", "action_id": "meldpunt", "wijk": null, "consent": true
        }),
        Call::NewSurvey => json!({"partner": "Versa Welzijn", "half": "2026-H2"}),
        Call::ProposeOrganisation => json!({
            "name": "Buurthuis", "description": "Een buurthuis.",
            "contact": {"phone": "035 123 45 67"}
        }),
        _ => json!({}),
    }
}

/// `value` with the part that `path` picks (each number chooses among what is there,
/// modulo its length) replaced by `with`.
fn mutate(value: &mut Value, path: &[usize], with: Value) {
    let Some((&first, rest)) = path.split_first() else {
        *value = with;
        return;
    };
    let next = match value {
        Value::Array(items) if !items.is_empty() => {
            let n = first % items.len();
            &mut items[n]
        }
        Value::Object(fields) if !fields.is_empty() => {
            let n = first % fields.len();
            fields.values_mut().nth(n).expect("in range")
        }
        _ => {
            *value = with;
            return;
        }
    };
    mutate(next, rest, with);
}

fn body_bytes(attack: &Attack) -> Option<Vec<u8>> {
    let own = || match attack.target {
        Target::Endpoint(i, _) => own_body(ENDPOINTS[i].0),
        Target::Path(_) => json!({"mutations": []}),
    };
    Some(match &attack.body {
        Payload::None => return None,
        Payload::Json(value) => serde_json::to_vec(value).unwrap(),
        Payload::Mutated(path, with) => {
            let mut body = own();
            mutate(&mut body, path, with.clone());
            serde_json::to_vec(&body).unwrap()
        }
        Payload::Truncated(at) => {
            let body = serde_json::to_vec(&own()).unwrap();
            body[..at % body.len().max(1)].to_vec()
        }
        Payload::Nested { depth, objects } => {
            let (open, close) = if *objects {
                (r#"{"a":"#, "}")
            } else {
                ("[", "]")
            };
            format!("{}1{}", open.repeat(*depth), close.repeat(*depth)).into_bytes()
        }
        Payload::Huge(bytes) => {
            format!(r#"{{"mutations": "{}"}}"#, "a".repeat(*bytes)).into_bytes()
        }
        Payload::Bytes(bytes) => bytes.clone(),
    })
}

struct Aim {
    method: Method,
    path: String,
}

fn where_to(attack: &Attack) -> Aim {
    let (method, path) = match &attack.target {
        Target::Endpoint(i, id) => {
            let (method, path) = method_and_path(ENDPOINTS[*i].1);
            (method, url_path(&path.replace("{id}", id)))
        }
        Target::Path(path) => ("GET", path.clone()),
    };
    let method = attack.method.unwrap_or(method);
    Aim {
        method: Method::from_bytes(method.as_bytes()).unwrap(),
        path,
    }
}

struct Hostile {
    server: TestServer,
    http: reqwest::Client,
    admin: String,
    /// How often each status came back, printed at the end: a suite whose requests
    /// all stop at the first check would show it here.
    seen: std::sync::Mutex<std::collections::BTreeMap<u16, u32>>,
}

impl Hostile {
    async fn new() -> Self {
        let server = start().await;
        add_user(&server, "admin@hilversum.example", Role::Admin).await;
        let admin = sign_in(&server, "admin@hilversum.example").await;
        // A note for the note endpoints to find.
        let response = common::push_as(&server, None, vec![note(1, Channel::Kiosk)]).await;
        assert_eq!(response.status(), StatusCode::OK);
        // A new connection for each request. The server closes a connection whose
        // request body it did not read (a refusal before the body), and a client that
        // reuses it in that moment gets no answer: real, but not what this suite is
        // about (browsers send again on such a connection).
        let http = reqwest::Client::builder()
            .no_brotli()
            .no_gzip()
            .pool_max_idle_per_host(0)
            .build()
            .unwrap();
        Hostile {
            server,
            http,
            admin,
            seen: Default::default(),
        }
    }

    /// Sends `attack`; what is wrong with the answer, if anything.
    async fn send(&self, attack: &Attack) -> Result<(), String> {
        let Aim { method, path } = where_to(attack);
        let mut url = format!("{}{path}", self.server.url);
        if let Some(query) = &attack.query {
            url = format!("{url}?{query}");
        }
        // What is sent, after the URL's own normalising (`/api/..` is `/`).
        let Ok(url) = reqwest::Url::parse(&url) else {
            return Ok(());
        };
        let path = url.path().to_owned();
        let mut request = self
            .http
            .request(method.clone(), url)
            .timeout(Duration::from_secs(20));
        // Signing out would end the session the other requests use.
        let signs_out = matches!(attack.target, Target::Endpoint(i, _) if matches!(ENDPOINTS[i].0, Call::SignOut));
        match &attack.token {
            Token::None => {}
            Token::Admin if signs_out => {}
            Token::Admin => request = request.bearer_auth(&self.admin),
            Token::Raw(value) => {
                if let Ok(value) = HeaderValue::from_str(value) {
                    request = request.header(reqwest::header::AUTHORIZATION, value);
                }
            }
        }
        if let Some(device) = &attack.device {
            if let Ok(value) = HeaderValue::from_str(device) {
                request = request.header(HeaderName::from_static("x-omzien-device"), value);
            }
        }
        if let Some(body) = body_bytes(attack) {
            if let Some(content_type) = attack.content_type {
                request = request.header(CONTENT_TYPE, content_type);
            }
            request = request.body(body);
        }
        let response = match request.send().await {
            Ok(response) => response,
            // The server may close on a request it will not read (a huge body to an
            // endpoint that refuses it early): no answer is no 5xx, but only then.
            Err(error) if attack_is_large(attack) && !error.is_timeout() => return Ok(()),
            Err(error) => return Err(format!("{method} {path}: no answer: {error:?}")),
        };
        let status = response.status();
        *self
            .seen
            .lock()
            .unwrap()
            .entry(status.as_u16())
            .or_default() += 1;
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let text = response.bytes().await.map_err(|e| format!("{e}"))?;
        let said = || {
            format!(
                "{method} {} → {status} {content_type}: {}",
                shortened(&path),
                shortened(&String::from_utf8_lossy(&text))
            )
        };
        if status.is_server_error() {
            return Err(said());
        }
        let api = path.starts_with("/api/") || path == "/api";
        if api && method != Method::HEAD && status != StatusCode::NO_CONTENT {
            if !content_type.starts_with("application/json") {
                return Err(format!("not JSON: {}", said()));
            }
            let body: Value = serde_json::from_slice(&text)
                .map_err(|e| format!("JSON that does not parse ({e}): {}", said()))?;
            if !status.is_success() {
                let shaped = body["error"].as_str().is_some_and(|c| !c.is_empty())
                    && body["message"].as_str().is_some_and(|m| !m.is_empty());
                if !shaped {
                    return Err(format!("not our error shape: {}", said()));
                }
            }
        }
        Ok(())
    }

    async fn health(&self) -> Result<(), String> {
        let response = self
            .http
            .get(format!("{}/api/v1/health", self.server.url))
            .timeout(Duration::from_secs(5))
            .send()
            .await
            .map_err(|e| format!("health: {e}"))?;
        if response.status() != StatusCode::OK {
            return Err(format!("health: {}", response.status()));
        }
        Ok(())
    }
}

fn attack_is_large(attack: &Attack) -> bool {
    matches!(attack.body, Payload::Huge(_) | Payload::Nested { .. })
}

fn shortened(text: &str) -> String {
    let mut short: String = text.chars().take(200).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

#[test]
fn hostile_requests_never_get_a_5xx_and_api_answers_are_json() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let hostile = runtime.block_on(Hostile::new());
    let seed = setting("OMZIEN_HOSTILE_SEED", 16);
    let cases = setting("OMZIEN_HOSTILE_CASES", 10_000) as u32;
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 200,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let sent = std::sync::atomic::AtomicU32::new(0);
    let result = runner.run(&attack(), |attack| {
        let n = sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        runtime.block_on(async {
            hostile.send(&attack).await.map_err(TestCaseError::fail)?;
            if n % 50 == 0 {
                hostile.health().await.map_err(TestCaseError::fail)?;
            }
            Ok(())
        })
    });
    if let Err(failure) = result {
        panic!("seed {seed}: {failure}");
    }
    runtime
        .block_on(hostile.health())
        .expect("health after all");
    eprintln!(
        "seed {seed}, {cases} requests; answers by status: {:?}",
        hostile.seen.lock().unwrap()
    );
}

/// What the attacker's run of issue 16 found, each answered as it should be now.
#[tokio::test]
async fn the_findings_of_issue_16_are_answered_properly() {
    let server = start().await;
    let http = client();
    let url = |path: &str| format!("{}{path}", server.url);

    for path in [
        format!("/{}", "a".repeat(256)),
        format!("/{}.js", "a".repeat(300)),
        "/index.html%00.js".to_owned(),
        "/%ff.js".to_owned(),
    ] {
        for method in [Method::GET, Method::HEAD] {
            let response = http
                .request(method.clone(), url(&path))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
        }
    }

    let json_error = |response: reqwest::Response, status: StatusCode, code: &'static str| async move {
        assert_eq!(response.status(), status, "{}", response.url());
        let content_type = response.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            content_type.starts_with("application/json"),
            "{content_type}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], code, "{body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    };
    let response = http.get(url("/api/v1/sync/push")).send().await.unwrap();
    assert_eq!(response.headers()["allow"], "POST");
    json_error(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
    let response = http.post(url("/api/v1/notes/x")).send().await.unwrap();
    json_error(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
    let response = http.delete(url("/api/v1/health")).send().await.unwrap();
    json_error(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;

    let response = http.get(url("/api/v1/notes/%ff")).send().await.unwrap();
    let status = response.status();
    assert!(status == StatusCode::BAD_REQUEST || status == StatusCode::UNAUTHORIZED);
    json_error(
        response,
        status,
        if status == StatusCode::BAD_REQUEST {
            "bad_request"
        } else {
            "unauthorized"
        },
    )
    .await;
    let response = http.get(url("/api/v1/users/%ff/x")).send().await.unwrap();
    json_error(response, StatusCode::NOT_FOUND, "not_found").await;

    for path in [
        "/api",
        "/api/",
        "/api/v2/health",
        "/api/nothing/here",
        "/api/v1/nothing",
    ] {
        let response = http.get(url(path)).send().await.unwrap();
        json_error(response, StatusCode::NOT_FOUND, "not_found").await;
    }

    // Over the sign-in's 16 KiB, as JSON or as what `curl -d` sends.
    let big = json!({"email": "a@b.nl", "password": "x".repeat(17 * 1024)}).to_string();
    for content_type in [
        Some("application/json"),
        Some("application/x-www-form-urlencoded"),
        Some("text/plain"),
        None,
    ] {
        let mut request = http.post(url("/api/v1/auth/sign-in")).body(big.clone());
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        let response = request.send().await.unwrap();
        json_error(response, StatusCode::PAYLOAD_TOO_LARGE, "too_large").await;
    }
    // Within the limit but not said to be JSON: a 400 that tells what to send.
    let response = http
        .post(url("/api/v1/auth/sign-in"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(r#"{"email": "a@b.nl", "password": "x"}"#)
        .send()
        .await
        .unwrap();
    json_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
}
