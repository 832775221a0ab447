//! What keeps a guest from hurting its host: the per-call limits (a
//! deadline by epoch interruption, a memory cap), the timer that drives the
//! deadline, and the input limits the harness applies before it copies a
//! step into the guest.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use wasmtime::Engine;

use crate::model::Descriptor;
use crate::model::{ExposeSecret, PropertyRow, SecretString, Step};

/// How often the deadline timer ticks: how often a computing guest looks
/// at the clock and the cancellation flag.
const TICK: Duration = Duration::from_millis(10);

/// The limits one call into the guest runs under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuestLimits {
    /// Wall-clock time one call may take, its store and token calls included
    /// (default 30 s). Past it the call ends in a `timed-out` error.
    pub deadline: Duration,
    /// The most linear memory the guest may have, in bytes (default 64 MiB).
    /// Asking for more ends the call in a `memory-limit-exceeded` error.
    pub memory_bytes: usize,
}

impl Default for GuestLimits {
    fn default() -> Self {
        GuestLimits {
            deadline: Duration::from_secs(30),
            memory_bytes: 64 * 1024 * 1024,
        }
    }
}

impl GuestLimits {
    /// Sets the deadline.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Sets the memory cap, in bytes.
    pub fn memory_bytes(mut self, bytes: usize) -> Self {
        self.memory_bytes = bytes;
        self
    }
}

/// A thread that advances the engine's epoch every [`TICK`] while the
/// harness lives; woken, stopped and joined when it is dropped, so that
/// dropping a harness (at the end of every CLI command) does not wait out
/// the rest of a tick.
pub(crate) struct EpochTicker {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl EpochTicker {
    pub(crate) fn start(engine: &Engine) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let stop = stop.clone();
            let engine = engine.clone();
            std::thread::Builder::new()
                .name("connectors-update-deadline".into())
                .spawn(move || {
                    let mut next = Instant::now() + TICK;
                    while !stop.load(Ordering::Relaxed) {
                        // Parked, not asleep: `Drop` unparks it at once. A
                        // spurious wake-up before the tick only parks again.
                        let now = Instant::now();
                        if now < next {
                            std::thread::park_timeout(next - now);
                            continue;
                        }
                        engine.increment_epoch();
                        next = now + TICK;
                    }
                })?
        };
        Ok(EpochTicker {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for EpochTicker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

/// The size limits the action publishes in its descriptor, which the harness
/// applies before it copies a step into the guest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct InputLimits {
    step_bytes: Option<usize>,
    entry_id_bytes: Option<usize>,
    rows: Option<usize>,
    properties_json_bytes: Option<usize>,
    value_bytes: Option<usize>,
}

impl InputLimits {
    /// Reads the limits by their keys; a component that publishes none gets no pre-check.
    pub(crate) fn from_descriptor(descriptor: &Descriptor) -> Self {
        let get = |key: &str| {
            descriptor
                .limits
                .iter()
                .find(|l| l.key == key)
                .and_then(|l| usize::try_from(l.max).ok())
        };
        InputLimits {
            step_bytes: get("step-json-bytes"),
            entry_id_bytes: get("entry-id-bytes"),
            rows: get("properties-rows"),
            properties_json_bytes: get("properties-json-bytes"),
            value_bytes: get("value-bytes"),
        }
    }

    /// The step itself when it is within the limits; otherwise a small
    /// stand-in that crosses the same first limit, in the action's order of
    /// checks (EntryId size, rows, PropertiesJson size, each row's size,
    /// total size), so that the action reports the same `limit-exceeded`
    /// error without the step being copied in.
    pub(crate) fn stand_in<'a>(&self, step: &'a Step) -> std::borrow::Cow<'a, Step> {
        match self.over_limits(step) {
            Some(stand_in) => std::borrow::Cow::Owned(stand_in),
            None => std::borrow::Cow::Borrowed(step),
        }
    }

