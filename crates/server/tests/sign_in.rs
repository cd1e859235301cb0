//! Sign-in without lock-out (issue 16): failures slow down the pair (account, address)
//! and the address, never the account as a whole; a known device answers only for its
//! own failures; an account under attack shows in the admins' list; argon2 runs a
//! bounded number at once.

mod common;

use common::{add_user, client, count, start, TestServer, PASSWORD};
use omzien_core::account::Accounts;
use omzien_core::staff::{Role, SignInRequest};
use omzien_core::wire::ApiError;
use omzien_server::accounts::{self, Which};
use omzien_server::auth::{self, Attempt, Auth, SignInError, SignedIn};
use reqwest::{header, StatusCode};
use sqlx::AnyPool;

const ANNA: &str = "anna@hilversum.example";
const HER_ADDRESS: &str = "192.0.2.7";

/// One sign-in through the library, from `ip`, with a device token or none.
async fn attempt(
    pool: &AnyPool,
    auth: &Auth,
    email: &str,
    password: &str,
    ip: &str,
    device: Option<&str>,
) -> Result<SignedIn, SignInError> {
    let attempt = Attempt {
        email,
        password,
        ip,
        device,
    };
    auth::sign_in(pool, auth, attempt, auth::now_unix()).await
}

/// One sign-in over HTTP, with the device cookie if given.
async fn post_sign_in(
    server: &TestServer,
    password: &str,
    device: Option<&str>,
) -> reqwest::Response {
    let mut request = client()
        .post(format!("{}/api/v1/auth/sign-in", server.url))
        .json(&SignInRequest {
            email: ANNA.to_owned(),
            password: password.to_owned(),
        });
    if let Some(token) = device {
        request = request.header(header::COOKIE, format!("other=1; omzien_device={token}"));
    }
    request.send().await.unwrap()
}

/// The device token in a sign-in answer's `Set-Cookie`, checking how it is set.
fn device_token(response: &reqwest::Response) -> String {
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    for part in [
        "Path=/api/v1/auth/sign-in",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Max-Age=31536000",
    ] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    let token = cookie
        .strip_prefix("omzien_device=")
        .and_then(|rest| rest.split(';').next())
        .unwrap()
        .to_owned();
    assert!(auth::looks_like_token(&token), "{cookie}");
    token
}

#[tokio::test]
async fn a_hundred_failures_from_a_hundred_addresses_do_not_stop_the_owner() {
    let server = start().await;
    add_user(&server, ANNA, Role::Coordinator).await;
    let auth = Auth::default();
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..100 {
        let pool = server.pool.clone();
        guesses.spawn(async move {
            let ip = format!("203.0.{}.{}", n / 50, n % 50);
            let result = attempt(&pool, &Auth::default(), ANNA, "Welkom2026!!", &ip, None).await;
            assert!(
                matches!(result, Err(SignInError::Failed)),
                "{n}: {result:?}"
            );
        });
    }
    while let Some(done) = guesses.join_next().await {
        done.unwrap();
    }
    // From her own address, on a device that never signed in: her right password works.
    let signed_in = attempt(&server.pool, &auth, ANNA, PASSWORD, HER_ADDRESS, None)
        .await
        .expect("the owner signs in");
    assert_eq!(signed_in.session.email, ANNA);
    // Her sign-in does not wipe the attack from the admins' view.
    let listed = accounts::list(&server.pool).await.unwrap();
    let failed = listed[0].failed_sign_ins.as_ref().expect("failures shown");
    assert_eq!((failed.count, failed.addresses), (100, 100));
    assert!(failed.under_attack);
}

