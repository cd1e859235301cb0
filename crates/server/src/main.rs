//! `omzien-server` — serve the app, import the seed catalogue, manage staff accounts.
//!
//!     omzien-server            serve (imports data/ first when the database is new)
//!     omzien-server import     make the stored catalogue equal to data/
//!     omzien-server user add --email E --role R [--password-stdin]
//!     omzien-server user list
//!     omzien-server user disable --email E

use std::io::Read;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use omzien_core::staff::Role;
use omzien_server::auth::{self, Auth};
use omzien_server::faults::{Faults, ENV as FAULTS_ENV};
use omzien_server::{app, catalogue, db, retention, AppState, Config};
use tracing_subscriber::EnvFilter;

const USAGE: &str = "usage: omzien-server [serve | import | user ...]

  serve    start the server (default); imports data/ when the database is new
  import   make the stored catalogue equal to data/ (safe to repeat)
  user add --email E --role R [--password-stdin]
           create a staff account; R is coordinator, outreach_worker, organiser or
           admin. Prints a one-time password, or reads one line from stdin
  user list
           every account with its role
  user disable --email E
           disable an account and end its sessions

environment: OMZIEN_ADDR (127.0.0.1:8080), DATABASE_URL (sqlite://var/omzien.db),
             OMZIEN_DIST (dist), OMZIEN_DATA (data), RUST_LOG (info),
             OMZIEN_SESSION_DAYS (14), OMZIEN_NOTE_RETENTION_DAYS (365),
             OMZIEN_TRUST_FORWARDED_FOR (0);
             OMZIEN_TEST_FAULTS (tests only: lose push answers on purpose)";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let command = std::env::args().nth(1);
    let result = match command.as_deref() {
        None | Some("serve") => serve().await,
        Some("import") => import().await,
        Some("user") => user(std::env::args().skip(2).collect()).await,
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}").into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("omzien-server: {error}");
            ExitCode::FAILURE
        }
    }
}

type AnyError = Box<dyn std::error::Error>;

async fn import() -> Result<(), AnyError> {
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
    Ok(())
}

/// `user add | list | disable`: accounts are made on the server's own machine, by
/// someone who can already read its database; no HTTP endpoint creates them.
async fn user(args: Vec<String>) -> Result<(), AnyError> {
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let config = Config::from_env()?;
    match args.first().map(String::as_str) {
        Some("add") => {
            let email = flag("--email").ok_or("user add needs --email")?;
            let role_text = flag("--role").ok_or("user add needs --role")?;
            let role = Role::parse(&role_text).ok_or_else(|| {
                format!(
                    "unknown role `{role_text}`; choose coordinator, outreach_worker, organiser or admin"
                )
            })?;
            let from_stdin = args.iter().any(|a| a == "--password-stdin");
            let password = if from_stdin {
                let mut line = String::new();
                std::io::stdin().read_to_string(&mut line)?;
                line.lines().next().unwrap_or("").to_owned()
            } else {
                auth::generate_password()
            };
            let pool = db::connect(&config.database_url).await?;
            let id = auth::add_user(&pool, &email, role, &password).await?;
            println!(
                "created user {id}: {} ({})",
                auth::normalise_email(&email),
                role.as_str()
            );
            if !from_stdin {
                // Shown once; only its argon2id hash is stored.
                println!("one-time password: {password}");
            }
            Ok(())
        }
        Some("list") => {
            let pool = db::connect(&config.database_url).await?;
            for user in auth::list_users(&pool).await? {
                println!(
                    "{}\t{}\t{}\t{}{}",
                    user.id,
                    user.email,
                    user.role.as_str(),
                    user.created_at,
                    if user.disabled { "\tdisabled" } else { "" }
                );
            }
            Ok(())
        }
        Some("disable") => {
            let email = flag("--email").ok_or("user disable needs --email")?;
            let pool = db::connect(&config.database_url).await?;
            auth::disable_user(&pool, &email).await?;
            println!(
                "disabled {} and ended its sessions",
                auth::normalise_email(&email)
            );
            Ok(())
        }
        _ => Err(format!("user: expected add, list or disable\n\n{USAGE}").into()),
    }
}

async fn serve() -> Result<(), AnyError> {
    let config = Config::from_env()?;
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
    if !config.dist_dir.join("index.html").exists() {
        tracing::warn!(dist = %config.dist_dir.display(), "no built app here; run `make run`");
    }
    let state = AppState {
        pool,
        dist_dir: config.dist_dir.clone(),
        faults: Arc::new(Faults::new(config.faults)),
        auth: Arc::new(Auth::new(config.session_days, config.trust_forwarded_for)),
    };
    // At start, then daily: closed notes past their retention, old sessions, attempts.
    retention::spawn_daily(state.pool.clone(), config.note_retention_days);
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    tracing::info!("Omzien listens on http://{}", listener.local_addr()?);
    // The peer address feeds the sign-in rate limit (`http::auth::ClientIp`).
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
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
