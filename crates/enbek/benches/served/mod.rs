//! The release server as the benchmarks start it: `enbek serve` in a process of its own, as a user
//! starts it, on a free port of loopback, logging to a file; killed when dropped.

use std::fs::File;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Server {
    /// Starts the server on the database `url` with the environment `env` besides (the
    /// per-address connection limit raised for the benchmark's clients).
    pub fn start(url: &str, log: &Path, env: &[(&str, &str)]) -> anyhow::Result<Server> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let out = File::create(log)?;
        let child = Command::new(env!("CARGO_BIN_EXE_enbek"))
            .arg("serve")
            .env("DATABASE_URL", url)
            .env("ENBEK_LISTEN", format!("127.0.0.1:{port}"))
            .env("ENBEK_MAX_CONNECTIONS_PER_ADDRESS", "256")
            .envs(env.iter().copied())
            .stdout(out.try_clone()?)
            .stderr(out)
            .stdin(Stdio::null())
            .spawn()?;
        Ok(Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        })
    }

    /// Waits until the server answers.
    pub async fn ready(&self) -> anyhow::Result<()> {
        let started = Instant::now();
        while reqwest::get(format!("{}/healthz", self.base))
            .await
            .is_err()
        {
            anyhow::ensure!(started.elapsed() < Duration::from_secs(120), "no answer");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
