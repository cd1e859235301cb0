//! `/api/v1/users`: an admin lists, adds, disables and turns on again staff accounts in
//! the app, with the command line's rules and hashing, refusals in Dutch, and a line in
//! the audit log for each change, which she reads back (`/api/v1/users/log`).

mod common;

use common::{add_user, client, count, sign_in, staff, start, TestServer, PASSWORD};
use omzien_core::account::{Account, AccountAction, AccountLog, Accounts, NewAccount};
use omzien_core::staff::{Me, Role, SignInRequest, StaffRef};
use omzien_core::wire::ApiError;
use reqwest::StatusCode;

fn new(email: &str, role: Role, organisations: &[&str], password: &str) -> NewAccount {
    NewAccount {
        email: email.to_owned(),
        role,
        organisations: organisations.iter().map(|o| (*o).to_owned()).collect(),
        password: password.to_owned(),
    }
}

async fn add(server: &TestServer, token: &str, account: &NewAccount) -> reqwest::Response {
    client()
        .post(format!("{}/api/v1/users", server.url))
        .bearer_auth(token)
        .json(account)
        .send()
        .await
        .unwrap()
}

async fn list(server: &TestServer, token: &str) -> Vec<Account> {
    let response = client()
        .get(format!("{}/api/v1/users", server.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<Accounts>().await.unwrap().accounts
}

async fn disable(server: &TestServer, token: &str, id: i64) -> reqwest::Response {
    client()
        .post(format!("{}/api/v1/users/{id}/disable", server.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn enable(server: &TestServer, token: &str, id: i64) -> reqwest::Response {
    client()
        .post(format!("{}/api/v1/users/{id}/enable", server.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn log(server: &TestServer, token: &str, query: &str) -> reqwest::Response {
    client()
        .get(format!("{}/api/v1/users/log{query}", server.url))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

/// The status of a sign-in with the tests' password (`common::sign_in` wants a 200).
async fn try_sign_in(server: &TestServer, email: &str) -> StatusCode {
    client()
        .post(format!("{}/api/v1/auth/sign-in", server.url))
        .json(&SignInRequest {
            email: email.to_owned(),
            password: PASSWORD.to_owned(),
        })
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn an_admin_adds_an_organiser_who_signs_in_and_keeps_her_organisations() {
    let server = start().await;
    let (admin_id, admin) = staff(&server, Role::Admin).await;
    let response = add(
        &server,
        &admin,
        &new(
            " Anja@Senver.example",
            Role::Organiser,
            &["versa-welzijn", "senver", "senver"],
            PASSWORD,
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let made: Account = response.json().await.unwrap();
    assert_eq!(made.email, "anja@senver.example");
    assert_eq!(made.organisations, ["senver", "versa-welzijn"]);
    assert!(!made.disabled);

    let listed = list(&server, &admin).await;
    assert_eq!(listed.len(), 2);
    assert!(listed.contains(&made), "{listed:?}");

    let token = sign_in(&server, "anja@senver.example").await;
    let me: Me = client()
        .get(format!("{}/api/v1/auth/me", server.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me.role, Role::Organiser);
    assert_eq!(me.organisations, ["senver", "versa-welzijn"]);

    let audit: (i64, i64, String, Option<String>) = sqlx::query_as(
        "SELECT by_user, account_id, action, detail FROM account_audit WHERE by_user IS NOT NULL",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        audit,
        (
            admin_id,
            made.id,
            "add".to_owned(),
            Some("organiser: senver, versa-welzijn".to_owned())
        )
    );
}

#[tokio::test]
async fn an_editor_is_added_with_the_same_argon2id_hash_as_on_the_command_line() {
    let server = start().await;
    let (_, admin) = staff(&server, Role::Admin).await;
    let response = add(
        &server,
        &admin,
        &new("redactie@hilversum.example", Role::Editor, &[], PASSWORD),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let hash: String = sqlx::query_scalar(
        "SELECT password_hash FROM users WHERE email = 'redactie@hilversum.example'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(omzien_server::auth::verify_password(&hash, PASSWORD));
    sign_in(&server, "redactie@hilversum.example").await;
}

#[tokio::test]
async fn the_list_never_shows_a_password_or_its_hash() {
    let server = start().await;
    let (_, admin) = staff(&server, Role::Admin).await;
    add_user(&server, "anna@hilversum.example", Role::Coordinator).await;
    let text = client()
        .get(format!("{}/api/v1/users", server.url))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("anna@hilversum.example"), "{text}");
    assert!(
        !text.contains("argon2") && !text.contains("password"),
        "{text}"
    );
}

/// Refused with `status` and Dutch words containing `words`.
async fn refused(response: reqwest::Response, status: StatusCode, words: &str) {
    assert_eq!(response.status(), status);
    let error: ApiError = response.json().await.unwrap();
    assert!(error.message.contains(words), "{}", error.message);
}

#[tokio::test]
async fn a_refused_account_says_why_in_dutch_and_leaves_nothing_behind() {
    let server = start().await;
    let (_, admin) = staff(&server, Role::Admin).await;
    add_user(&server, "anna@hilversum.example", Role::Coordinator).await;
    let before = count(&server, "SELECT COUNT(*) FROM users").await;

    let unknown = new(
        "a@atlantis.example",
        Role::Organiser,
        &["atlantis"],
        PASSWORD,
    );
    refused(
        add(&server, &admin, &unknown).await,
        StatusCode::BAD_REQUEST,
        "'atlantis' staat niet in de catalogus",
    )
    .await;
    let without = new("a@senver.example", Role::Organiser, &[], PASSWORD);
    refused(
        add(&server, &admin, &without).await,
        StatusCode::BAD_REQUEST,
        "Kies de organisatie",
    )
    .await;
    let editor_with = new("r@hilversum.example", Role::Editor, &["senver"], PASSWORD);
    refused(
        add(&server, &admin, &editor_with).await,
        StatusCode::BAD_REQUEST,
        "Alleen een organisator",
    )
    .await;
    let short = new("b@hilversum.example", Role::Admin, &[], "kort");
    refused(
        add(&server, &admin, &short).await,
        StatusCode::BAD_REQUEST,
        "12 tot 1024 tekens",
    )
    .await;
    let everything = new("geen adres", Role::Organiser, &[], "kort");
    let response = add(&server, &admin, &everything).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: ApiError = response.json().await.unwrap();
    for words in [
        "e-mailadres klopt niet",
        "Kies de organisatie",
        "wachtwoord",
    ] {
        assert!(error.message.contains(words), "{}", error.message);
    }
    let taken = new("ANNA@hilversum.example", Role::Admin, &[], PASSWORD);
    refused(
        add(&server, &admin, &taken).await,
        StatusCode::CONFLICT,
        "al een account",
    )
    .await;

    let no_role = client()
        .post(format!("{}/api/v1/users", server.url))
        .bearer_auth(&admin)
        .json(&serde_json::json!({"email": "c@hilversum.example", "role": "boss", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(no_role.status(), StatusCode::BAD_REQUEST);

    assert_eq!(count(&server, "SELECT COUNT(*) FROM users").await, before);
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM user_organisations").await,
        0
    );
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM account_audit WHERE by_user IS NOT NULL"
        )
        .await,
        0,
        "only the accounts made for the test are logged"
    );
}

#[tokio::test]
async fn an_admin_disables_an_account_at_once_but_never_her_own() {
    let server = start().await;
    let (admin_id, admin) = staff(&server, Role::Admin).await;
    let (worker_id, worker) = staff(&server, Role::OutreachWorker).await;

    assert_eq!(
        disable(&server, &admin, worker_id).await.status(),
        StatusCode::NO_CONTENT
    );
    let me = client()
        .get(format!("{}/api/v1/auth/me", server.url))
        .bearer_auth(&worker)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED, "her session ended");
    let listed = list(&server, &admin).await;
    assert!(listed.iter().any(|a| a.id == worker_id && a.disabled));
    // Again: nothing changes, and the log says it once.
    assert_eq!(
        disable(&server, &admin, worker_id).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM account_audit WHERE action = 'disable'"
        )
        .await,
        1
    );
    let by: i64 = sqlx::query_scalar("SELECT by_user FROM account_audit WHERE action = 'disable'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(by, admin_id);

    refused(
        disable(&server, &admin, admin_id).await,
        StatusCode::CONFLICT,
        "eigen account",
    )
    .await;
    assert_eq!(
        list(&server, &admin)
            .await
            .iter()
            .filter(|a| a.disabled)
            .count(),
        1
    );
    assert_eq!(
        disable(&server, &admin, 9999).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn accounts_made_on_the_command_line_are_logged_without_an_admin() {
    let server = start().await;
    add_user(&server, "anna@hilversum.example", Role::Coordinator).await;
    let line: (Option<i64>, String, Option<String>) =
        sqlx::query_as("SELECT by_user, action, detail FROM account_audit")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(
        line,
        (None, "add".to_owned(), Some("coordinator".to_owned()))
    );
}

#[tokio::test]
async fn an_admin_turns_an_account_on_again_and_she_signs_in_with_her_password() {
    let server = start().await;
    let (admin_id, admin) = staff(&server, Role::Admin).await;
    let email = "bo@hilversum.example";
    let bo = add_user(&server, email, Role::OutreachWorker).await;
    assert_eq!(
        disable(&server, &admin, bo).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(try_sign_in(&server, email).await, StatusCode::UNAUTHORIZED);

    assert_eq!(
        enable(&server, &admin, bo).await.status(),
        StatusCode::NO_CONTENT
    );
    assert!(list(&server, &admin)
        .await
        .iter()
        .any(|a| a.id == bo && !a.disabled));
    sign_in(&server, email).await;
    // Again, and on an account that was never off: nothing changes, nothing is logged.
    assert_eq!(
        enable(&server, &admin, bo).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        enable(&server, &admin, admin_id).await.status(),
        StatusCode::NO_CONTENT
    );
    let lines: Vec<(i64, i64)> =
        sqlx::query_as("SELECT by_user, account_id FROM account_audit WHERE action = 'enable'")
            .fetch_all(&server.pool)
            .await
            .unwrap();
    assert_eq!(lines, [(admin_id, bo)]);
    assert_eq!(
        enable(&server, &admin, 9999).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_an_admin_turns_accounts_on_or_reads_their_log() {
    let server = start().await;
    let bo = add_user(&server, "bo@hilversum.example", Role::OutreachWorker).await;
    sqlx::query("UPDATE users SET disabled = TRUE WHERE id = $1")
        .bind(bo)
        .execute(&server.pool)
        .await
        .unwrap();
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Admin) {
        let (_, token) = staff(&server, role).await;
        assert_eq!(
            enable(&server, &token, bo).await.status(),
            StatusCode::FORBIDDEN,
            "{role:?}"
        );
        assert_eq!(
            log(&server, &token, "").await.status(),
            StatusCode::FORBIDDEN,
            "{role:?}"
        );
    }
    assert_eq!(
        enable(&server, "no-such-token", bo).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        count(
            &server,
            "SELECT CASE WHEN disabled THEN 1 ELSE 0 END FROM users WHERE email = 'bo@hilversum.example'"
        )
        .await,
        1,
        "still off"
    );
    assert_eq!(
        count(
            &server,
            "SELECT COUNT(*) FROM account_audit WHERE action = 'enable'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn the_log_says_who_did_what_to_whom_newest_first() {
    let server = start().await;
    let (admin_id, admin) = staff(&server, Role::Admin).await;
    let admin_email = list(&server, &admin).await[0].email.clone();
    let made: Account = add(
        &server,
        &admin,
        &new("redactie@hilversum.example", Role::Editor, &[], PASSWORD),
    )
    .await
    .json()
    .await
    .unwrap();
    disable(&server, &admin, made.id).await;
    enable(&server, &admin, made.id).await;

    let response = log(&server, &admin, "").await;
    assert_eq!(response.status(), StatusCode::OK);
    let entries = response.json::<AccountLog>().await.unwrap().entries;
    let by_admin = Some(StaffRef {
        id: admin_id,
        email: admin_email.clone(),
    });
    let whom = StaffRef {
        id: made.id,
        email: made.email.clone(),
    };
    let seen: Vec<_> = entries
        .iter()
        .map(|e| (e.by.clone(), e.account.clone(), e.action, e.detail.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (by_admin.clone(), whom.clone(), AccountAction::Enable, None),
            (by_admin.clone(), whom.clone(), AccountAction::Disable, None),
            (
                by_admin,
                whom,
                AccountAction::Add,
                Some("editor".to_owned())
            ),
            // The admin herself, made on the command line: by nobody signed in.
            (
                None,
                StaffRef {
                    id: admin_id,
                    email: admin_email
                },
                AccountAction::Add,
                Some("admin".to_owned())
            ),
        ]
    );
    assert!(entries.iter().all(|e| e.at.ends_with('Z')), "{entries:?}");
    assert!(
        entries.windows(2).all(|w| w[0].at >= w[1].at),
        "{entries:?}"
    );

    let newest: AccountLog = log(&server, &admin, "?limit=1").await.json().await.unwrap();
    assert_eq!(newest.entries, entries[..1]);
    assert_eq!(
        log(&server, &admin, "?page=2").await.status(),
        StatusCode::BAD_REQUEST
    );
}
