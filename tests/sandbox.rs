//! The guest cannot hurt the host: a purpose-built hostile component
//! (`tests/guests/hostile.wat`, never the product) loops, grows its memory,
//! panics and overflows its stack, and each ends in a clear harness error
//! while the harness goes on serving. Every test runs with instances
//! allocated on demand (the CLI's) and from a pool (a long-lived
//! harness's), where one call's slot is reused by the next.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use connectors_update_harness::stores::MemoryStore;
use connectors_update_harness::tokens::NoTokens;
use connectors_update_harness::{
    Abort, CancelHandle, ErrorCode, Execution, GuestLimits, Harness, HarnessError,
    InstanceAllocation, Step,
};

/// The hostile module, given the world's component type by `wit-component`.
fn hostile() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| hostile_with_wit(|_, text| text))
}

/// The hostile guest, made a component of the WIT as `edit` rewrites each
/// of its files (given the file's name and text).
fn hostile_with_wit(edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let wit = tempfile::tempdir().unwrap();
        for entry in std::fs::read_dir(format!("{root}/wit")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            // The hostile guest exports the action only: `store-support`,
            // which the harness never calls, is left out of its world.
            let text = std::fs::read_to_string(&path)
                .unwrap()
                .replace("    export store-support;\n", "");
            std::fs::write(wit.path().join(&name), edit(&name, text)).unwrap();
        }
        let mut resolve = wit_parser::Resolve::default();
        let (package, _) = resolve.push_dir(wit.path()).unwrap();
        let world = resolve
            .select_world(&[package], Some("connectors-update"))
            .unwrap();
        let mut module = wat::parse_file(format!("{root}/tests/guests/hostile.wat")).unwrap();
        wit_component::embed_component_metadata(
            &mut module,
            &resolve,
            world,
            wit_component::StringEncoding::UTF8,
            false,
        )
        .unwrap();
        wit_component::ComponentEncoder::default()
            .module(&module)
            .unwrap()
            .validate(true)
            .encode()
            .unwrap()
    }
}

#[test]
fn a_component_whose_export_has_another_type_is_refused_when_the_harness_is_built() {
    // The same names, but `execute` answers with a descriptor: every call
    // of it would fail to type-check, so the harness refuses to load it.
    let wrong = hostile_with_wit(|name, text| {
        if name != "action.wit" {
            return text;
        }
        let edited = text.replace(
            "execute: func(step: step) -> result<outcome, action-error>;",
            "execute: func(step: step) -> result<descriptor, action-error>;",
        );
        assert_ne!(
            edited, text,
            "the WIT still declares execute as the test expects"
        );
        edited
    });
    for allocation in ALLOCATIONS {
        let error = Harness::builder()
            .component(wrong.clone())
            .instances(allocation)
            .build()
            .err()
            .unwrap_or_else(|| panic!("{allocation:?}: a mistyped execute was loaded"));
        assert_eq!(
            error.code(),
            ErrorCode::LoadFailed,
            "{allocation:?}: {error}"
        );
        assert!(
            error.to_string().contains("`execute`"),
            "{allocation:?}: {error}"
        );
    }
    // The right shape loads.
    assert!(hostile_harnesses(limits()).count() == ALLOCATIONS.len());
}

/// Both ways of allocating instances, the pool small enough that its
/// slots are reused from one call to the next.
const ALLOCATIONS: [InstanceAllocation; 2] = [
    InstanceAllocation::OnDemand,
    InstanceAllocation::Pooled { slots: 2 },
];

/// The hostile guest under `limits`, once per allocation.
fn hostile_harnesses(limits: GuestLimits) -> impl Iterator<Item = Harness> {
    ALLOCATIONS.into_iter().map(move |allocation| {
        Harness::builder()
            .component(hostile())
            .limits(limits)
            .instances(allocation)
            .build()
            .unwrap()
    })
}

fn limits() -> GuestLimits {
    GuestLimits::default()
        .deadline(Duration::from_millis(300))
        .memory_bytes(8 * 1024 * 1024)
}

fn run(harness: &Harness, entry: &str) -> Result<(), HarnessError> {
    let step = Step {
        entry_id: entry.into(),
        ..Step::default()
    };
    harness
        .execute(&step, Arc::new(MemoryStore::new()), Arc::new(NoTokens))
        .map(|_| ())
}

fn aborted(result: Result<(), HarnessError>) -> (Abort, String, String) {
    match result {
        Err(error @ HarnessError::Aborted { .. }) => {
            let HarnessError::Aborted { reason, committed } = &error else {
                unreachable!()
            };
            assert_eq!(*committed, None);
            (reason.clone(), error.code().to_string(), error.to_string())
        }
        other => panic!("expected the harness to stop the guest, got {other:?}"),
    }
}

#[test]
fn a_guest_that_loops_is_stopped_at_the_deadline() {
    for harness in hostile_harnesses(limits()) {
        let (reason, code, message) = aborted(run(&harness, "loop"));
        assert_eq!(
            reason,
            Abort::TimedOut {
                after: Duration::from_millis(300)
            }
        );
        assert_eq!(code, "timed-out");
        assert_eq!(
            message,
            "the action timed out after 300 ms and was stopped; nothing was written"
        );
        run(&harness, "ok").expect("the harness keeps serving");
    }
}