#[tokio::test]
async fn the_owner_on_her_own_device_passes_while_her_address_is_slowed_down() {
    let server = start().await;
    add_user(&server, ANNA, Role::Coordinator).await;
    // Her first sign-in on this device makes it known.
    let first = post_sign_in(&server, PASSWORD, None).await;
    assert_eq!(first.status(), StatusCode::OK);
    let device = device_token(&first);

    // Someone on the same address (an office, a proxy) guesses her password.
    for _ in 0..5 {
        let r = post_sign_in(&server, "geraden wachtwoord", None).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    // That pair is slowed down: a 429 with Retry-After and the usual JSON in Dutch …
    let slowed = post_sign_in(&server, PASSWORD, None).await;
    assert_eq!(slowed.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = slowed.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15 * 60).contains(&retry), "{retry}");
    let error: ApiError = slowed.json().await.unwrap();
    assert_eq!(error.error, "too_many_attempts");
    assert!(error.message.contains("minuten"), "{}", error.message);

    // … but not her device, which keeps its token.
    let again = post_sign_in(&server, PASSWORD, Some(&device)).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(device_token(&again), device);
}

#[tokio::test]
async fn a_busy_address_is_slowed_down_only_after_many_failures_and_not_her_device() {
    let server = start().await;
    add_user(&server, ANNA, Role::Coordinator).await;
    let office = "198.51.100.1";
    let auth = Auth {
        address_failures: 8,
        ..Auth::default()
    };
    let device = attempt(&server.pool, &auth, ANNA, PASSWORD, office, None)
        .await
        .unwrap()
        .device_token;
    // Colleagues mistype, each on their own account, at most 4 times: no pair is slowed.
    for n in 0..8 {
        let colleague = format!("collega{}@hilversum.example", n % 2);
        let result = attempt(&server.pool, &auth, &colleague, "typo", office, None).await;
        assert!(
            matches!(result, Err(SignInError::Failed)),
            "{n}: {result:?}"
        );
    }
    // The address has had its allowance: a device it does not know waits …
    let result = attempt(&server.pool, &auth, ANNA, PASSWORD, office, None).await;
    assert!(
        matches!(result, Err(SignInError::Limited { retry_after }) if (1..=900).contains(&retry_after)),
        "{result:?}"
    );
    // … and a waiting attempt is not written, so it does not prolong the wait.
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM sign_in_attempts WHERE succeeded = FALSE"
        )
        .await,
        8
    );
    // Her known device does not.
    attempt(&server.pool, &auth, ANNA, PASSWORD, office, Some(&device))
        .await
        .expect("a known device passes the address's limit");
    // Another address is not slowed by this one.
    let result = attempt(
        &server.pool,
        &auth,
        "collega0@hilversum.example",
        "typo",
        HER_ADDRESS,
        None,
    )
    .await;
    assert!(matches!(result, Err(SignInError::Failed)), "{result:?}");
}

#[tokio::test]
async fn a_known_device_is_slowed_down_by_its_own_failures_only() {
    let server = start().await;
    add_user(&server, ANNA, Role::Coordinator).await;
    let auth = Auth::default();
    let device = attempt(&server.pool, &auth, ANNA, PASSWORD, HER_ADDRESS, None)
        .await
        .unwrap()
        .device_token;
    for n in 0..auth::MAX_DEVICE_FAILURES {
        let result = attempt(
            &server.pool,
            &auth,
            ANNA,
            "typo",
            HER_ADDRESS,
            Some(&device),
        )
        .await;
        assert!(
            matches!(result, Err(SignInError::Failed)),
            "{n}: {result:?}"
        );
    }
    // A copied cookie does not make guessing free.
    let result = attempt(
        &server.pool,
        &auth,
        ANNA,
        PASSWORD,
        HER_ADDRESS,
        Some(&device),
    )
    .await;
    assert!(
        matches!(result, Err(SignInError::Limited { .. })),
        "{result:?}"
    );
    // Dropping the cookie buys no second allowance at that address: the pair counts
    // every failure from there …
    let result = attempt(&server.pool, &auth, ANNA, PASSWORD, HER_ADDRESS, None).await;
    assert!(
        matches!(result, Err(SignInError::Limited { .. })),
        "{result:?}"
    );
    // … and elsewhere her account is open.
    attempt(&server.pool, &auth, ANNA, PASSWORD, "203.0.113.50", None)
        .await
        .expect("the account itself is never locked");
    // And her own typos on her own device are no news for an admin.
    let listed = accounts::list(&server.pool).await.unwrap();
    assert_eq!(listed[0].failed_sign_ins, None);
}

