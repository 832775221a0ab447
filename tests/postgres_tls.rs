//! TLS to PostgreSQL: libpq's `sslmode` and `sslrootcert` against a real
//! server with a throwaway CA ([`tls_server`]), and the plaintext server
//! the other tests share (for `require` and `prefer` against a server
//! without TLS). Each refusal has its own message, naming no password.

use std::sync::Mutex;

use connectors_update_harness::stores::NewConnector;
use connectors_update_harness::testing;
use connectors_update_harness::{Caller, CredentialStore, StoreError};
use connectors_update_sql::{KeySource, SqlStore, StoreLocation};

use crate::stores::sql_store;
use crate::support::backends::Db;
use crate::support::cli::Cli;
use crate::support::tls_server::{TlsServer, tls_server};
use crate::support::{CANARY, assert_clean};

/// A PostgreSQL URL without its query.
fn base(url: &str) -> &str {
    url.split('?').next().unwrap()
}

/// The password in a PostgreSQL URL.
fn password_of(url: &str) -> String {
    let config: postgres::Config = base(url).parse().unwrap();
    String::from_utf8(config.get_password().unwrap().to_vec()).unwrap()
}

/// The message a store at `location` is refused with, checked to name
/// neither `password` nor the canary.
fn refused(location: &str, password: &str) -> String {
    let key = tempfile::tempdir().unwrap();
    let error = SqlStore::open(
        &StoreLocation::parse(location).unwrap(),
        KeySource::File(key.path().join("key")),
    )
    .unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(password), "the password appears: {shown}");
    assert_clean("the refusal", &shown);
    match error {
        StoreError::Unavailable(why) => why,
        other => panic!("not store-unavailable: {other:?}"),
    }
}

/// Whether each of the server connections a store of `db` holds is
/// encrypted, and with which TLS version: from `pg_stat_ssl`, by the
/// `application_name` the store's connections carry.
fn encryption(db: &Db) -> Vec<(bool, Option<String>)> {
    db.admin()
        .query(
            "SELECT ssl, version FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE application_name = $1",
            &[&db.schema()],
        )
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect()
}

/// Opens the store of `db`, writes and reads through it, and returns the
/// encryption of the connections it then holds in its pool.
fn used(db: &Db) -> Vec<(bool, Option<String>)> {
    let store = db.open();
    store
        .add(
            NewConnector::new("Over TLS")
                .id("c1")
                .secret("APIKey", CANARY),
        )
        .unwrap();
    assert_eq!(
        store.record("c1").unwrap().unwrap().value("APIKey"),
        Some(CANARY)
    );
    assert_eq!(
        store.get(&Caller::anonymous(), "c1").unwrap().name,
        "Over TLS"
    );
    let encryption = encryption(db);
    assert!(!encryption.is_empty(), "the store holds no connection");
    drop(store);
    encryption
}

fn all_tls13(encryption: &[(bool, Option<String>)]) -> bool {
    encryption
        .iter()
        .all(|(ssl, version)| *ssl && version.as_deref() == Some("TLSv1.3"))
}

/// The TLS server's URL with another host name in it, reached at 127.0.0.1.
fn as_named(server: &TlsServer, host: &str, query: &str) -> String {
    format!(
        "postgres://connectors:{}@{host}:{}/postgres?hostaddr=127.0.0.1{query}",
        server.password, server.port
    )
}

#[test]
fn verify_full_with_the_servers_ca_keeps_the_store_contract() {
    let Some(server) = tls_server() else { return };
    let kept = Mutex::new(Vec::new());
    testing::check_store(sql_store(|| server.db(&server.verify_full()), &kept)).unwrap();
    let db = server.db(&server.verify_full());
    // Shown without its password or TLS parameters, as any other address.
    assert_eq!(
        db.store_location().to_string(),
        format!("postgres://connectors@127.0.0.1:{}/postgres", server.port)
    );
}

#[test]
fn the_stores_own_connections_are_encrypted() {
    let Some(server) = tls_server() else { return };
    let db = server.db(&server.verify_full());
    let encryption = used(&db);
    assert!(all_tls13(&encryption), "{encryption:?}");
}

