//! `omzien-server user …`: the real binary against a database file in a temp dir.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use omzien_server::{auth, db};

fn run(db_url: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_omzien-server"))
        .args(args)
        .env("DATABASE_URL", db_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn user_add_prints_a_one_time_password_or_reads_one_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());

    let made = run(
        &url,
        &[
            "user",
            "add",
            "--email",
            "Anna@Example.nl",
            "--role",
            "coordinator",
        ],
        None,
    );
    assert!(made.status.success(), "{made:?}");
    let text = stdout(&made);
    let password = text
        .lines()
        .find_map(|l| l.strip_prefix("one-time password: "))
        .expect("a one-time password is printed")
        .to_owned();
    assert_eq!(password.len(), 20);

    let piped = run(
        &url,
        &[
            "user",
            "add",
            "--email",
            "bo@example.nl",
            "--role",
            "outreach_worker",
            "--password-stdin",
        ],
        Some("a long enough secret\n"),
    );
    assert!(piped.status.success(), "{piped:?}");
    assert!(!stdout(&piped).contains("secret"));

    let pool = db::connect(&url).await.unwrap();
    let hashes: Vec<(String, String)> =
        sqlx::query_as("SELECT email, password_hash FROM users ORDER BY email")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(hashes[0].0, "anna@example.nl");
    assert!(auth::verify_password(&hashes[0].1, &password));
    assert!(auth::verify_password(&hashes[1].1, "a long enough secret"));

    let list = stdout(&run(&url, &["user", "list"], None));
    assert!(list.contains("anna@example.nl\tcoordinator"), "{list}");
    assert!(list.contains("bo@example.nl\toutreach_worker"), "{list}");

    let again = run(
        &url,
        &[
            "user",
            "add",
            "--email",
            "anna@example.nl",
            "--role",
            "admin",
        ],
        None,
    );
    assert!(!again.status.success());
    let bad_role = run(
        &url,
        &[
            "user",
            "add",
            "--email",
            "cees@example.nl",
            "--role",
            "boss",
        ],
        None,
    );
    assert!(!bad_role.status.success());
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("unknown role"));
    let short = run(
        &url,
        &[
            "user",
            "add",
            "--email",
            "cees@example.nl",
            "--role",
            "admin",
            "--password-stdin",
        ],
        Some("kort\n"),
    );
    assert!(!short.status.success());

    let disabled = run(&url, &["user", "disable", "--email", "bo@example.nl"], None);
    assert!(disabled.status.success(), "{disabled:?}");
    let list = stdout(&run(&url, &["user", "list"], None));
    assert!(
        list.contains("outreach_worker\t") && list.contains("disabled"),
        "{list}"
    );

    let enabled = run(&url, &["user", "enable", "--email", "BO@example.nl"], None);
    assert!(enabled.status.success(), "{enabled:?}");
    assert!(stdout(&enabled).contains("enabled bo@example.nl"));
    let list = stdout(&run(&url, &["user", "list"], None));
    assert!(!list.contains("disabled"), "{list}");
    let nobody = run(
        &url,
        &["user", "enable", "--email", "nemo@example.nl"],
        None,
    );
    assert!(!nobody.status.success());
    assert!(stderr(&nobody).contains("no such user"), "{nobody:?}");
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `--help` never touches the database: it works where none can be opened.
const NO_DATABASE: &str = "sqlite:///nonexistent-dir/never/omzien.db";

#[test]
fn help_names_every_command_and_the_environment() {
    for args in [&["--help"][..], &["help"]] {
        let help = run(NO_DATABASE, args, None);
        assert!(help.status.success(), "{help:?}");
        let text = stdout(&help);
        for word in [
            "serve",
            "import",
            "user",
            "--help",
            "DATABASE_URL",
            "OMZIEN_ADDR",
        ] {
            assert!(text.contains(word), "{args:?} lacks {word}:\n{text}");
        }
        assert!(
            text.contains("the default"),
            "serve is the default:\n{text}"
        );
    }
}

#[test]
fn every_command_has_help_that_says_what_each_option_does() {
    let cases: [(&[&str], &[&str]); 7] = [
        (&["serve", "--help"], &["Start the server"]),
        (&["import", "--help"], &["data/"]),
        (&["user", "--help"], &["add", "list", "disable", "enable"]),
        (
            &["user", "add", "--help"],
            &[
                "--email <EMAIL>",
                "e-mail address",
                "--role <ROLE>",
                "coordinator",
                "outreach_worker",
                "organiser",
                "admin",
                "--password-stdin",
                "stdin",
            ],
        ),
        (&["user", "list", "--help"], &["every account"]),
        (
            &["user", "disable", "--help"],
            &["--email <EMAIL>", "end its sessions"],
        ),
        (
            &["user", "enable", "--help"],
            &["--email <EMAIL>", "on again"],
        ),
    ];
    for (args, words) in cases {
        let help = run(NO_DATABASE, args, None);
        assert!(help.status.success(), "{args:?}: {help:?}");
        let text = stdout(&help);
        for word in words {
            assert!(text.contains(word), "{args:?} lacks {word}:\n{text}");
        }
    }
}

