//! Staff sign-in, sessions and the sign-in rate limit over real HTTP.

mod common;

use common::{add_user, client, count, sign_in, start, TestServer, PASSWORD};
use omzien_core::account::{AccountProblem, NewAccount};
use omzien_core::staff::{Me, Role, SignInRequest, SignInResponse};
use omzien_core::wire::ApiError;
use omzien_server::accounts::{self, AccountError, Which};
use omzien_server::auth;
use reqwest::{header, StatusCode};

async fn try_sign_in(server: &TestServer, email: &str, password: &str) -> reqwest::Response {
    client()
        .post(format!("{}/api/v1/auth/sign-in", server.url))
        .json(&SignInRequest {
            email: email.to_owned(),
            password: password.to_owned(),
        })
        .send()
        .await
        .unwrap()
}

async fn me(server: &TestServer, token: &str) -> reqwest::Response {
    client()
        .get(format!("{}/api/v1/auth/me", server.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn sign_in_gives_a_token_that_says_who_i_am() {
    let server = start().await;
    let id = add_user(&server, "Anna@Hilversum.example ", Role::Coordinator).await;
    let response = try_sign_in(&server, " anna@hilversum.EXAMPLE", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let answer: SignInResponse = response.json().await.unwrap();
    assert_eq!(answer.role, Role::Coordinator);
    assert_eq!(answer.email, "anna@hilversum.example");
    assert!(auth::looks_like_token(&answer.token));

    let response = me(&server, &answer.token).await;
    assert_eq!(response.status(), StatusCode::OK);
    let me: Me = response.json().await.unwrap();
    assert_eq!(me.user_id, id);
    assert_eq!(me.role, Role::Coordinator);
    assert_eq!(me.expires_at, answer.expires_at);
    // 14 days by default: the expiry is in the future, two weeks out.
    let (expires, created): (String, String) =
        sqlx::query_as("SELECT expires_at, created_at FROM sessions")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    let seconds = omzien_server::auth::unix_seconds(&expires).unwrap()
        - omzien_server::auth::unix_seconds(&created).unwrap();
    assert_eq!(seconds, 14 * 24 * 3600);
}

#[tokio::test]
async fn only_an_argon2id_hash_and_a_token_hash_are_stored() {
    let server = start().await;
    add_user(&server, "anna@hilversum.example", Role::Admin).await;
    let token = sign_in(&server, "anna@hilversum.example").await;
    let stored: String = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert!(stored.starts_with("$argon2id$v=19$"), "{stored}");
    assert!(!stored.contains(PASSWORD));
    assert!(auth::verify_password(&stored, PASSWORD));
    let kept: String = sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_ne!(kept, token);
    assert_eq!(kept, auth::token_hash(&token));
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let server = start().await;
    add_user(&server, "anna@hilversum.example", Role::Coordinator).await;
    let wrong = try_sign_in(&server, "anna@hilversum.example", "not the password").await;
    let unknown = try_sign_in(&server, "nobody@hilversum.example", PASSWORD).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let wrong: ApiError = wrong.json().await.unwrap();
    let unknown: ApiError = unknown.json().await.unwrap();
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.message, "Dit e-mailadres of wachtwoord klopt niet.");
    assert_eq!(count(&server, "SELECT COUNT(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn five_failures_on_one_account_from_one_address_then_429_with_retry_after() {
    let server = start().await;
    add_user(&server, "anna@hilversum.example", Role::Coordinator).await;
    for _ in 0..5 {
        let r = try_sign_in(&server, "anna@hilversum.example", "wrong password!").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    // Now even the right password waits, on a device that never signed in here.
    let r = try_sign_in(&server, "anna@hilversum.example", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15 * 60).contains(&retry), "{retry}");
    let error: ApiError = r.json().await.unwrap();
    assert!(error.message.contains("minuten"), "{}", error.message);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM sessions").await, 0);

    // After the window the account can sign in again.
    sqlx::query("UPDATE sign_in_attempts SET at = '2000-01-01T00:00:00.000Z'")
        .execute(&server.pool)
        .await
        .unwrap();
    let r = try_sign_in(&server, "anna@hilversum.example", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn five_failures_from_one_address_do_not_block_other_accounts() {
    // One address may be a whole office: it is slowed down only after far more
    // failures (`OMZIEN_SIGN_IN_ADDRESS_FAILURES`; tests/sign_in.rs).
    let server = start().await;
    add_user(&server, "anna@hilversum.example", Role::Coordinator).await;
    for n in 0..5 {
        let r = try_sign_in(&server, &format!("guess{n}@hilversum.example"), "x").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = try_sign_in(&server, "anna@hilversum.example", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_right_password_forgives_earlier_typos() {
    let server = start().await;
    add_user(&server, "anna@hilversum.example", Role::Coordinator).await;
    for _ in 0..3 {
        try_sign_in(&server, "anna@hilversum.example", "typo typo typo").await;
    }
    sign_in(&server, "anna@hilversum.example").await;
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM sign_in_attempts WHERE email = 'anna@hilversum.example' AND succeeded = FALSE"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn an_expired_session_is_401() {
    let server = start().await;
    add_user(&server, "anna@hilversum.example", Role::Coordinator).await;
    let token = sign_in(&server, "anna@hilversum.example").await;
    assert_eq!(me(&server, &token).await.status(), StatusCode::OK);
    sqlx::query("UPDATE sessions SET expires_at = $1")
        .bind(common::iso_from_now(-1))
        .execute(&server.pool)
        .await
        .unwrap();
    let response = me(&server, &token).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer");
    let error: ApiError = response.json().await.unwrap();
    assert_eq!(error.error, "unauthorized");
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    let server = start().await;
    add_user(&server, "anna@hilversum.example", Role::OutreachWorker).await;
    let token = sign_in(&server, "anna@hilversum.example").await;
    let other = sign_in(&server, "anna@hilversum.example").await;
    let response = client()
        .post(format!("{}/api/v1/auth/sign-out", server.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(me(&server, &token).await.status(), StatusCode::UNAUTHORIZED);
    // Her other device stays signed in.
    assert_eq!(me(&server, &other).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_disabled_account_loses_its_sessions_and_cannot_sign_in() {
    let server = start().await;
    add_user(&server, "anna@hilversum.example", Role::OutreachWorker).await;
    let token = sign_in(&server, "anna@hilversum.example").await;
    accounts::disable(&server.pool, Which::Email("Anna@hilversum.example"), None)
        .await
        .unwrap();
    assert_eq!(me(&server, &token).await.status(), StatusCode::UNAUTHORIZED);
    let r = try_sign_in(&server, "anna@hilversum.example", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn accounts_have_unique_emails_and_real_passwords() {
    let server = start().await;
    add_user(&server, "anna@hilversum.example", Role::Coordinator).await;
    let new = |email: &str, password: &str| NewAccount {
        email: email.to_owned(),
        role: Role::Admin,
        organisations: vec![],
        password: password.to_owned(),
    };
    let again =
        accounts::create(&server.pool, &new("ANNA@hilversum.example", PASSWORD), None).await;
    assert!(matches!(again, Err(AccountError::EmailTaken(_))));
    let short = accounts::create(&server.pool, &new("bob@hilversum.example", "kort"), None).await;
    assert!(
        matches!(&short, Err(AccountError::Invalid(p)) if p == &[AccountProblem::PasswordLength]),
        "{short:?}"
    );
    let users = accounts::list(&server.pool).await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].role, Role::Coordinator);
}

#[tokio::test]
async fn a_sign_in_that_does_not_parse_or_is_too_big_gets_a_json_error() {
    let server = start().await;
    let send = |body: String| {
        client()
            .post(format!("{}/api/v1/auth/sign-in", server.url))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let bad = send(r#"{"email": "anna@example.nl"}"#.to_owned())
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let error: ApiError = bad.json().await.unwrap();
    assert_eq!(error.error, "bad_request");
    assert!(error.message.contains("Expected"), "{}", error.message);

    let huge = format!(
        r#"{{"email": "anna@example.nl", "password": "{}"}}"#,
        "x".repeat(20 * 1024)
    );
    let too_big = send(huge).await.unwrap();
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let error: ApiError = too_big.json().await.unwrap();
    assert_eq!(error.error, "too_large");
}