#[test]
fn a_certificate_from_another_ca_is_refused() {
    let Some(server) = tls_server() else { return };
    let other = server.other_ca_file.display().to_string();
    let why = refused(
        &server.url_with(&format!("sslmode=verify-full&sslrootcert={other}")),
        &server.password,
    );
    assert_eq!(
        why,
        format!(
            "cannot connect to postgres://connectors@127.0.0.1:{}/postgres: its certificate is not signed by a CA in sslrootcert={other}, so sslmode=verify-full refuses it: give the server's CA with sslrootcert=FILE",
            server.port
        )
    );
    // verify-ca checks the chain too.
    let why = refused(
        &server.url_with(&format!("sslmode=verify-ca&sslrootcert={other}")),
        &server.password,
    );
    assert!(
        why.contains("is not signed by a CA in sslrootcert="),
        "{why}"
    );
}

#[test]
fn a_certificate_for_another_name_is_refused() {
    let Some(server) = tls_server() else { return };
    let why = refused(
        &as_named(
            server,
            "wrong.example",
            &format!("&{}", server.verify_full()),
        ),
        &server.password,
    );
    assert_eq!(
        why,
        format!(
            "cannot connect to postgres://connectors@wrong.example:{}/postgres: its certificate is not valid for the name \"wrong.example\", so sslmode=verify-full refuses it; it holds localhost, 127.0.0.1: connect by one of those names, or use sslmode=verify-ca",
            server.port
        )
    );
}

#[test]
fn verify_ca_with_the_servers_ca_takes_another_name() {
    let Some(server) = tls_server() else { return };
    let url = as_named(
        server,
        "wrong.example",
        &format!(
            "&sslmode=verify-ca&sslrootcert={}",
            server.ca_file.display()
        ),
    );
    let db = Db::postgres_on(&url, &server.admin);
    let encryption = used(&db);
    assert!(all_tls13(&encryption), "{encryption:?}");
}

#[test]
fn the_default_for_a_server_elsewhere_is_verify_full() {
    let Some(server) = tls_server() else { return };
    // No sslmode, no sslrootcert: a name that is not this machine's gets
    // verify-full against this machine's roots, which lack the test CA.
    let why = refused(&as_named(server, "wrong.example", ""), &server.password);
    assert!(
        why.ends_with(
            "its certificate is not signed by a CA in this machine's roots, so sslmode=verify-full (the default for a server that is not on this machine) refuses it: give the server's CA with sslrootcert=FILE"
        ) || why.contains("this machine's CA certificates cannot be read"),
        "{why}"
    );
    // Given the CA and still no sslmode, the name is checked too.
    let why = refused(
        &as_named(
            server,
            "wrong.example",
            &format!("&sslrootcert={}", server.ca_file.display()),
        ),
        &server.password,
    );
    assert!(
        why.contains("not valid for the name \"wrong.example\", so sslmode=verify-full (the default when sslrootcert is given) refuses it"),
        "{why}"
    );
}

#[test]
fn require_is_refused_by_a_server_without_tls() {
    let Some(plain) = Db::postgres() else { return };
    let why = refused(
        &format!("{}&sslmode=require", plain.location),
        &password_of(&plain.location),
    );
    assert!(
        why.ends_with(
            ": the server does not accept TLS connections, which sslmode=require needs: turn on ssl in its postgresql.conf, or, on a network you trust, set sslmode=disable"
        ),
        "{why}"
    );
    let why = refused(
        &format!("{}&sslmode=verify-full", plain.location),
        &password_of(&plain.location),
    );
    assert!(
        why.contains("does not accept TLS connections, which sslmode=verify-full needs"),
        "{why}"
    );
}