#[tokio::test]
async fn a_device_is_known_only_for_accounts_that_signed_in_on_it() {
    let server = start().await;
    add_user(&server, ANNA, Role::Coordinator).await;
    add_user(&server, "bram@hilversum.example", Role::Editor).await;
    let auth = Auth::default();
    let device = attempt(&server.pool, &auth, ANNA, PASSWORD, HER_ADDRESS, None)
        .await
        .unwrap()
        .device_token;
    // Anna's device is a stranger to Bram's account: its pair is slowed down as usual.
    for _ in 0..auth::MAX_FAILURES {
        let r = attempt(
            &server.pool,
            &auth,
            "bram@hilversum.example",
            "x",
            HER_ADDRESS,
            Some(&device),
        )
        .await;
        assert!(matches!(r, Err(SignInError::Failed)));
    }
    let r = attempt(
        &server.pool,
        &auth,
        "bram@hilversum.example",
        PASSWORD,
        HER_ADDRESS,
        Some(&device),
    )
    .await;
    assert!(matches!(r, Err(SignInError::Limited { .. })), "{r:?}");

    // A shared tablet keeps one token for every account that signs in on it.
    let bram = attempt(
        &server.pool,
        &auth,
        "bram@hilversum.example",
        PASSWORD,
        "192.0.2.99",
        Some(&device),
    )
    .await
    .unwrap();
    assert_eq!(bram.device_token, device);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM known_devices").await,
        2
    );
}

#[tokio::test]
async fn a_device_token_the_server_never_gave_is_replaced_and_only_its_hash_kept() {
    let server = start().await;
    add_user(&server, ANNA, Role::Coordinator).await;
    let planted = "ab".repeat(32);
    let r = post_sign_in(&server, PASSWORD, Some(&planted)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let given = device_token(&r);
    assert_ne!(given, planted);
    let kept: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM known_devices")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert_eq!(kept, [auth::token_hash(&given)]);
    // A cookie that is not a token at all is no known device, and no error.
    let r = post_sign_in(&server, PASSWORD, Some("'; DROP TABLE users; --")).await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_right_password_forgives_her_own_typos_but_not_the_guesses_of_others() {
    let server = start().await;
    add_user(&server, ANNA, Role::Coordinator).await;
    let auth = Auth::default();
    for ip in ["203.0.113.1", "203.0.113.2", HER_ADDRESS, HER_ADDRESS] {
        let _ = attempt(&server.pool, &auth, ANNA, "nope", ip, None).await;
    }
    attempt(&server.pool, &auth, ANNA, PASSWORD, HER_ADDRESS, None)
        .await
        .unwrap();
    let left: Vec<String> =
        sqlx::query_scalar("SELECT ip FROM sign_in_attempts WHERE succeeded = FALSE ORDER BY ip")
            .fetch_all(&server.pool)
            .await
            .unwrap();
    assert_eq!(left, ["203.0.113.1", "203.0.113.2"]);
    let listed = accounts::list(&server.pool).await.unwrap();
    let failed = listed[0].failed_sign_ins.as_ref().unwrap();
    assert_eq!((failed.count, failed.addresses), (2, 2));
    assert!(!failed.under_attack, "two addresses are her own travels");
}

#[tokio::test]
async fn admins_see_an_account_under_attack_in_the_list_of_accounts() {
    let server = start().await;
    let (_, admin) = common::staff(&server, Role::Admin).await;
    add_user(&server, ANNA, Role::Coordinator).await;
    let auth = Auth::default();
    // Ten guesses from five addresses within a day: the threshold.
    for n in 0..auth::ATTACK_FAILURES {
        let ip = format!("203.0.113.{}", n % auth::ATTACK_ADDRESSES);
        let _ = attempt(&server.pool, &auth, ANNA, "gok", &ip, None).await;
    }
    let answer: Accounts = client()
        .get(format!("{}/api/v1/users", server.url))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let anna = answer.accounts.iter().find(|a| a.email == ANNA).unwrap();
    let failed = anna.failed_sign_ins.as_ref().expect("shown to admins");
    assert_eq!((failed.count, failed.addresses), (10, 5));
    assert!(failed.under_attack);
    assert!(failed.since.ends_with('Z'), "{}", failed.since);
    let admin_row = answer.accounts.iter().find(|a| a.email != ANNA).unwrap();
    assert_eq!(admin_row.failed_sign_ins, None);

    // A day later it is history.
    sqlx::query("UPDATE sign_in_attempts SET at = '2000-01-01T00:00:00.000Z'")
        .execute(&server.pool)
        .await
        .unwrap();
    let listed = accounts::list(&server.pool).await.unwrap();
    assert!(listed.iter().all(|a| a.failed_sign_ins.is_none()));
}

#[tokio::test]
async fn disabling_an_account_forgets_its_devices() {
    let server = start().await;
    add_user(&server, ANNA, Role::OutreachWorker).await;
    let auth = Auth::default();
    attempt(&server.pool, &auth, ANNA, PASSWORD, HER_ADDRESS, None)
        .await
        .unwrap();
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM known_devices").await,
        1
    );
    accounts::disable(&server.pool, Which::Email(ANNA), None)
        .await
        .unwrap();
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM known_devices").await,
        0
    );
}

