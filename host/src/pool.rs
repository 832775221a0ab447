//! How a harness gets the instance each call runs in: allocated for the
//! call, or taken from a pool of reserved, reused slots; and the count of
//! free slots that makes a call wait for one rather than fail.

use std::time::Duration;

use parking_lot::{Condvar, Mutex};
use wasmtime::{Enabled, InstanceAllocationStrategy, PoolingAllocationConfig};

/// How a [`Harness`](crate::Harness) allocates the wasmtime instance of
/// each call. Either way every call gets a fresh instance: nothing one call
/// leaves in the guest's memory is seen by the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InstanceAllocation {
    /// Each call maps the guest's memory and tables, and unmaps them after
    /// it. Nothing is reserved up front, so a process that runs a handful
    /// of steps (the CLI) starts at once; each call pays the kernel's
    /// mapping, and calls on several threads contend in it.
    OnDemand,
    /// Calls take an instance slot from a pool the harness reserves when it
    /// is built: about 4 GiB of address space per slot (wasmtime's default
    /// memory reservation, so that a memory grows in place up to the cap),
    /// and, once a slot has
    /// been used, up to 2 MiB of its memory kept resident. A slot is reset
    /// copy-on-write after each call, so a long-lived harness instantiates
    /// in microseconds and does not map memory per call.
    ///
    /// At most `slots` calls run at once (0 counts as 1); one more waits
    /// for a slot to be freed, within its deadline, and ends in `timed-out`
    /// (or `cancelled`) if none is. A call holds its slot while it waits on
    /// its store and tokens, so a store must not call back into the same
    /// harness: with every slot held, that inner call would wait out its
    /// deadline.
    ///
    /// The pool is sized for the `Connectors.Update` component: one linear
    /// memory and a few tables per instance. A component given to the
    /// builder that has more fails to load (`load-failed`); run it with
    /// [`InstanceAllocation::OnDemand`].
    Pooled {
        /// How many calls may run at once.
        slots: u32,
    },
}

impl Default for InstanceAllocation {
    /// Pooled, with [`InstanceAllocation::DEFAULT_SLOTS`] slots.
    fn default() -> Self {
        InstanceAllocation::Pooled {
            slots: Self::DEFAULT_SLOTS,
        }
    }
}

impl InstanceAllocation {
    /// The default number of pooled slots: more calls at once than a
    /// machine has cores, so that calls waiting on a store do not hold up
    /// the others, at 256 GiB of reserved address space (of the 128 TiB a
    /// 64-bit Linux process has).
    pub const DEFAULT_SLOTS: u32 = 64;

    /// The wasmtime strategy, with the pool's limits sized for one
    /// `Connectors.Update` component per slot, whose memory may grow to
    /// `memory_bytes`.
    pub(crate) fn strategy(self, memory_bytes: usize) -> InstanceAllocationStrategy {
        match self {
            InstanceAllocation::OnDemand => InstanceAllocationStrategy::OnDemand,
            InstanceAllocation::Pooled { slots } => {
                let slots = slots.max(1);
                let mut pool = PoolingAllocationConfig::new();
                pool.total_component_instances(slots)
                    .max_core_instances_per_component(CORE_INSTANCES)
                    .total_core_instances(slots.saturating_mul(CORE_INSTANCES))
                    .max_memories_per_component(MEMORIES)
                    .total_memories(slots.saturating_mul(MEMORIES))
                    .max_tables_per_component(TABLES)
                    .total_tables(slots.saturating_mul(TABLES))
                    // The memory cap is the store limiter's to enforce, so
                    // that a guest over it ends in `memory-limit-exceeded`
                    // however small the cap; the pool only has to hold it,
                    // up to the 4 GiB a 32-bit wasm memory can reach (the
                    // pool refuses more than its reservation).
                    .max_memory_size(memory_bytes.clamp(MIN_SLOT_MEMORY, MAX_SLOT_MEMORY))
                    .linear_memory_keep_resident(KEEP_RESIDENT)
                    .table_keep_resident(KEEP_RESIDENT)
                    // Where the kernel can say which pages a call touched
                    // (Linux 6.7 and later), only those are reset, not the
                    // whole resident part.
                    .pagemap_scan(Enabled::Auto);
                InstanceAllocationStrategy::Pooling(pool)
            }
        }
    }