#[test]
fn wrong_usage_fails_with_a_message_and_no_database() {
    let cases: [(&[&str], &str); 5] = [
        (&["frobnicate"], "frobnicate"),
        (&["user"], "Usage"),
        (&["user", "add", "--role", "admin"], "--email"),
        (&["user", "disable"], "--email"),
        (&["user", "enable"], "--email"),
    ];
    for (args, word) in cases {
        let refused = run(NO_DATABASE, args, None);
        assert!(!refused.status.success(), "{args:?}: {refused:?}");
        let text = stderr(&refused);
        assert!(text.contains(word), "{args:?} lacks {word}:\n{text}");
    }
}

#[tokio::test]
async fn an_organiser_is_made_for_organisations_in_the_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
    let imported = Command::new(env!("CARGO_BIN_EXE_omzien-server"))
        .arg("import")
        .env("DATABASE_URL", &url)
        .env("OMZIEN_DATA", data)
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    let add = |email: &str, extra: &[&str]| {
        let mut args = vec!["user", "add", "--email", email, "--role", "organiser"];
        args.extend_from_slice(extra);
        run(&url, &args, None)
    };

    let without = add("a@senver.example", &[]);
    assert!(!without.status.success());
    assert!(String::from_utf8_lossy(&without.stderr).contains("--organisation"));
    let unknown = add("a@senver.example", &["--organisation", "atlantis"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("atlantis"));

    let made = add(
        "a@senver.example",
        &[
            "--organisation",
            "senver",
            "--organisation",
            "versa-welzijn",
        ],
    );
    assert!(made.status.success(), "{made:?}");
    let pool = db::connect(&url).await.unwrap();
    let kept: Vec<String> = sqlx::query_scalar(
        "SELECT organisation_id FROM user_organisations JOIN users ON users.id = user_id \
         WHERE email = 'a@senver.example' ORDER BY organisation_id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(kept, ["senver", "versa-welzijn"]);
    // The refused attempts left no account behind.
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(accounts, 1);
}

#[test]
fn a_kartrekker_is_made_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let made = run(
        &url,
        &[
            "user",
            "add",
            "--email",
            "kartrekker@hilversum.example",
            "--role",
            "kartrekker",
        ],
        None,
    );
    assert!(made.status.success(), "{made:?}");
    assert!(stdout(&made).contains("(kartrekker)"), "{}", stdout(&made));
    let list = stdout(&run(&url, &["user", "list"], None));
    assert!(
        list.contains("kartrekker@hilversum.example\tkartrekker"),
        "{list}"
    );
    let wrong = run(
        &url,
        &[
            "user",
            "add",
            "--email",
            "x@hilversum.example",
            "--role",
            "baas",
        ],
        None,
    );
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("kartrekker, admin or place_manager"));
}

#[tokio::test]
async fn redacteur_is_the_editor_role_and_takes_no_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let add = |email: &str, role: &str, extra: &[&str]| {
        let mut args = vec!["user", "add", "--email", email, "--role", role];
        args.extend_from_slice(extra);
        run(&url, &args, None)
    };
    let made = add("redactie@hilversum.example", "redacteur", &[]);
    assert!(made.status.success(), "{made:?}");
    assert!(stdout(&made).contains("(editor)"), "{}", stdout(&made));
    let also = add("r2@hilversum.example", "editor", &[]);
    assert!(also.status.success(), "{also:?}");
    let with = add(
        "r3@hilversum.example",
        "editor",
        &["--organisation", "senver"],
    );
    assert!(!with.status.success());
    assert!(String::from_utf8_lossy(&with.stderr).contains("only an organiser"));

    let list = stdout(&run(&url, &["user", "list"], None));
    assert!(
        list.contains("redactie@hilversum.example\teditor"),
        "{list}"
    );
    let pool = db::connect(&url).await.unwrap();
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM account_audit WHERE by_user IS NULL AND action = 'add'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(logged, 2, "the command line's accounts are logged too");
}

#[tokio::test]
async fn locatiebeheerder_is_the_place_manager_role() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let made = run(
        &url,
        &[
            "user",
            "add",
            "--email",
            "bieb@hilversum.example",
            "--role",
            "locatiebeheerder",
        ],
        None,
    );
    assert!(made.status.success(), "{made:?}");
    assert!(
        stdout(&made).contains("(place_manager)"),
        "{}",
        stdout(&made)
    );
    let list = stdout(&run(&url, &["user", "list"], None));
    assert!(
        list.contains("bieb@hilversum.example\tplace_manager"),
        "{list}"
    );
}
