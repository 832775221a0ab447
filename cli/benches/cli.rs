//! What a process that runs one step pays: the whole `connectors-update`
//! process, from exec to exit, for `run STEP` (which loads the component)
//! against `connector list` (which loads none), on the same SQLite store.
//! Prints each command's median of many runs and the ratio; the aim is
//! `run` within 3× of `connector list`.
//!
//! Run with `cargo bench -p connectors-update --bench cli`. Not criterion:
//! each sample is a whole process, and the figure wanted is the ratio of
//! two medians taken in one run, alternating so that both see the same
//! machine.

#![allow(clippy::unwrap_used, missing_docs)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 41;

/// Seed example 1 on the connector named `name`.
fn step(name: &str) -> String {
    format!(
        r#"{{"ActionType": "Connectors.Update", "Parameters": {{"EntryId": "{name}",
  "Properties": [{{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}}],
  "PropertiesJson": "{{ \"Timeout\": \"30s\", \"Endpoint\": \"https://api.twitter.com/2\" }}"}}}}"#
    )
}

fn main() {
    // `cargo bench` passes `--bench`; a name filter that is not ours skips this.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    if filter.is_some_and(|f| !f.contains("cli")) {
        return;
    }
    let exe = env!("CARGO_BIN_EXE_connectors-update");
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let store = dir.path().join("bench.db").to_str().unwrap().to_string();
    // One connector the step leaves unchanged, one it writes every time.
    for (name, id) in [("Twitter API", "twitter"), ("Rotating", "rotating")] {
        run(
            exe,
            &[
                "--store",
                &store,
                "connector",
                "add",
                "--name",
                name,
                "--id",
                id,
                "--kind",
                "rest-api",
                "--secret",
                "APIKey=k0",
            ],
        );
    }
    let unchanged_step = file("unchanged.json", &step("Twitter API"));
    let writing_step = file("writes.json", &step("Rotating"));
    let tokens = ["a", "b", "c"].map(|value| {
        file(
            &format!("tokens-{value}.json"),
            &format!(r#"{{"Form:Key": "key-{value}"}}"#),
        )
    });
    let list = ["--store", &store, "connector", "list"];
    let unchanged = [
        "--store",
        &store,
        "run",
        &unchanged_step,
        "--tokens",
        &tokens[0],
    ];
    // The first run writes; after it, the same token value changes nothing.
    run(exe, &unchanged);

    let mut times: [Vec<Duration>; 3] = Default::default();
    for n in 0..RUNS + 3 {
        // Alternating token values: every one of these runs commits a write.
        let writes = [
            "--store",
            &store,
            "run",
            &writing_step,
            "--tokens",
            &tokens[1 + n % 2],
        ];
        let samples = [time(exe, &list), time(exe, &unchanged), time(exe, &writes)];
        // The first three rounds warm the page cache.
        if n >= 3 {
            for (all, sample) in times.iter_mut().zip(samples) {
                all.push(sample);
            }
        }
    }
    let [list, unchanged, writes] = times.map(median);
    println!("whole process, median of {RUNS} runs each, SQLite store:");
    println!("  connector list                  {:>9.2} ms", ms(list));
    println!(
        "  run STEP (unchanged, no write)  {:>9.2} ms  {:.2}x connector list",
        ms(unchanged),
        ratio(unchanged, list)
    );
    println!(
        "  run STEP (writes)               {:>9.2} ms  {:.2}x connector list",
        ms(writes),
        ratio(writes, list)
    );
}

fn run(exe: &str, args: &[&str]) {
    let output = Command::new(exe).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn time(exe: &str, args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = Command::new(exe)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    let took = started.elapsed();
    assert!(status.success(), "{args:?} failed");
    took
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}
