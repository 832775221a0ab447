//! Crash safety: `connectors-update run` processes killed with SIGKILL at
//! random moments leave a store that opens, passes `PRAGMA
//! integrity_check` (SQLite), and holds either the old or the new version
//! of the connector, never a mix; its history agrees.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::Instant;

use connectors_update_harness::Caller;
use connectors_update_harness::stores::NewConnector;
use connectors_update_sql::SqlStore;
use serde_json::{Map, Value, json};

use crate::support::backends::Db;
use crate::support::cli::Cli;

/// How many properties each step sets: enough that a write takes a while.
const WIDTH: usize = 200;

fn step(cli: &Cli, generation: usize) -> String {
    let properties: Map<String, Value> = (0..WIDTH)
        .map(|i| (format!("P{i}"), Value::String(format!("g{generation}"))))
        .collect();
    cli.file(
        &format!("step-{generation}.json"),
        crate::support::step_json(json!({
            "EntryId": "crash",
            "Properties": [{"PropertyName": "Secret", "PropertyValue": format!("s{generation}")}],
            "PropertiesJson": Value::Object(properties).to_string()
        })),
    )
}

/// The one generation every property of the connector holds, and its revision.
fn generation(store: &SqlStore) -> (String, u64) {
    let record = store.record("crash").unwrap().unwrap();
    let first = record.value("P0").unwrap().to_string();
    for i in 0..WIDTH {
        assert_eq!(
            record.value(&format!("P{i}")),
            Some(first.as_str()),
            "P{i} is from another version than P0: a torn write"
        );
    }
    assert_eq!(
        record.value("Secret").map(|s| s.replacen('s', "g", 1)),
        Some(first.clone()),
        "the secret is from another version"
    );
    let history = store.history(&Caller::anonymous(), "crash").unwrap();
    assert_eq!(
        history.last().unwrap().revision_after,
        record.revision,
        "the history's last write is the connector's revision"
    );
    (first, record.revision)
}

fn kill_loop(cli: &Cli, open: impl Fn() -> SqlStore, check: impl Fn(), runs: usize) {
    let store = open();
    let mut seed = NewConnector::new("Crash")
        .id("crash")
        .secret("Secret", "s0");
    for i in 0..WIDTH {
        seed = seed.set(format!("P{i}"), "g0");
    }
    store.add(seed).unwrap();
    drop(store);

    // How long one run takes here, to spread the kills over it: the
    // quickest of three, so that a probe slowed by other tests does not
    // spread the kills past the end of most runs.
    // Each probe writes (generations 1001, 1002, then 1), as every run does.
    let full = [1001, 1002, 1]
        .map(|g| {
            let probe = step(cli, g);
            let timed = Instant::now();
            cli.run(&["run", &probe]).ok_json();
            timed.elapsed()
        })
        .into_iter()
        .min()
        .unwrap();
    let mut generation_now = "g1".to_string();
    let mut revision_now = 4;

    let random = RandomState::new();
    let (mut killed, mut finished, mut new_versions) = (0, 0, 0);
    for g in 2..runs + 2 {
        let file = step(cli, g);
        let mut child = cli.spawn(&["run", &file]);
        // Anywhere from the start to past the probe's end: runs are slower
        // while other tests share the machine.
        let fraction = (random.hash_one(g) % 1000) as f64 / 1000.0 * 1.2;
        std::thread::sleep(full.mul_f64(fraction));
        match child.try_wait().unwrap() {
            Some(_) => finished += 1,
            None => {
                child.kill().unwrap();
                killed += 1;
            }
        }
        child.wait().unwrap();
        check();
        let store = open();
        let (now, revision) = generation(&store);
        if now == format!("g{g}") {
            assert_eq!(revision, revision_now + 1);
            new_versions += 1;
        } else {
            assert_eq!(now, generation_now, "neither the old nor the new version");
            assert_eq!(revision, revision_now);
        }
        (generation_now, revision_now) = (now, revision);
    }
    println!(
        "{runs} runs of {full:?}: {killed} killed with SIGKILL, {finished} finished first; {new_versions} left the new version, {} the old; every check passed",
        runs - new_versions
    );
    assert!(killed > runs / 3, "most runs were killed");
    // And the store still takes writes.
    let last = step(cli, runs + 2);
    cli.run(&["run", &last]).ok_json();
    let (now, _) = generation(&open());
    assert_eq!(now, format!("g{}", runs + 2));
}

#[test]
fn runs_killed_at_random_moments_leave_an_sqlite_store_whole() {
    let cli = Cli::new();
    let path = cli.store();
    let integrity = {
        let path = path.clone();
        move || {
            let conn = rusqlite::Connection::open(&path).unwrap();
            let result: String = conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(result, "ok");
        }
    };
    kill_loop(&cli, || SqlStore::sqlite(&path).unwrap(), integrity, 30);
}

#[test]
fn runs_killed_at_random_moments_leave_a_postgres_store_whole() {
    let Some(db) = Db::postgres() else { return };
    let location = db.store_location();
    let key = db.key_file.clone();
    let cli = Cli::on(db);
    kill_loop(
        &cli,
        || {
            SqlStore::open(
                &location,
                connectors_update_sql::KeySource::File(key.clone()),
            )
            .unwrap()
        },
        || {},
        20,
    );
}
