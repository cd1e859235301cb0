//! Migration 0009 rebuilds `users` (for the editor role) while eight tables refer to
//! it. A database with every kind of reference is made with the migrations before
//! 0009, then opened as the server opens it: every row and reference must survive,
//! the foreign keys must still act, and no pooled connection may be left without them.
//! Migration 0010 rebuilds `account_audit` (for turning an account on again): every
//! line of the log must survive it.

use std::path::Path;

use omzien_core::account::NewAccount;
use omzien_core::staff::Role;
use omzien_server::{accounts, db};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::SqlitePool;

const PASSWORD: &str = "correct horse battery staple";

/// A database at the schema just before migration `next`, as a server of that time
/// left it.
async fn before(next: u32, dir: &Path, url: &str) -> SqlitePool {
    let old = dir.join("old-migrations");
    std::fs::create_dir_all(&old).unwrap();
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for entry in std::fs::read_dir(ours).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let version: u32 = name[..4].parse().unwrap();
        if version < next {
            std::fs::copy(&path, old.join(&name)).unwrap();
        }
    }
    let options = url
        .parse::<SqliteConnectOptions>()
        .unwrap()
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .connect_with(options)
        .await
        .unwrap();
    sqlx::migrate::Migrator::new(old.as_path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    pool
}

/// Migrates with the server's own `db::connect`, then opens the result with SQLite's
/// own driver for the checks, as `before` does.
async fn migrated(url: &str, what: &str) -> SqlitePool {
    db::connect(url).await.expect(what).close().await;
    SqlitePoolOptions::new().connect(url).await.unwrap()
}

async fn run(pool: &SqlitePool, sql: &str) {
    sqlx::raw_sql(sql).execute(pool).await.unwrap();
}

/// Every index by name, those SQLite makes for UNIQUE and PRIMARY KEY too.
async fn indexes(pool: &SqlitePool) -> Vec<String> {
    sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
        .fetch_all(pool)
        .await
        .unwrap()
}

async fn one(pool: &SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// Rows in every table that refers to `users`, for users 1 (an organiser), 2 (a
/// coordinator) and 3 (an admin).
const REFERENCES: &str = "
INSERT INTO users (id, email, role, password_hash) VALUES
    (1, 'anja@senver.example', 'organiser', 'x'),
    (2, 'anna@hilversum.example', 'coordinator', 'x'),
    (3, 'ada@hilversum.example', 'admin', 'x');
INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES
    ('a', 1, '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z'),
    ('b', 2, '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z');
INSERT INTO user_organisations (user_id, organisation_id) VALUES (1, 'senver');
INSERT INTO sign_ups (id, activity_id, first_name, party_size, channel, place, pushed_by)
    VALUES ('s1', 'senver-wandelen', 'Piet', 1, 'on_behalf', 'confirmed', 2);
INSERT INTO concern_notes (id, kind, about, wijk, urgency, reporter_role, channel,
                           assignee_id, pushed_by)
    VALUES ('n1', 'worried', 'someone_else', 'oost', 'normal', 'neighbour', 'on_behalf', 2, 2);
INSERT INTO note_referrals (note_id, target, by_user) VALUES ('n1', 'buurtteam', 2);
INSERT INTO note_audit (user_id, note_id, action) VALUES (2, 'n1', 'read');
INSERT INTO catalogue_history (kind, record_id, revision, action, body, user_id)
    VALUES ('activity', 'senver-wandelen', 1, 'edit', '{}', 1);
";

const COUNTS: [(&str, i64); 8] = [
    ("users", 3),
    ("sessions", 2),
    ("user_organisations", 1),
    ("sign_ups WHERE pushed_by = 2", 1),
    ("concern_notes WHERE assignee_id = 2 AND pushed_by = 2", 1),
    ("note_referrals WHERE by_user = 2", 1),
    ("note_audit WHERE user_id = 2", 1),
    ("catalogue_history WHERE user_id = 1", 1),
];

/// 0019 rebuilds users again, for the programme lead: every account and reference
/// stays, and the CHECK takes every role there is (also 0016's 'place_manager') and
/// nothing else.
#[tokio::test]
async fn the_kartrekker_rebuild_keeps_every_account_and_every_reference() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let old = before(19, dir.path(), &url).await;
    run(&old, REFERENCES).await;
    old.close().await;
    let pool = migrated(&url, "0019 runs on a filled database").await;
    for (table, expected) in COUNTS {
        assert_eq!(
            one(&pool, &format!("SELECT COUNT(*) FROM {table}")).await,
            expected,
            "{table}"
        );
    }
    for role in ["kartrekker", "place_manager"] {
        sqlx::query("INSERT INTO users (email, role, password_hash) VALUES (?, ?, 'x')")
            .bind(format!("{role}@hilversum.example"))
            .bind(role)
            .execute(&pool)
            .await
            .unwrap();
    }
    let refused = sqlx::query(
        "INSERT INTO users (email, role, password_hash) VALUES ('x@x.nl', 'baas', 'x')",
    )
    .execute(&pool)
    .await;
    assert!(refused.is_err(), "no role outside the list");
}

