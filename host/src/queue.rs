//! Turns on a connector: executions in one process that update the same
//! connector of the same store take turns, from the moment they read it to
//! the end of the execution, so that under load they queue instead of
//! starving each other with conflicts. A store is known by the identity it
//! declares (`CredentialStore::identity`); one that declares none is in no
//! queue. The compare-and-set still guards every write (against other
//! processes, or a store of another identity); this only makes progress fair.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use parking_lot::{ArcMutexGuard, Mutex, RawMutex};

/// A connector of a store: the store's identity and the connector's id.
type Key = (String, String);

/// One execution's turn on one connector; the turn ends when it is dropped.
pub(crate) struct Turn {
    key: Key,
    _guard: ArcMutexGuard<RawMutex, ()>,
}

/// The per-connector locks, keyed by store and connector id.
#[derive(Default)]
pub(crate) struct ConnectorQueue {
    locks: Mutex<HashMap<Key, Weak<Mutex<()>>>>,
}

/// Past this many entries, forgotten connectors are swept from the map.
const SWEEP_AT: usize = 1024;

impl ConnectorQueue {
    /// The process's queue, shared by every harness.
    pub(crate) fn global() -> &'static ConnectorQueue {
        static QUEUE: OnceLock<ConnectorQueue> = OnceLock::new();
        QUEUE.get_or_init(ConnectorQueue::default)
    }

    /// Waits for the turn on connector `id` of the store known as `store`
    /// (at most `timeout`; `None` when it did not come, and the execution
    /// goes on without it).
    pub(crate) fn turn(&self, store: &str, id: &str, timeout: Duration) -> Option<Turn> {
        let key = (store.to_owned(), id.to_owned());
        let lock = {
            let mut locks = self.locks.lock();
            match locks.get(&key).and_then(Weak::upgrade) {
                Some(lock) => lock,
                None => {
                    if locks.len() >= SWEEP_AT {
                        locks.retain(|_, lock| lock.strong_count() > 0);
                    }
                    let lock = Arc::new(Mutex::new(()));
                    locks.insert(key.clone(), Arc::downgrade(&lock));
                    lock
                }
            }
        };
        lock.try_lock_arc_for(timeout)
            .map(|guard| Turn { key, _guard: guard })
    }
}

impl Turn {
    /// Whether this turn is on connector `id` of the store known as `store`.
    pub(crate) fn is_on(&self, store: &str, id: &str) -> bool {
        self.key.0 == store && self.key.1 == id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_turn_at_a_time_per_connector() {
        let queue = ConnectorQueue::default();
        let wait = Duration::from_millis(10);
        let first = queue.turn("1", "a", wait).unwrap();
        assert!(first.is_on("1", "a"));
        assert!(queue.turn("1", "a", wait).is_none());
        assert!(queue.turn("1", "b", wait).is_some());
        assert!(queue.turn("2", "a", wait).is_some(), "another store");
        drop(first);
        assert!(queue.turn("1", "a", wait).is_some());
    }

    #[test]
    fn forgotten_connectors_are_swept() {
        let queue = ConnectorQueue::default();
        for i in 0..3 * SWEEP_AT {
            drop(queue.turn("1", &i.to_string(), Duration::ZERO));
        }
        assert!(queue.locks.lock().len() <= SWEEP_AT + 1);
    }
}
