//! The CLI as a careless user meets it: secrets typed in the wrong shape,
//! secrets read from files and standard input, passwords in store URLs and
//! keys in the environment. The runner checks every output for the canary;
//! each test also checks the status and the code, so that it fails if the
//! command never reached the place that could have leaked.

use serde_json::json;

use crate::support::CANARY;
use crate::support::cli::{Cli, Run};

/// Asserts exit status `status` and a first line starting `error[CODE]: PREFIX`.
fn refused(run: &Run, status: i32, code: &str, prefix: &str) {
    assert_eq!(run.status, status, "stderr: {}", run.stderr);
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
    let expected = format!("error[{code}]: {prefix}");
    assert!(
        run.stderr.starts_with(&expected),
        "expected {expected:?}, got: {}",
        run.stderr
    );
}

#[test]
fn a_secret_typed_in_the_wrong_shape_is_not_repeated() {
    let cli = Cli::new();
    let stray = format!("APIKey={}", &CANARY[..6]);
    let unknown = format!("--secrte=APIKey={CANARY}");
    let with_equals = format!("--secret={CANARY}");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        // No `NAME=`: the whole text is the secret.
        (
            vec!["connector", "add", "--name", "X", "--secret", CANARY],
            "--secret takes NAME=VALUE, NAME=@FILE or NAME=-, and a value was given without 'NAME='",
        ),
        (
            vec!["connector", "add", "--name", "X", &with_equals],
            "--secret takes NAME=VALUE",
        ),
        (
            vec!["connector", "add", "--name", "X", "--set", CANARY],
            "--set takes NAME=VALUE, and a value was given without 'NAME='",
        ),
        // An unquoted value with a space: its second half is a stray argument.
        (
            vec![
                "connector",
                "add",
                "--name",
                "X",
                "--secret",
                &stray,
                CANARY,
            ],
            "an argument does not belong to any option",
        ),
        (
            vec!["connector", "add", "--name", "X", &unknown],
            "there is no option '--secrte'; did you mean the option '--secret'?",
        ),
        (
            vec!["run", "step.json", "--merge-mode", CANARY],
            "'--merge-mode <MERGE_MODE>' does not take the value given (not repeated here); the values are replace, deep",
        ),
        (vec![CANARY], "there is no such command"),
        (vec!["connector", CANARY], "there is no such command"),
        (
            vec!["connector", "show", "X", CANARY],
            "an argument does not belong to any option",
        ),
    ];
    for (args, prefix) in cases {
        let run = cli.run(&args);
        refused(&run, 2, "usage", prefix);
    }
    assert!(!cli.store().exists(), "a refused add created the store");
}

#[test]
fn help_and_version_still_print() {
    let cli = Cli::new();
    let help = cli.run(&["connector", "add", "--help"]);
    assert_eq!(help.status, 0, "{}", help.stderr);
    assert!(help.stdout.contains("NAME=@FILE"), "{}", help.stdout);
    let version = cli.run(&["--version"]);
    assert_eq!(version.status, 0);
    assert!(version.stdout.starts_with("connectors-update "));
    let missing = cli.run(&["connector", "add"]);
    refused(&missing, 2, "usage", "missing '--name <NAME>'");
    assert!(
        missing
            .stderr
            .contains("Usage: connectors-update connector add")
    );
}

#[test]
fn a_secret_from_a_file_or_standard_input() {
    let cli = Cli::new();
    let file = cli.file("key.txt", format!("{CANARY}\n"));
    cli.run(&[
        "connector",
        "add",
        "--name",
        "F",
        "--id",
        "f",
        "--secret",
        &format!("APIKey=@{file}"),
    ])
    .ok_json();
    let from_stdin = cli
        .run_with_stdin(
            &[
                "connector",
                "add",
                "--name",
                "S",
                "--id",
                "s",
                "--kind",
                "oauth2",
                "--set",
                "ClientId=c",
                "--secret",
                "ClientSecret=-",
            ],
            &format!("{CANARY}\r\n"),
        )
        .ok_json();
    assert_eq!(from_stdin["secrets"], json!(["ClientSecret"]));
    // Only one line ending is taken off: a value may end in a newline.
    let two = cli.file("two.txt", "line\n\n");
    cli.run(&[
        "connector",
        "add",
        "--name",
        "T",
        "--id",
        "t",
        "--secret",
        &format!("K=@{two}"),
        "--set",
        "Handle=@bob",
    ])
    .ok_json();
    let reveal = |id: &str| cli.run(&["connector", "show", id, "--reveal"]).ok_json();
    assert_eq!(reveal("f")["properties"], json!({"APIKey": CANARY}));
    assert_eq!(
        reveal("s")["properties"],
        json!({"ClientId": "c", "ClientSecret": CANARY})
    );
    // `--set` takes its value as written, `@` included.
    assert_eq!(
        reveal("t")["properties"],
        json!({"K": "line\n", "Handle": "@bob"})
    );
}