#[test]
fn a_guest_that_grows_without_end_is_stopped_at_the_memory_cap() {
    for harness in hostile_harnesses(limits()) {
        let (reason, code, message) = aborted(run(&harness, "grow"));
        assert_eq!(
            reason,
            Abort::MemoryExceeded {
                limit_bytes: 8 * 1024 * 1024
            }
        );
        assert_eq!(code, "memory-limit-exceeded");
        assert_eq!(
            message,
            "the action was stopped: memory limit of 8 MiB exceeded; nothing was written"
        );
        run(&harness, "ok").expect("the harness keeps serving");
    }
}

#[test]
fn a_panic_in_the_guest_is_a_typed_error() {
    for harness in hostile_harnesses(limits()) {
        let (reason, code, message) = aborted(run(&harness, "panic"));
        assert_eq!(reason, Abort::Panicked);
        assert_eq!(code, "action-panicked");
        assert!(
            message.contains("a bug in the action, not in the step"),
            "{message}"
        );
        run(&harness, "ok").expect("the harness keeps serving");
    }
}

#[test]
fn a_stack_overflow_is_a_trap_not_a_crash() {
    for harness in hostile_harnesses(limits()) {
        let (reason, code, _) = aborted(run(&harness, "stack"));
        assert!(matches!(reason, Abort::Trap(_)), "{reason:?}");
        assert_eq!(code, "trap");
        run(&harness, "ok").expect("the harness keeps serving");
    }
}

#[test]
fn a_looping_guest_is_stopped_at_once_when_the_engine_cancels_it() {
    for harness in hostile_harnesses(GuestLimits::default().deadline(Duration::from_secs(30))) {
        let cancel = CancelHandle::new();
        let canceller = {
            let cancel = cancel.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(100));
                cancel.cancel();
            })
        };
        let started = std::time::Instant::now();
        let result = harness.execute_with(
            &Execution::new().cancel_with(&cancel),
            &Step {
                entry_id: "loop".into(),
                ..Step::default()
            },
            Arc::new(MemoryStore::new()),
            Arc::new(NoTokens),
        );
        canceller.join().unwrap();
        let (reason, code, message) = aborted(result.map(|_| ()));
        assert_eq!((reason, code.as_str()), (Abort::Cancelled, "cancelled"));
        assert_eq!(
            message,
            "the action was cancelled by the engine; nothing was written"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "stopped long before the deadline"
        );
        run(&harness, "ok").expect("the harness keeps serving");
    }
}

#[test]
fn an_execution_can_have_a_shorter_deadline_than_the_harness() {
    for harness in hostile_harnesses(GuestLimits::default()) {
        let result = harness.execute_with(
            &Execution::new().deadline(Duration::from_millis(100)),
            &Step {
                entry_id: "loop".into(),
                ..Step::default()
            },
            Arc::new(MemoryStore::new()),
            Arc::new(NoTokens),
        );
        let (reason, code, _) = aborted(result.map(|_| ()));
        assert_eq!(
            (reason, code.as_str()),
            (
                Abort::TimedOut {
                    after: Duration::from_millis(100)
                },
                "timed-out"
            )
        );
    }
}

#[test]
fn other_calls_are_served_while_one_guest_loops() {
    for harness in hostile_harnesses(limits()) {
        let harness = Arc::new(harness);
        let looping = {
            let harness = harness.clone();
            std::thread::spawn(move || aborted(run(&harness, "loop")).1)
        };
        for _ in 0..20 {
            run(&harness, "ok").expect("served while another call loops");
        }
        assert_eq!(looping.join().unwrap(), "timed-out");
    }
}

#[test]
fn the_default_limits_are_sane() {
    let limits = GuestLimits::default();
    assert_eq!(limits.deadline, Duration::from_secs(30));
    assert_eq!(limits.memory_bytes, 64 * 1024 * 1024);
    assert_eq!(crate::support::harness().limits(), limits);
}

#[test]
fn the_product_under_too_small_a_memory_cap_fails_clearly() {
    for allocation in ALLOCATIONS {
        let error = Harness::builder()
            .limits(GuestLimits::default().memory_bytes(64 * 1024))
            .instances(allocation)
            .build()
            .unwrap_err();
        assert_eq!(
            error.code(),
            "memory-limit-exceeded",
            "{allocation:?}: {error}"
        );
        assert!(
            error
                .to_string()
                .contains("memory limit of 0.06 MiB exceeded"),
            "{allocation:?}: {error}"
        );
    }
}

#[test]
fn a_guest_cannot_reach_past_its_memory_even_where_a_previous_call_grew_it() {
    // The compiled code checks every access against the memory's current
    // size (no guard pages): a pooled slot keeps a page an earlier call
    // grew mapped, and reading it from a one-page memory must still trap.
    for harness in hostile_harnesses(limits()) {
        for _ in 0..3 {
            run(&harness, "write").expect("grows to two pages and writes at 65544");
            for (entry, trap) in [
                ("beyond", "out of bounds memory access"),
                ("end", "out of bounds memory access"),
                ("zero", "integer divide by zero"),
            ] {
                match run(&harness, entry) {
                    Err(HarnessError::Aborted {
                        reason: Abort::Trap(message),
                        committed: None,
                    }) => assert!(message.contains(trap), "{entry}: {message}"),
                    other => panic!("{entry}: {other:?}"),
                }
            }
        }
        run(&harness, "x").expect("the harness goes on serving");
    }
}

#[test]
fn a_call_never_sees_what_the_previous_one_left_in_its_memory() {
    for harness in hostile_harnesses(limits()) {
        for _ in 0..5 {
            run(&harness, "write").expect("leaves a mark");
            run(&harness, "read").expect("a fresh instance: no mark, one page");
        }
    }
}