#[tokio::test]
async fn rebuilding_users_keeps_every_account_and_every_reference() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let old = before(9, dir.path(), &url).await;
    run(&old, REFERENCES).await;
    let indexes_before = indexes(&old).await;
    let refused = sqlx::query(
        "INSERT INTO users (email, role, password_hash) VALUES ('r@x.nl', 'editor', 'x')",
    )
    .execute(&old)
    .await;
    assert!(refused.is_err(), "before 0009 there is no editor role");
    old.close().await;

    let pool = migrated(&url, "0009 runs on a filled database").await;
    let mut indexes_after = indexes(&pool).await;
    // Made by later migrations: 0010 (account_audit), 0013 (known devices), 0015, 0019,
    // 0021, 0022 and 0024.
    let later = [
        "account_audit_by_account",
        "known_devices_by_user",
        "known_devices_by_last_use",
        "sqlite_autoindex_known_devices_1",
        "sign_in_attempts_by_device",
        // 0015 (the meldpunt's keys).
        "sqlite_autoindex_meldpunt_key_grants_1",
        "sqlite_autoindex_meldpunt_keys_1",
        "sqlite_autoindex_meldpunt_keys_2",
        // 0019 (the programme).
        "action_milestones_by_action",
        "activity_actions_by_action",
        "sqlite_autoindex_activity_actions_1",
        "sqlite_autoindex_programme_actions_1",
        "sqlite_autoindex_programme_documents_1",
        // 0021 (stories and the partners' survey).
        "stories_by_day",
        "sqlite_autoindex_partner_surveys_1",
        "sqlite_autoindex_partner_surveys_2",
        // 0022 (retention for monitoring).
        "sign_ups_personal_kept",
        "sqlite_autoindex_audit_counts_1",
        "sqlite_autoindex_note_response_counts_1",
        // 0024 (the push limits' buckets, used on PostgreSQL).
        "push_buckets_due",
        "sqlite_autoindex_push_buckets_1",
    ];
    indexes_after.retain(|name| !later.contains(&name.as_str()));
    assert_eq!(indexes_after, indexes_before, "every index kept");
    for (table, expected) in COUNTS {
        assert_eq!(
            one(&pool, &format!("SELECT COUNT(*) FROM {table}")).await,
            expected,
            "{table}"
        );
    }
    assert_eq!(
        one(&pool, "SELECT COUNT(*) FROM pragma_foreign_key_check").await,
        0
    );
    assert_eq!(
        one(&pool, "SELECT COUNT(*) FROM users WHERE email = 'anja@senver.example' AND role = 'organiser' AND created_at <> ''").await,
        1
    );

    // The foreign keys still act: deleting the organiser takes her session and her
    // organisations with her, as before…
    sqlx::query("DELETE FROM catalogue_history WHERE user_id = 1")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM users WHERE id = 1")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(one(&pool, "SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(
        one(&pool, "SELECT COUNT(*) FROM user_organisations").await,
        0
    );
    // …and a user that notes still name cannot be deleted.
    let named = sqlx::query("DELETE FROM users WHERE id = 2")
        .execute(&pool)
        .await;
    assert!(named.is_err(), "a referenced account must stay");
    let dangling = sqlx::query("INSERT INTO sessions VALUES ('c', 99, 'x', 'y')")
        .execute(&pool)
        .await;
    assert!(dangling.is_err(), "a session of nobody is refused");
}