#[test]
fn an_unreadable_secret_file_is_named_never_read_out() {
    let cli = Cli::new();
    let missing = cli.dir.path().join("missing.txt").display().to_string();
    let folder = cli.dir.path().display().to_string();
    let mut not_utf8 = CANARY.as_bytes().to_vec();
    not_utf8.push(0xff);
    let binary = cli.file("binary.txt", not_utf8);
    let huge = cli.file("huge.txt", format!("{CANARY}{}", "x".repeat(1024 * 1024)));
    let add = |secret: String, stdin: &str| {
        cli.run_with_stdin(
            &["connector", "add", "--name", "X", "--secret", &secret],
            stdin,
        )
    };
    refused(
        &add(format!("APIKey=@{missing}"), ""),
        2,
        "usage",
        &format!("cannot read secret 'APIKey' from the file '{missing}': "),
    );
    refused(
        &add(format!("APIKey=@{folder}"), ""),
        2,
        "usage",
        "cannot read secret 'APIKey' from the file",
    );
    refused(
        &add(format!("APIKey=@{binary}"), ""),
        1,
        "invalid-parameter",
        &format!("secret 'APIKey': the file '{binary}' is not UTF-8 text"),
    );
    refused(
        &add(format!("APIKey=@{huge}"), ""),
        1,
        "limit-exceeded",
        &format!("secret 'APIKey': the file '{huge}' holds more than 1 MiB"),
    );
    refused(
        &add("APIKey=@".into(), ""),
        2,
        "usage",
        "--secret APIKey=@FILE: the file name after '@' is empty",
    );
    let empty = cli.file("empty.txt", "");
    refused(
        &add(format!("APIKey=@{empty}"), ""),
        1,
        "invalid-parameter",
        &format!(
            "secret 'APIKey': the file '{empty}' is empty; give the value there, or --secret APIKey= for an empty secret"
        ),
    );
    refused(
        &add("APIKey=-".into(), ""),
        1,
        "invalid-parameter",
        "secret 'APIKey': standard input is empty",
    );
    let two_stdins = cli.run_with_stdin(
        &[
            "connector",
            "add",
            "--name",
            "X",
            "--secret",
            "A=-",
            "--secret",
            "B=-",
        ],
        CANARY,
    );
    refused(
        &two_stdins,
        2,
        "usage",
        "--secret B=-: only one secret can come from standard input",
    );
    assert!(!cli.store().exists(), "a refused add created the store");
}

#[test]
fn a_property_given_twice_is_refused() {
    let cli = Cli::new();
    for (args, message) in [
        (
            ["--set", "K=1", "--secret", &format!("K={CANARY}")],
            "property 'K' is given twice (--set and --secret); give each property once",
        ),
        (
            ["--set", "K=1", "--set", "K=2"],
            "property 'K' is given twice (--set and --set)",
        ),
        (
            ["--secret", &format!("K={CANARY}"), "--secret", "K=2"],
            "property 'K' is given twice (--secret and --secret)",
        ),
    ] {
        let mut all = vec!["connector", "add", "--name", "X"];
        all.extend(args);
        let run = cli.run(&all);
        refused(&run, 1, "invalid-parameter", message);
    }
    assert!(!cli.store().exists(), "a refused add created the store");
    // Names that differ in case are two properties, as in a step.
    let added = cli
        .run(&[
            "connector",
            "add",
            "--name",
            "X",
            "--set",
            "K=1",
            "--set",
            "k=2",
        ])
        .ok_json();
    assert_eq!(added["properties"], json!({"K": "1", "k": "2"}));
}

#[test]
fn a_value_that_breaks_a_rule_is_not_repeated() {
    let cli = Cli::new();
    let run = cli.run(&[
        "connector",
        "add",
        "--name",
        "R",
        "--kind",
        "rest-api",
        "--secret",
        "APIKey=k",
        "--set",
        &format!("Endpoint={CANARY}"),
    ]);
    refused(
        &run,
        1,
        "validation-failed",
        "the connector breaks 1 rule(s)",
    );
    assert!(run.stderr.contains("Endpoint"), "{}", run.stderr);
}

