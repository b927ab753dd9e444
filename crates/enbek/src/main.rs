use clap::Parser;
use enbek::platform::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

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
