//! `omzien-server` — serve the app, or import the seed catalogue.
//!
//!     omzien-server            serve (imports data/ first when the database is new)
//!     omzien-server import     make the stored catalogue equal to data/

use std::process::ExitCode;

use std::sync::Arc;

use omzien_server::faults::{Faults, ENV as FAULTS_ENV};
use omzien_server::{app, catalogue, db, AppState, Config};
use tracing_subscriber::EnvFilter;

const USAGE: &str = "usage: omzien-server [serve | import]

  serve    start the server (default); imports data/ when the database is new
  import   make the stored catalogue equal to data/ (safe to repeat)

environment: OMZIEN_ADDR (127.0.0.1:8080), DATABASE_URL (sqlite://var/omzien.db),
             OMZIEN_DIST (dist), OMZIEN_DATA (data), RUST_LOG (info);
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
    };
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    tracing::info!("Omzien listens on http://{}", listener.local_addr()?);
    axum::serve(listener, app(state))
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