#[test]
fn plaintext_is_refused_by_a_server_that_requires_tls() {
    let Some(server) = tls_server() else { return };
    let why = refused(&server.url_with("sslmode=disable"), &server.password);
    assert!(
        why.starts_with(&format!(
            "cannot connect to postgres://connectors@127.0.0.1:{}/postgres: the server requires TLS, and sslmode=disable sends none (PostgreSQL: ",
            server.port
        )),
        "{why}"
    );
    assert!(
        why.ends_with("(SQLSTATE 28000)): remove sslmode=disable or set sslmode=verify-full"),
        "{why}"
    );
    // 127.0.0.1 with no sslmode is plaintext, so refused the same way,
    // with the fix that fits.
    let why = refused(&server.url, &server.password);
    assert!(
        why.contains("sslmode=disable (the default for a server on this machine) sends none"),
        "{why}"
    );
    assert!(
        why.ends_with(
            "(SQLSTATE 28000)): set sslmode=verify-full (with sslrootcert=FILE for a private CA)"
        ),
        "{why}"
    );
}

#[test]
fn require_encrypts_without_checking_the_certificate() {
    let Some(server) = tls_server() else { return };
    let encryption = used(&server.db("sslmode=require"));
    assert!(all_tls13(&encryption), "{encryption:?}");
}

#[test]
fn prefer_falls_back_to_plaintext_only_when_asked() {
    // A server without TLS: prefer, and only prefer, goes on in plaintext.
    if let Some(plain) = Db::postgres() {
        let url = base(&plain.location);
        let prefer = Db::postgres_on(&format!("{url}?sslmode=prefer"), url);
        let encryption = used(&prefer);
        assert!(encryption.iter().all(|(ssl, _)| !ssl), "{encryption:?}");
    }
    // A server with TLS: prefer takes it.
    let Some(server) = tls_server() else { return };
    let encryption = used(&server.db("sslmode=prefer"));
    assert!(all_tls13(&encryption), "{encryption:?}");
}

#[test]
fn an_unknown_sslmode_is_refused() {
    let Some(server) = tls_server() else { return };
    let why = refused(&server.url_with("sslmode=verify"), &server.password);
    assert_eq!(
        why,
        format!(
            "cannot connect to postgres://connectors@127.0.0.1:{}/postgres: sslmode=\"verify\" is not one of disable, prefer, require, verify-ca, verify-full",
            server.port
        )
    );
}

#[test]
fn a_missing_root_certificate_file_is_refused() {
    let Some(server) = tls_server() else { return };
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.pem").display().to_string();
    let why = refused(
        &server.url_with(&format!("sslmode=verify-full&sslrootcert={missing}")),
        &server.password,
    );
    assert!(
        why.starts_with(&format!(
            "cannot connect to postgres://connectors@127.0.0.1:{}/postgres: sslrootcert={missing}: cannot read it: ",
            server.port
        )),
        "{why}"
    );
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "no certificate here\n").unwrap();
    let why = refused(
        &server.url_with(&format!(
            "sslmode=verify-ca&sslrootcert={}",
            empty.display()
        )),
        &server.password,
    );
    assert!(why.contains(": it holds no certificate: "), "{why}");
}

#[test]
fn the_cli_works_over_tls() {
    let Some(server) = tls_server() else { return };
    let cli = Cli::on(server.db(&server.verify_full()));
    let added = cli
        .run(&[
            "connector",
            "add",
            "--name",
            "Mail",
            "--kind",
            "rest-api",
            "--set",
            "Endpoint=https://mail.example",
            "--secret",
            &format!("APIKey={CANARY}"),
        ])
        .ok_json();
    let shown = cli.run(&["connector", "show", "Mail"]);
    assert!(!shown.stderr.contains(&server.password), "{}", shown.stderr);
    assert!(!shown.stdout.contains(&server.password), "{}", shown.stdout);
    let shown = shown.ok_json();
    assert_eq!(shown["id"], added["id"]);
    assert_eq!(shown["properties"]["Endpoint"], "https://mail.example");
    assert_eq!(shown["properties"]["APIKey"], "******");
    // The CLI's refusal of a wrong CA names no password either.
    let other = format!(
        "sslmode=verify-full&sslrootcert={}",
        server.other_ca_file.display()
    );
    let run = cli.run_bare(
        &["--store", &server.url_with(&other), "connector", "list"],
        None,
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error[store-unavailable]: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("is not signed by a CA"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(&server.password), "{}", run.stderr);
}