#[tokio::test]
async fn after_the_migrations_an_editor_can_be_added_and_unknown_roles_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("new.db").display());
    let pool = db::connect(&url).await.unwrap();
    let editor = accounts::create(
        &pool,
        &NewAccount {
            email: "redactie@hilversum.example".into(),
            role: Role::Editor,
            organisations: vec![],
            password: PASSWORD.into(),
        },
        None,
    )
    .await
    .unwrap();
    assert_eq!(editor.role, Role::Editor);
    let stored: String = sqlx::query_scalar("SELECT role FROM users WHERE id = ?")
        .bind(editor.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, "editor");
    let boss = sqlx::query(
        "INSERT INTO users (email, role, password_hash) VALUES ('b@x.nl', 'boss', 'x')",
    )
    .execute(&pool)
    .await;
    assert!(boss.is_err(), "the CHECK on role survives the rebuild");
    let email_twice = sqlx::query(
        "INSERT INTO users (email, role, password_hash) VALUES ('redactie@hilversum.example', 'admin', 'x')",
    )
    .execute(&pool)
    .await;
    assert!(email_twice.is_err(), "e-mail stays unique");
}

/// 0009 turns foreign keys off on the connection it runs on, which then goes back into
/// the pool: every connection the pool hands out must have them on again.
#[tokio::test]
async fn every_pooled_connection_enforces_foreign_keys_after_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("fk.db").display());
    let pool = db::connect(&url).await.unwrap();
    let mut held = Vec::new();
    // More than the pool's 8 cannot be held at once; 8 includes the migrating one.
    for _ in 0..8 {
        let mut conn = pool.acquire().await.unwrap();
        let on: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(on, 1);
        held.push(conn);
    }
}

/// id, at, by_user, account_id, action, detail.
type LogLine = (i64, String, Option<i64>, i64, String, Option<String>);

#[tokio::test]
async fn rebuilding_the_accounts_log_keeps_every_line_and_lets_it_say_enable() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("log.db").display());
    let old = before(10, dir.path(), &url).await;
    run(
        &old,
        "INSERT INTO users (id, email, role, password_hash) VALUES
             (1, 'ada@hilversum.example', 'admin', 'x'),
             (2, 'bo@hilversum.example', 'outreach_worker', 'x');
         INSERT INTO account_audit (id, at, by_user, account_id, action, detail) VALUES
             (1, '2026-01-01T00:00:00.000Z', NULL, 1, 'add', 'admin'),
             (2, '2026-01-02T00:00:00.000Z', 1, 2, 'add', 'outreach_worker'),
             (3, '2026-01-03T00:00:00.000Z', 1, 2, 'disable', NULL);",
    )
    .await;
    let refused = sqlx::query(
        "INSERT INTO account_audit (by_user, account_id, action) VALUES (1, 2, 'enable')",
    )
    .execute(&old)
    .await;
    assert!(refused.is_err(), "before 0010 the log cannot say enable");
    old.close().await;

    let pool = migrated(&url, "0010 runs on a filled log").await;
    let lines: Vec<LogLine> = sqlx::query_as(
        "SELECT id, at, by_user, account_id, action, detail FROM account_audit ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        lines,
        [
            (
                1,
                "2026-01-01T00:00:00.000Z".into(),
                None,
                1,
                "add".into(),
                Some("admin".into())
            ),
            (
                2,
                "2026-01-02T00:00:00.000Z".into(),
                Some(1),
                2,
                "add".into(),
                Some("outreach_worker".into())
            ),
            (
                3,
                "2026-01-03T00:00:00.000Z".into(),
                Some(1),
                2,
                "disable".into(),
                None
            ),
        ]
    );
    sqlx::query("INSERT INTO account_audit (by_user, account_id, action) VALUES (1, 2, 'enable')")
        .execute(&pool)
        .await
        .expect("enable is a line of the log now");
    let unknown =
        sqlx::query("INSERT INTO account_audit (account_id, action) VALUES (2, 'delete')")
            .execute(&pool)
            .await;
    assert!(unknown.is_err(), "the CHECK on action survives the rebuild");
    let nobody = sqlx::query("INSERT INTO account_audit (account_id, action) VALUES (99, 'add')")
        .execute(&pool)
        .await;
    assert!(nobody.is_err(), "a line about nobody is refused");
    assert!(indexes(&pool)
        .await
        .contains(&"account_audit_by_account".to_owned()));
}
