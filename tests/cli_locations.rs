//! `--store` and `CONNECTORS_STORE` as a careless user types them: a store
//! location is a file's path or a supported PostgreSQL address; anything
//! else shaped like an address is refused with `invalid-parameter`, naming
//! the supported forms, creating nothing and printing no password.

use std::collections::BTreeSet;

use crate::support::CANARY;
use crate::support::cli::Cli;

/// The names in the CLI's folder.
fn listing(cli: &Cli) -> BTreeSet<String> {
    std::fs::read_dir(cli.dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Addresses mistyped in every way the trial tried, each holding the canary
/// as its password.
fn mistyped() -> Vec<String> {
    vec![
        format!("pg://app:{CANARY}@127.0.0.1:55432/conn"),
        format!("sqlite://{CANARY}.db"),
        format!("sqlite:{CANARY}.db"),
        format!("http://app:{CANARY}@127.0.0.1/"),
        format!("postgres:app:{CANARY}@127.0.0.1:55432/conn"),
        format!("postgress:app:{CANARY}@127.0.0.1"),
        format!("app:{CANARY}@127.0.0.1"),
        format!("app_user:{CANARY}@db.example/conn"),
        format!("postgres://app@{CANARY}@127.0.0.1:55432/conn"),
        format!("postgres://app:p@ss/{CANARY}@127.0.0.1:55432/conn"),
        format!("host=127.0.0.1 password={CANARY} nonsense"),
        String::new(),
    ]
}

#[test]
fn a_mistyped_address_is_refused_creates_nothing_and_prints_no_password() {
    let cli = Cli::new();
    for location in mistyped() {
        for args in [
            &["connector", "add", "--name", "T", "--secret", "K=v"][..],
            &["connector", "list"][..],
            &["designer"][..],
        ] {
            let before = listing(&cli);
            for run in [
                cli.run_bare(args, Some(("CONNECTORS_STORE", &location))),
                cli.run_bare(&[&["--store", location.as_str()][..], args].concat(), None),
            ] {
                // The helper has checked that no output holds the canary.
                assert_eq!(run.status, 1, "{location} {args:?}: {}", run.stderr);
                assert!(
                    run.stderr.starts_with("error[invalid-parameter]: "),
                    "{location} {args:?}: {}",
                    run.stderr
                );
                assert!(
                    run.stderr.contains("postgres://USER:PASSWORD@HOST")
                        && run.stderr.contains("a file's path"),
                    "the supported forms are named: {}",
                    run.stderr
                );
                assert_eq!(run.stdout, "", "{location} {args:?}");
            }
            assert_eq!(listing(&cli), before, "{location} {args:?} created a file");
        }
    }
}

#[test]
fn a_path_with_a_colon_is_a_path_when_it_says_so() {
    let cli = Cli::new();
    let run = cli.run_bare(
        &[
            "--store",
            "./a:b.db",
            "connector",
            "add",
            "--name",
            "T",
            "--secret",
            "K=v",
        ],
        None,
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(cli.dir.path().join("a:b.db").exists());
    let list = cli.run_bare(&["--store", "./a:b.db", "connector", "list"], None);
    assert_eq!(list.status, 0, "{}", list.stderr);
    // Without `./`, the same text is shaped like an address, and refused.
    let run = cli.run_bare(&["--store", "a:b.db", "connector", "list"], None);
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("start a path"), "{}", run.stderr);
}

#[test]
fn a_postgres_address_that_cannot_be_reached_is_named_without_its_password() {
    let cli = Cli::new();
    for location in [
        format!("postgres://app:{CANARY}@127.0.0.1:1/conn?connect_timeout=2"),
        format!("postgresql://app:a/{CANARY}@127.0.0.1:1/conn?connect_timeout=2"),
        format!("host=127.0.0.1 port=1 user=app password={CANARY} dbname=conn connect_timeout=2"),
    ] {
        let before = listing(&cli);
        let run = cli.run_bare(
            &["connector", "list"],
            Some(("CONNECTORS_STORE", &location)),
        );
        assert_eq!(run.status, 1, "{location}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("error[store-unavailable]"),
            "{location}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("postgres://app@127.0.0.1:1/conn"),
            "{}",
            run.stderr
        );
        assert_eq!(listing(&cli), before);
    }
}
