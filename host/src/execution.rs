//! How one execution runs beyond its step: who runs it, how long it may
//! take, and how an engine stops it early.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::model::Caller;

/// A handle an engine keeps to stop an execution early: cancel it from
/// any thread, and the execution ends in [`Abort::Cancelled`](crate::Abort::Cancelled).
///
/// The guest is stopped at its next deadline check (within about 10 ms
/// while it computes), and any store or token call it makes after that is
/// refused before it reaches the store. A store call already running is not
/// interrupted: it runs to its end, and a write it commits stays committed
/// (the error's `committed` says so). Clones share one flag.
#[derive(Clone, Debug, Default)]
pub struct CancelHandle(Arc<AtomicBool>);

impl CancelHandle {
    /// A handle not yet cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks every execution run with this handle to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`cancel`](Self::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The options of one [`Harness::execute_with`](crate::Harness::execute_with):
/// the caller, a deadline shorter than the harness's, a cancellation handle.
#[derive(Clone, Debug, Default)]
pub struct Execution {
    pub(crate) caller: Caller,
    pub(crate) deadline: Option<Duration>,
    pub(crate) cancel: Option<CancelHandle>,
}

impl Execution {
    /// An anonymous caller, the harness's deadline, no cancellation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs the step for `caller`: every store call names them.
    pub fn caller(mut self, caller: Caller) -> Self {
        self.caller = caller;
        self
    }

    /// Stops the execution after `deadline` of wall-clock time (store and
    /// token calls included), or at the harness's deadline if that is sooner.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Lets the engine stop the execution with `handle`.
    pub fn cancel_with(mut self, handle: &CancelHandle) -> Self {
        self.cancel = Some(handle.clone());
        self
    }
}