#[test]
fn a_password_in_the_store_url_is_never_printed() {
    let cli = Cli::new();
    // Port 1 on the loopback refuses at once: the connection fails.
    let url = format!("postgres://app:{CANARY}@127.0.0.1:1/creds?connect_timeout=2");
    let bad_port = format!("postgres://app:{CANARY}@127.0.0.1:notaport/creds");
    let libpq = format!("host=127.0.0.1 port=1 user=app password={CANARY} connect_timeout=2");
    // An address that does not parse is refused before any connection.
    for (store, code) in [
        (&url, "store-unavailable"),
        (&bad_port, "invalid-parameter"),
        (&libpq, "store-unavailable"),
    ] {
        let start = format!("error[{code}]: ");
        let typed = cli.run_bare(&["--store", store, "connector", "list"], None);
        assert_eq!(typed.status, 1, "{}", typed.stderr);
        assert!(typed.stderr.starts_with(&start), "{}", typed.stderr);
        let from_env = cli.run_bare(&["connector", "list"], Some(("CONNECTORS_STORE", store)));
        assert_eq!(from_env.status, 1, "{}", from_env.stderr);
        assert!(from_env.stderr.starts_with(&start), "{}", from_env.stderr);
    }
    // Help shows that the variable is read, never its value.
    let help = cli.run_bare(&["--help"], Some(("CONNECTORS_STORE", &url)));
    assert_eq!(help.status, 0);
    assert!(help.stdout.contains("CONNECTORS_STORE"), "{}", help.stdout);
}

#[test]
fn a_malformed_key_in_the_environment_is_never_printed() {
    let cli = Cli::new();
    // rotate-key needs a store to rotate.
    cli.run(&["connector", "add", "--name", "A"]).ok_json();
    for variable in ["CONNECTORS_KEY", "CONNECTORS_NEW_KEY"] {
        let args: &[&str] = if variable == "CONNECTORS_KEY" {
            &["connector", "list"]
        } else {
            &["connector", "rotate-key"]
        };
        let run = cli.run_with_env(args, variable, CANARY);
        refused(&run, 1, "store-key", variable);
    }
}

#[test]
fn a_malformed_key_file_is_never_printed() {
    let cli = Cli::new();
    cli.run(&["connector", "add", "--name", "X"]).ok_json();
    let key = cli.dir.path().join("store.db.key");
    std::fs::write(&key, CANARY).unwrap();
    let run = cli.run(&["connector", "list"]);
    refused(&run, 1, "store-key", "");
    assert!(run.stderr.contains("store.db.key"), "{}", run.stderr);
}

#[test]
fn a_key_typed_where_a_path_or_an_option_belongs_is_never_printed() {
    let cli = Cli::new();
    cli.run(&["connector", "add", "--name", "A"]).ok_json();
    // A real store key, as `CONNECTORS_KEY` holds one.
    let key = std::fs::read_to_string(cli.store().with_extension("db.key")).unwrap();
    let key = key.trim();
    let dashed = format!("-{key}");
    let store = cli.store().display().to_string();
    let at_key = format!("A=@{key}");
    // No server listens on port 1.
    let pg_user = format!("postgres://{key}@127.0.0.1:1/db?connect_timeout=1");
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec!["--store", &store, "--key-file", key, "connector", "list"],
            1,
            "store-key",
        ),
        (
            vec!["--store", key, "connector", "list"],
            1,
            "store-not-found",
        ),
        (
            vec!["--store", &store, "connector", "show", &dashed],
            2,
            "usage",
        ),
        // Where a name, a file or an address belongs.
        (
            vec!["--store", &store, "connector", "show", key],
            1,
            "connector-not-found",
        ),
        (
            vec![
                "--store",
                &store,
                "connector",
                "add",
                "--name",
                "B",
                "--secret",
                &at_key,
            ],
            2,
            "usage",
        ),
        (
            vec![
                "--store",
                &pg_user,
                "--key-file",
                &store,
                "connector",
                "list",
            ],
            1,
            "store-unavailable",
        ),
    ];
    for (args, status, code) in cases {
        let run = cli.run_bare(&args, None);
        assert_eq!(run.status, status, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!("error[{code}]")),
            "{args:?}: {}",
            run.stderr
        );
        for part in [key, &key[..8], &key[key.len() - 8..]] {
            assert!(!run.stderr.contains(part), "{args:?}: {}", run.stderr);
            assert!(!run.stdout.contains(part), "{args:?}: {}", run.stdout);
        }
    }
    // Nor is the letter clap cuts from the front of `-KEY`.
    let run = cli.run_bare(&["--store", &store, "connector", "show", &dashed], None);
    assert!(
        !run.stderr.contains(&format!("'-{}'", &key[..1])),
        "{}",
        run.stderr
    );
}