    /// The stand-in for a step over the limits; `None` for a step within them.
    fn over_limits(&self, step: &Step) -> Option<Step> {
        let over = |limit: Option<usize>, len: usize| limit.is_some_and(|limit| len > limit);
        let clip = |limit: Option<usize>, text: &str| match limit {
            Some(limit) if text.len() > limit => prefix_over(text, limit).to_owned(),
            _ => text.to_owned(),
        };
        let blank_rows = |n: usize| vec![PropertyRow::default(); n];
        if over(self.entry_id_bytes, step.entry_id.len()) {
            return Some(Step {
                entry_id: clip(self.entry_id_bytes, &step.entry_id),
                ..Step::default()
            });
        }
        if let Some(limit) = self.rows
            && step.properties.len() > limit
        {
            return Some(Step {
                entry_id: step.entry_id.clone(),
                properties: blank_rows(limit + 1),
                ..Step::default()
            });
        }
        let json = step.properties_json.expose_secret();
        if over(self.properties_json_bytes, json.len()) {
            return Some(Step {
                entry_id: step.entry_id.clone(),
                properties: blank_rows(step.properties.len()),
                properties_json: SecretString::from(clip(self.properties_json_bytes, json)),
                ..Step::default()
            });
        }
        let row_over = |row: &PropertyRow| {
            over(self.value_bytes, row.name.len()) || over(self.value_bytes, row.value_text().len())
        };
        if let Some(at) = step.properties.iter().position(row_over) {
            let row = &step.properties[at];
            let mut properties = blank_rows(step.properties.len());
            properties[at] = PropertyRow {
                name: clip(self.value_bytes, &row.name),
                value: Some(SecretString::from(clip(self.value_bytes, row.value_text()))),
            };
            return Some(Step {
                entry_id: step.entry_id.clone(),
                properties,
                ..Step::default()
            });
        }
        if let Some(limit) = self.step_bytes {
            let total = step.entry_id.len()
                + json.len()
                + step
                    .properties
                    .iter()
                    .map(|row| row.name.len() + row.value_text().len())
                    .sum::<usize>();
            if total > limit {
                return Some(Step {
                    entry_id: step.entry_id.clone(),
                    properties: blank_rows(step.properties.len()),
                    properties_json: SecretString::from(" ".repeat(limit + 1)),
                    ..Step::default()
                });
            }
        }
        None
    }

    /// The step JSON itself when it is within the size limit; otherwise a
    /// stand-in just over it, which the action refuses the same way.
    pub(crate) fn stand_in_json<'a>(&self, json: &'a str) -> std::borrow::Cow<'a, str> {
        match self.step_bytes {
            Some(limit) if json.len() > limit => " ".repeat(limit + 1).into(),
            _ => json.into(),
        }
    }
}

/// The shortest prefix of `text` longer than `limit` bytes that ends on a character boundary.
fn prefix_over(text: &str, limit: usize) -> &str {
    let mut end = limit + 1;
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> InputLimits {
        InputLimits {
            step_bytes: Some(100),
            entry_id_bytes: Some(10),
            rows: Some(3),
            properties_json_bytes: Some(50),
            value_bytes: Some(20),
        }
    }

    fn stand_in(step: Step) -> Step {
        limits().stand_in(&step).into_owned()
    }

    #[test]
    fn a_step_within_the_limits_is_passed_as_it_is() {
        let step = Step {
            entry_id: "c1".into(),
            properties: vec![PropertyRow::new("A", "1")],
            properties_json: SecretString::from("{}".to_string()),
            ..Step::default()
        };
        assert!(matches!(limits().stand_in(&step), std::borrow::Cow::Borrowed(s) if *s == step));
    }

    #[test]
    fn a_stand_in_crosses_the_same_first_limit_and_stays_small() {
        let huge = "é".repeat(1_000_000);
        let s = stand_in(Step {
            entry_id: huge.clone(),
            ..Step::default()
        });
        assert!(s.entry_id.len() > 10 && s.entry_id.len() <= 12);

        let rows = vec![PropertyRow::new("A", "a value"); 10_000];
        let s = stand_in(Step {
            entry_id: "c1".into(),
            properties: rows,
            ..Step::default()
        });
        assert_eq!(s.properties.len(), 4);
        assert!(s.properties.iter().all(|r| r.value_text().is_empty()));

        let s = stand_in(Step {
            entry_id: "c1".into(),
            properties_json: SecretString::from(huge.clone()),
            ..Step::default()
        });
        assert_eq!(
            s.properties_json.expose_secret().len(),
            52,
            "two-byte characters"
        );

        let s = stand_in(Step {
            entry_id: "c1".into(),
            properties: vec![PropertyRow::new("A", "ok"), PropertyRow::new("B", huge)],
            ..Step::default()
        });
        assert_eq!(s.properties[0], PropertyRow::default());
        assert_eq!(s.properties[1].value_text().len(), 22);

        // Within each field's limit, but over the total: the shortest total over it.
        let rows = vec![PropertyRow::new("A", "x".repeat(20)); 3];
        let s = stand_in(Step {
            entry_id: "c1".into(),
            properties: rows,
            properties_json: SecretString::from("y".repeat(50)),
            ..Step::default()
        });
        assert_eq!(s.properties_json.expose_secret().len(), 101);
    }
}
