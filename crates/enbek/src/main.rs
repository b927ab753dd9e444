use clap::Parser;
use enbek::platform::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

/// jemalloc returns the memory of replaced index segments to the system, where glibc's malloc
/// kept it: after four rounds of 50,000 changed vacancies the server held 295–365 MiB against
/// 548–743 MiB (docs/BENCHMARKS.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => {
            let filter =
                EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
            if args.log_format == "pretty" {
                tracing_subscriber::fmt().with_env_filter(filter).init();
            } else {
                tracing_subscriber::fmt()
                    .json()
                    .with_env_filter(filter)
                    .init();
            }
            let running = enbek::app::start(*args).await?;
            running.server.await?;
            running.worker.abort();
            for follower in running.followers {
                follower.abort();
            }
            Ok(())
        }
        Command::Verify(args) => {
            let (valid, answer) = enbek::app::verify(args).await?;
            println!("{}", serde_json::to_string_pretty(&answer)?);
            std::process::exit(if valid { 0 } else { 1 })
        }
    }
}