#[tokio::test]
async fn a_burst_of_sign_ins_and_new_accounts_hashes_at_most_two_at_once() {
    let server = start().await;
    add_user(&server, ANNA, Role::Coordinator).await;
    let mut burst = tokio::task::JoinSet::new();
    for n in 0..30 {
        let url = server.url.clone();
        burst.spawn(async move {
            let r = client()
                .post(format!("{url}/api/v1/auth/sign-in"))
                .json(&SignInRequest {
                    email: format!("gok{n}@hilversum.example"),
                    password: "wrong wrong wrong".to_owned(),
                })
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        });
    }
    for n in 0..4 {
        let pool = server.pool.clone();
        burst.spawn(async move {
            let account = omzien_core::account::NewAccount {
                email: format!("nieuw{n}@hilversum.example"),
                role: Role::Editor,
                organisations: vec![],
                password: PASSWORD.to_owned(),
            };
            accounts::create(&pool, &account, None).await.unwrap();
        });
    }
    while let Some(done) = burst.join_next().await {
        done.unwrap();
    }
    let most = auth::hashing_most_at_once();
    assert!((1..=2).contains(&most), "{most} hashes ran at once");
}

#[tokio::test]
async fn a_device_unused_for_a_year_is_forgotten() {
    let server = start().await;
    add_user(&server, ANNA, Role::Coordinator).await;
    let auth = Auth::default();
    let device = attempt(&server.pool, &auth, ANNA, PASSWORD, HER_ADDRESS, None)
        .await
        .unwrap()
        .device_token;
    let now = auth::now_unix();
    omzien_server::retention::run(&server.pool, now + 364 * 24 * 3600, 365)
        .await
        .unwrap();
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM known_devices").await,
        1
    );
    omzien_server::retention::run(&server.pool, now + 366 * 24 * 3600, 365)
        .await
        .unwrap();
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM known_devices").await,
        0
    );
    // Her next sign-in there gets a fresh token: the old one is nobody's now.
    let again = attempt(
        &server.pool,
        &auth,
        ANNA,
        PASSWORD,
        HER_ADDRESS,
        Some(&device),
    )
    .await
    .unwrap();
    assert_ne!(again.device_token, device);
}
