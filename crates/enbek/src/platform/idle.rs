//! Work that may wait for the cores: one thread of the lowest CPU priority (nice 19 on Linux)
//! that runs what is given to it in turn. Background work a reader does not wait for (rendering
//! the documents a decision recorded) runs here, so that a burst of requests keeps the cores and
//! the work follows as they free up.

use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};

type Task = Box<dyn FnOnce() + Send>;

/// The thread's queue, started on first use.
fn queue() -> &'static Mutex<mpsc::Sender<Task>> {
    static QUEUE: OnceLock<Mutex<mpsc::Sender<Task>>> = OnceLock::new();
    QUEUE.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Task>();
        std::thread::Builder::new()
            .name("enbek-idle".into())
            .spawn(move || {
                lowest_priority();
                for task in rx {
                    task();
                }
            })
            .expect("the idle thread starts");
        Mutex::new(tx)
    })
}

/// Lowers the calling thread to the lowest priority: on Linux a thread has its own nice value.
#[cfg(target_os = "linux")]
fn lowest_priority() {
    // SAFETY: gettid and setpriority only read and set the calling thread's scheduling value.
    let rc = unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19)
    };
    if rc != 0 {
        tracing::warn!("the idle thread keeps the normal priority");
    }
}

#[cfg(not(target_os = "linux"))]
fn lowest_priority() {}

/// Runs `work` on the idle thread and waits for its result.
pub async fn run<R, F>(work: F) -> anyhow::Result<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let (done, result) = tokio::sync::oneshot::channel();
    let task: Task = Box::new(move || {
        let _ = done.send(work());
    });
    queue()
        .lock()
        .map_err(|_| anyhow::anyhow!("the idle thread's queue is poisoned"))?
        .send(task)
        .map_err(|_| anyhow::anyhow!("the idle thread has stopped"))?;
    result
        .await
        .map_err(|_| anyhow::anyhow!("the idle thread dropped its work"))
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn work_runs_in_turn_and_its_result_comes_back() {
        let a = super::run(|| 2 + 2).await.unwrap();
        let b = super::run(|| "done".to_string()).await.unwrap();
        assert_eq!((a, b.as_str()), (4, "done"));
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn the_thread_runs_at_the_lowest_priority() {
        let nice = super::run(|| unsafe {
            libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t)
        })
        .await
        .unwrap();
        assert_eq!(nice, 19);
        // The caller's thread keeps its own priority.
        let own = unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) };
        assert!(own < 19, "{own}");
    }
}