    /// The slots calls take turns on, for a pooled allocation.
    pub(crate) fn slots(self) -> Option<Slots> {
        match self {
            InstanceAllocation::OnDemand => None,
            InstanceAllocation::Pooled { slots } => Some(Slots::new(slots.max(1))),
        }
    }
}

/// Core instances in one component instance: the action's module and the
/// small modules `wit-component` adds to lower imports and adapt them,
/// with room for a few more.
const CORE_INSTANCES: u32 = 16;
/// Linear memories in one component instance: the action has one.
const MEMORIES: u32 = 1;
/// Tables in one component instance: the action's and its shims'.
const TABLES: u32 = 4;
/// The least memory a slot holds, whatever the cap: room for the
/// component's initial memory under a cap smaller than it.
const MIN_SLOT_MEMORY: usize = 64 << 20;
/// The most memory a slot holds: all that a 32-bit wasm memory can address.
const MAX_SLOT_MEMORY: usize = 1 << 32;
/// How much of a slot's memory stays mapped between calls, reset with a
/// copy rather than given back to the kernel: the guest's stack, data and
/// a typical call's heap fit in it.
const KEEP_RESIDENT: usize = 2 << 20;

/// How often a call that waits for a slot looks at its deadline and its
/// cancellation flag.
const WAIT_TICK: Duration = Duration::from_millis(10);

/// The free slots of a pooled harness; a call takes one before it
/// instantiates and gives it back when its instance is gone.
#[derive(Debug)]
pub(crate) struct Slots {
    free: Mutex<u32>,
    freed: Condvar,
}

/// A slot held by one call, given back when dropped.
#[derive(Debug)]
pub(crate) struct Slot<'a>(&'a Slots);

impl Slots {
    fn new(count: u32) -> Self {
        Slots {
            free: Mutex::new(count),
            freed: Condvar::new(),
        }
    }

    /// Takes a slot, waiting for one while `stop` says to go on; the
    /// reason `stop` gives when it says to stop. `stop` runs under the
    /// lock: it must only look (at a flag, at the clock), never block.
    pub(crate) fn take<S>(&self, mut stop: impl FnMut() -> Option<S>) -> Result<Slot<'_>, S> {
        let mut free = self.free.lock();
        loop {
            if *free > 0 {
                *free -= 1;
                return Ok(Slot(self));
            }
            if let Some(reason) = stop() {
                return Err(reason);
            }
            self.freed.wait_for(&mut free, WAIT_TICK);
        }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        *self.0.free.lock() += 1;
        self.0.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_waits_for_a_freed_slot() {
        let slots = Slots::new(1);
        let held = slots.take(|| None::<()>).expect("one slot is free");
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| slots.take(|| None::<()>).map(|_| ()));
            std::thread::sleep(Duration::from_millis(30));
            drop(held);
            assert_eq!(waiter.join().expect("no panic"), Ok(()));
        });
    }

    #[test]
    fn a_call_that_must_stop_gives_up_waiting_with_its_reason() {
        let slots = Slots::new(1);
        let _held = slots.take(|| None::<&str>).expect("one slot is free");
        let mut looks = 0;
        let waited = slots.take(|| {
            looks += 1;
            (looks > 2).then_some("timed out")
        });
        assert_eq!(waited.map(|_| ()).unwrap_err(), "timed out");
        assert_eq!(*slots.free.lock(), 0, "the held slot is still held");
    }

    #[test]
    fn a_slot_is_given_back_when_its_call_ends() {
        let slots = Slots::new(2);
        drop(slots.take(|| None::<()>));
        let _a = slots.take(|| None::<()>).expect("free again");
        let _b = slots.take(|| None::<()>).expect("the second slot");
        assert_eq!(*slots.free.lock(), 0);
    }
}
