//! `omzien-server` — serve the app, import the seed catalogue, manage staff accounts.
//! `omzien-server --help` lists the commands, and each command has its own `--help`.

use std::io::Read;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use omzien_core::account::{normalise_email, NewAccount};
use omzien_core::staff::Role;
use omzien_server::accounts::{self, AccountError, Which};
use omzien_server::auth::{self, Auth};
use omzien_server::catalogue::ImportError;
use omzien_server::config::ConfigError;
use omzien_server::faults::{Faults, ENV as FAULTS_ENV};
use omzien_server::hsds_import::{self, HsdsImportError, ImportOptions};
use omzien_server::limits::{self, Limiter};
use omzien_server::migrate::MigrationError;
use omzien_server::programme::{self, ProgrammeStoreError};
use omzien_server::{app, catalogue, db, retention, serve, AppState, Config};
use tracing_subscriber::EnvFilter;

const ENVIRONMENT: &str = "\
Environment (default in brackets; see the README):
  OMZIEN_ADDR                 address to listen on [127.0.0.1:8080]
  DATABASE_URL                the SQLite database [sqlite://var/omzien.db]
  OMZIEN_DIST                 the built app [dist]
  OMZIEN_DATA                 the seed catalogue [data]
  RUST_LOG                    log filter [info]
  OMZIEN_SESSION_DAYS         how long a staff sign-in lasts [14]
  OMZIEN_NOTE_RETENTION_DAYS  how long a closed concern note is kept [365]
  OMZIEN_TRUST_FORWARDED_FOR  1 behind a proxy that sets X-Forwarded-For [0]
  OMZIEN_HEADER_TIMEOUT_SECS  a request's headers; an idle connection [15]
  OMZIEN_BODY_TIMEOUT_SECS    silence while a request body arrives [30]
  OMZIEN_REQUEST_TIMEOUT_SECS a whole request, until the answer starts [60]
  OMZIEN_SIGN_IN_ADDRESS_FAILURES  failed sign-ins per address per 15 minutes [100]
  OMZIEN_HASHING_AT_ONCE      password hashes (19 MiB each) at once [2]
  OMZIEN_TEST_FAULTS          tests only: lose push answers on purpose [unset]";

/// Omzien's sync server: serves the app and the /api/v1 JSON API over SQLite.
#[derive(Parser)]
#[command(name = "omzien-server", version, after_help = ENVIRONMENT)]
struct Cli {
    /// What to do; `serve` when left out.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (the default); imports data/ first when the database is new.
    Serve,
    /// Make the stored catalogue equal to data/ (safe to repeat).
    ///
    /// Unchanged records keep their version; removed ones become deletions that
    /// clients pull.
    Import,
    /// Write the half-yearly evaluation pack (chapter 8) into a folder: an HTML report
    /// that prints to PDF and a CSV per table, from the live data. The same database
    /// gives the same files.
    Evaluation {
        /// The half year, `2026-H2` (July–December) or `2026-H1`.
        #[arg(long, value_parser = parse_half)]
        half: omzien_core::monitoring::Half,
        /// The folder to write into (made when missing).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Import organisations and activities from Open Referral HSDS 3 data: a JSON file,
    /// a folder of API answers in JSON, or the tabular package (a folder with
    /// services.csv, or its datapackage.json).
    ///
    /// Checks everything first: one rejected record and nothing changes, and every
    /// rejected record is listed with its reason. Safe to repeat; records staff made or
    /// changed in Omzien are left as they are; fields Omzien does not model are listed.
    /// New activities wait in the editors' queue unless --publish.
    #[command(name = "import-hsds")]
    ImportHsds {
        /// The file or folder.
        #[arg(value_name = "PATH")]
        path: std::path::PathBuf,
        /// Where the data comes from, kept in every record (default: the file or
        /// folder's name).
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
        /// Publish new records at once (a source the editors already trust).
        #[arg(long)]
        publish: bool,
    },
    /// Staff accounts, made here on the server's machine (an admin can also make them
    /// in the app).
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff account; prints a one-time password unless --password-stdin.
    Add {
        /// The account's e-mail address (stored in lower case).
        #[arg(long, value_name = "EMAIL")]
        email: String,
        /// What the account may do: coordinator (meldpunt triage), outreach_worker
        /// (sign-ups and notes on a resident's behalf), organiser, editor (also
        /// `redacteur`: every activity, no concern notes), kartrekker (programme lead:
        /// the agenda's actions and the monitoring counts), or admin (triage, the audit
        /// log, accounts and all a kartrekker may).
        #[arg(long, value_name = "ROLE", value_parser = parse_role)]
        role: Role,
        /// For an organiser: an organisation (its id in the catalogue, e.g. senver)
        /// whose activities the account keeps. Repeat for more than one.
        #[arg(long = "organisation", value_name = "ID")]
        organisations: Vec<String>,
        /// Read the password from the first line of stdin (12 to 1024 characters)
        /// instead of printing a new one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List every account: id, e-mail, role, when made, whether it is disabled, and its
    /// failed sign-ins of the last day from devices it does not know.
    List,
    /// Disable an account and end its sessions at once.
    Disable {
        /// The account's e-mail address.
        #[arg(long, value_name = "EMAIL")]
        email: String,
    },
    /// Turn a disabled account on again; she signs in with the password she had.
    Enable {
        /// The account's e-mail address.
        #[arg(long, value_name = "EMAIL")]
        email: String,
    },
}

/// A role as stored, or the municipality's own word: `redacteur` for an editor,
/// `locatiebeheerder` for a place manager.
fn parse_role(text: &str) -> Result<Role, String> {
    match text {
        "redacteur" => return Ok(Role::Editor),
        "locatiebeheerder" => return Ok(Role::PlaceManager),
        _ => {}
    }
    Role::parse(text).ok_or_else(|| {
        format!(
            "unknown role `{text}`; choose coordinator, outreach_worker, organiser, editor \
             (redacteur), kartrekker, admin or place_manager (locatiebeheerder)"
        )
    })
}

/// What can stop a command after its arguments were accepted.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Open(#[from] MigrationError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    Programme(#[from] ProgrammeStoreError),
    #[error(transparent)]
    ImportHsds(#[from] HsdsImportError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Evaluation(#[from] omzien_server::evaluation::WriteError),
}

fn parse_half(text: &str) -> Result<omzien_core::monitoring::Half, String> {
    omzien_core::monitoring::Half::parse(text)
        .ok_or_else(|| format!("'{text}' is not a half year; write it as 2026-H2 or 2026-H1"))
}

async fn evaluation(
    half: omzien_core::monitoring::Half,
    out: &std::path::Path,
) -> Result<(), CliError> {
    let config = Config::from_env()?;
    let pool = db::connect(&config.database_url).await?;
    for path in omzien_server::evaluation::write_pack(&pool, half, out).await? {
        println!("wrote {}", path.display());
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    // Before logging starts: --help and usage errors print and exit here (code 2 for a
    // usage error), without opening anything.
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve().await,
        Command::Import => import().await,
        Command::ImportHsds {
            path,
            source,
            publish,
        } => import_hsds(&path, source, publish).await,
        Command::User(command) => user(command).await,
        Command::Evaluation { half, out } => evaluation(half, &out).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("omzien-server: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn import() -> Result<(), CliError> {
    let config = Config::from_env()?;
    let pool = db::connect(&config.database_url).await?;
    let data = catalogue::read_data_dir(&config.data_dir)?;
    let report = catalogue::import(&pool, &data).await?;
    println!(
        "imported {}: {} record(s) changed, {} deleted",
        config.data_dir.display(),
        report.changed,
        report.deleted
    );
    for (kind, id) in &report.kept {
        println!("kept {kind} `{id}`: staff made or changed it in Omzien, so the file does not replace it");
    }
    for id in seed_programme(&pool, &config.data_dir).await? {
        println!("kept action `{id}`: no longer in actions.json, but the programme lead planned it or linked activities to it");
    }
    Ok(())
}

/// The agenda's actions and budget from `data/`; returns the actions kept although the
/// file no longer has them.
async fn seed_programme(
    pool: &sqlx::AnyPool,
    dir: &std::path::Path,
) -> Result<Vec<String>, CliError> {
    let (actions, budget) = programme::read_data_dir(dir)?;
    Ok(programme::seed(pool, &actions, &budget).await?.kept)
}

async fn import_hsds(
    path: &std::path::Path,
    source: Option<String>,
    publish: bool,
) -> Result<(), CliError> {
    let config = Config::from_env()?;
    let pool = db::connect(&config.database_url).await?;
    let input = hsds_import::read_path(path)?;
    let source = source.unwrap_or_else(|| {
        path.file_stem()
            .map_or("hsds".to_owned(), |n| n.to_string_lossy().into_owned())
    });
    let options = ImportOptions { source, publish };
    let report = hsds_import::import(&pool, &input, &options).await?;
    println!(
        "imported {}: {} new, {} changed, {} unchanged{}",
        path.display(),
        report.created,
        report.updated,
        report.unchanged,
        if publish || report.created == 0 {
            String::new()
        } else {
            "; the new ones wait in the editors' queue".to_owned()
        }
    );
    for (kind, id) in &report.kept {
        println!("kept {kind} `{id}`: staff made or changed it in Omzien, so the file does not replace it");
    }
    for (field, count) in &report.not_modelled {
        println!("not modelled in Omzien, not imported: {field} ({count}x)");
    }
    Ok(())
}

async fn user(command: UserCommand) -> Result<(), CliError> {
    let config = Config::from_env()?;
    auth::limit_hashing(config.hashing_at_once);
    let pool = db::connect(&config.database_url).await?;
    match command {
        UserCommand::Add {
            email,
            role,
            organisations,
            password_stdin,
        } => {
            let password = if password_stdin {
                let mut input = String::new();
                std::io::stdin().read_to_string(&mut input)?;
                input.lines().next().unwrap_or("").to_owned()
            } else {
                auth::generate_password()
            };
            let account = NewAccount {
                email,
                role,
                organisations,
                password,
            };
            let made = accounts::create(&pool, &account, None).await?;
            println!(
                "created user {}: {} ({})",
                made.id,
                made.email,
                role.as_str()
            );
            if !password_stdin {
                // Shown once; only its argon2id hash is stored.
                println!("one-time password: {}", account.password);
            }
        }
        UserCommand::List => {
            for user in accounts::list(&pool).await? {
                let failed = user.failed_sign_ins.map_or(String::new(), |f| {
                    format!(
                        "\t{} failed sign-in(s) from {} address(es) since {}{}",
                        f.count,
                        f.addresses,
                        f.since,
                        if f.under_attack { ": UNDER ATTACK" } else { "" }
                    )
                });
                println!(
                    "{}\t{}\t{}\t{}{}{failed}",
                    user.id,
                    user.email,
                    user.role.as_str(),
                    user.created_at,
                    if user.disabled { "\tdisabled" } else { "" }
                );
            }
        }
        UserCommand::Disable { email } => {
            accounts::disable(&pool, Which::Email(&email), None).await?;
            println!(
                "disabled {} and ended its sessions",
                normalise_email(&email)
            );
        }
        UserCommand::Enable { email } => {
            accounts::enable(&pool, Which::Email(&email), None).await?;
            println!("enabled {}", normalise_email(&email));
        }
    }
    Ok(())
}

async fn serve() -> Result<(), CliError> {
    let config = Config::from_env()?;
    // Before anything can hash a password.
    auth::limit_hashing(config.hashing_at_once);
    if let Some(faults) = std::env::var_os(FAULTS_ENV) {
        // Loud on purpose: a server with this set loses answers it owes its clients.
        let warning = format!(
            "!!! {FAULTS_ENV}={} is set: this server drops or withholds push answers \
             ON PURPOSE. For tests only; never in production. !!!",
            faults.to_string_lossy()
        );
        eprintln!("{warning}");
        tracing::warn!("{warning}");
    }
    let pool = db::connect(&config.database_url).await?;
    if catalogue::current_cursor(&pool).await? == 0 {
        let data = catalogue::read_data_dir(&config.data_dir)?;
        let report = catalogue::import(&pool, &data).await?;
        tracing::info!(
            changed = report.changed,
            "new database: imported the seed catalogue"
        );
    }
    // At every start: a new version of actions.json arrives with a new release.
    let kept = seed_programme(&pool, &config.data_dir).await?;
    if !kept.is_empty() {
        tracing::info!(
            ?kept,
            "agenda actions kept although actions.json no longer has them"
        );
    }
    if !config.dist_dir.join("index.html").exists() {
        tracing::warn!(dist = %config.dist_dir.display(), "no built app here; run `make run`");
    }
    let limits = Arc::new(Limiter::for_pool(config.push_limits, &pool));
    let state = AppState {
        pool,
        dist_dir: config.dist_dir.clone(),
        faults: Arc::new(Faults::new(config.faults)),
        auth: Arc::new(Auth {
            address_failures: config.sign_in_address_failures,
            ..Auth::new(config.session_days, config.trust_forwarded_for)
        }),
        freshness: config.freshness,
        limits,
        open_data: Default::default(),
        pull_pages: Arc::new(omzien_server::pull_pages::PullPages::new(config.pull_page)),
    };
    limits::spawn_forgetting(state.limits.clone(), state.pool.clone());
    // At start, then daily: closed notes past their retention, old sessions, attempts.
    retention::spawn_daily(state.pool.clone(), config.retention());
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    tracing::info!("Omzien listens on http://{}", listener.local_addr()?);
    // With time limits on every connection; the peer address reaches the sign-in and
    // push limits (`ClientIp` in `http/auth.rs`).
    serve::serve(listener, app(state), config.timeouts, shutdown_signal()).await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
