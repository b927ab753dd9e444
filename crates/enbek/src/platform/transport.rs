//! The connection layer under the HTTP API: how connections are admitted, how long a client may
//! take to send a request head, and how they end on shutdown.
//!
//! - A cap on simultaneous connections in all and per client address: a connection beyond
//!   either cap is closed at once, before anything is read from it. Trusted reverse proxies are
//!   exempt from the per-address cap (every client behind them shares their address), not from
//!   the cap in all.
//! - HTTP/1.1 only (hyper), with a header-read timeout: a request head must be complete within
//!   the timeout, counted from the moment the connection waits for one — when it opens, and on a
//!   kept-alive connection when the previous response has been written. So the same timeout is
//!   the keep-alive idle timeout, and a head trickled a byte at a time is cut. HTTP/2 is not
//!   offered: its streams would escape these limits (a reverse proxy in front speaks HTTP/2 to
//!   browsers if wanted).
//! - Graceful shutdown: on the signal the listener stops accepting, idle connections close,
//!   requests in progress finish, and `serve` returns when the last connection has ended.
//!
//! The request body's own limits (its size and how long it may take to arrive) are middleware:
//! see `http::edge`.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::Service;

/// The connection caps, shared by every listener of one server.
#[derive(Clone)]
pub struct Gate {
    inner: Arc<GateInner>,
}

struct GateInner {
    max_total: usize,
    max_per_address: usize,
    /// Reverse proxies: many clients arrive from each, so no per-address cap applies to them.
    exempt: Vec<IpAddr>,
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// An admitted connection; the gate counts it until this is dropped.
pub struct Pass {
    gate: Arc<GateInner>,
    address: Option<IpAddr>,
}

impl Gate {
    pub fn new(max_total: usize, max_per_address: usize, exempt: Vec<IpAddr>) -> Gate {
        Gate {
            inner: Arc::new(GateInner {
                max_total,
                max_per_address,
                exempt,
                open: Mutex::new(Open::default()),
            }),
        }
    }

    /// Admits a connection from `address` when both caps allow one more.
    pub fn admit(&self, address: IpAddr) -> Option<Pass> {
        let counted = !self.inner.exempt.contains(&address);
        let mut open = self.inner.open.lock().expect("gate lock");
        if open.total >= self.inner.max_total {
            return None;
        }
        if counted {
            let n = open.by_address.entry(address).or_default();
            if *n >= self.inner.max_per_address {
                return None;
            }
            *n += 1;
        }
        open.total += 1;
        Some(Pass {
            gate: self.inner.clone(),
            address: counted.then_some(address),
        })
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        let mut open = self.gate.open.lock().expect("gate lock");
        open.total -= 1;
        if let Some(address) = self.address {
            if let Some(n) = open.by_address.get_mut(&address) {
                *n -= 1;
                if *n == 0 {
                    open.by_address.remove(&address);
                }
            }
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then drains the open connections.
/// Each request carries the peer address as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    gate: Gate,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let mut make_service = app.into_make_service_with_connect_info::<SocketAddr>();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .keep_alive(true);
    // Connections watch `stop` for the shutdown, and each holds a `done` receiver: the sender
    // learns that all have ended when the last receiver is dropped.
    let (stop_tx, stop_rx) = watch::channel(false);
    let (done_tx, done_rx) = watch::channel(());
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(pass) = gate.admit(peer.ip()) else {
            tracing::debug!("connection refused: connection cap reached");
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = match make_service.call(peer).await {
            Ok(service) => TowerToHyperService::new(service),
            Err(never) => match never {},
        };
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let mut stop = stop_rx.clone();
        let done = done_rx.clone();
        tokio::spawn(async move {
            let _pass = pass;
            let _done = done;
            tokio::pin!(connection);
            let ended = tokio::select! {
                ended = connection.as_mut() => ended,
                _ = stop.changed() => {
                    connection.as_mut().graceful_shutdown();
                    connection.as_mut().await
                }
            };
            if let Err(e) = ended {
                // Timeouts and clients that go away: not the server's failure.
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    drop(done_rx);
    let _ = stop_tx.send(true);
    done_tx.closed().await;
}

/// A failed accept: a connection reset before it was taken is nothing; running out of file
/// descriptors is waited out briefly instead of spinning.
async fn accept_failed(e: std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    ) {
        return;
    }
    tracing::warn!(error = %e, "accepting a connection failed");
    tokio::time::sleep(Duration::from_millis(100)).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;
    use tokio::sync::Notify;

    #[tokio::test]
    async fn on_shutdown_new_connections_are_refused_and_a_request_in_progress_finishes() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (started, release) = (Arc::new(Notify::new()), Arc::new(Notify::new()));
        let (s, r) = (started.clone(), release.clone());
        let app = Router::new().route(
            "/slow",
            get(move || {
                let (s, r) = (s.clone(), r.clone());
                async move {
                    s.notify_one();
                    r.notified().await;
                    "done"
                }
            }),
        );
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve(
            listener,
            app,
            Gate::new(10, 10, Vec::new()),
            Duration::from_secs(5),
            async {
                let _ = stopped.await;
            },
        ));
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"GET /slow HTTP/1.1\r\nHost: enbek\r\n\r\n")
            .await
            .unwrap();
        started.notified().await;
        stop.send(()).unwrap();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(3);
        while TcpStream::connect(addr).await.is_ok() {
            assert!(tokio::time::Instant::now() < deadline, "still accepting");
            tokio::task::yield_now().await;
        }
        assert!(!server.is_finished(), "waits for the request in progress");
        release.notify_one();
        let mut answer = String::new();
        tokio::time::timeout(Duration::from_secs(3), stream.read_to_string(&mut answer))
            .await
            .expect("the connection closes after its answer")
            .unwrap();
        assert!(
            answer.starts_with("HTTP/1.1 200") && answer.ends_with("done"),
            "{answer}"
        );
        tokio::time::timeout(Duration::from_secs(3), server)
            .await
            .expect("serve returns once the last connection ended")
            .unwrap();
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_address_is_admitted_up_to_its_cap_and_again_when_one_closes() {
        let gate = Gate::new(100, 2, Vec::new());
        let a = gate.admit(ip("203.0.113.7")).expect("first");
        let _b = gate.admit(ip("203.0.113.7")).expect("second");
        assert!(gate.admit(ip("203.0.113.7")).is_none(), "third refused");
        assert!(gate.admit(ip("198.51.100.4")).is_some(), "another address");
        drop(a);
        assert!(gate.admit(ip("203.0.113.7")).is_some(), "a freed place");
    }

    #[test]
    fn the_cap_in_all_holds_across_addresses_and_binds_proxies_too() {
        let proxy = ip("10.0.0.1");
        let gate = Gate::new(3, 1, vec![proxy]);
        let _p1 = gate.admit(proxy).expect("a proxy has no per-address cap");
        let _p2 = gate.admit(proxy).expect("a proxy has no per-address cap");
        let c = gate.admit(ip("203.0.113.7")).expect("third in all");
        assert!(gate.admit(ip("198.51.100.4")).is_none(), "fourth in all");
        assert!(gate.admit(proxy).is_none(), "fourth in all, from the proxy");
        drop(c);
        assert!(gate.admit(ip("198.51.100.4")).is_some());
    }
}
