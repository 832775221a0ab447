//! The second PostgreSQL server `scripts/test` starts
//! (`CONNECTORS_TEST_POSTGRES_TLS`), given TLS once per test run: a
//! throwaway CA, a certificate for `localhost` and `127.0.0.1` signed by
//! it, and a `pg_hba.conf` that refuses plaintext TCP. The set-up goes
//! through the server's Unix socket (`CONNECTORS_TEST_POSTGRES_TLS_SOCKET`),
//! which that file still lets the superuser use, so it works again on a
//! server an earlier run already gave TLS.
//!
//! Without the server the TLS tests are skipped with a note, unless
//! `CONNECTORS_TEST_REQUIRE_POSTGRES` is set, in which case they fail.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};

use super::backends::Db;

/// The TLS server, set up.
#[derive(Debug)]
pub struct TlsServer {
    /// `postgres://connectors:PASSWORD@127.0.0.1:PORT/postgres`, with no query.
    pub url: String,
    /// The URL's password, which no message may show.
    pub password: String,
    /// The server's port on 127.0.0.1.
    pub port: u16,
    /// A libpq string reaching the server as its superuser over the Unix
    /// socket, in plaintext.
    pub admin: String,
    /// The CA that signed the server's certificate, as a PEM file.
    pub ca_file: PathBuf,
    /// Another CA, which signed nothing the server holds.
    pub other_ca_file: PathBuf,
    _dir: tempfile::TempDir,
}

impl TlsServer {
    /// The URL with this query (`sslmode=...&...`).
    pub fn url_with(&self, query: &str) -> String {
        format!("{}?{query}", self.url)
    }

    /// A fresh schema on the server, reached at the URL with this query.
    pub fn db(&self, query: &str) -> Db {
        Db::postgres_on(&self.url_with(query), &self.admin)
    }

    /// The query for `verify-full` with the server's CA.
    pub fn verify_full(&self) -> String {
        format!("sslmode=verify-full&sslrootcert={}", self.ca_file.display())
    }
}

/// The TLS server, set up on first use, or `None` (with a note) when there
/// is none and it is not required.
pub fn tls_server() -> Option<&'static TlsServer> {
    static SERVER: OnceLock<Option<TlsServer>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let url = match std::env::var("CONNECTORS_TEST_POSTGRES_TLS") {
                Ok(url) if !url.is_empty() => url,
                _ if std::env::var_os("CONNECTORS_TEST_REQUIRE_POSTGRES").is_some() => panic!(
                    "CONNECTORS_TEST_REQUIRE_POSTGRES is set but CONNECTORS_TEST_POSTGRES_TLS is not: run scripts/test"
                ),
                _ => return None,
            };
            let socket = std::env::var("CONNECTORS_TEST_POSTGRES_TLS_SOCKET")
                .expect("scripts/postgres.sh sets CONNECTORS_TEST_POSTGRES_TLS_SOCKET beside CONNECTORS_TEST_POSTGRES_TLS");
            Some(set_up(&url, &socket))
        })
        .as_ref()
        .or_else(|| {
            eprintln!(
                "note: no CONNECTORS_TEST_POSTGRES_TLS; this TLS test is skipped (scripts/test runs it)"
            );
            None
        })
}

/// A throwaway CA: its certificate's PEM, and the issuer that signs with it.
fn certificate_authority(name: &str) -> (String, CertifiedIssuer<'static, KeyPair>) {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.distinguished_name.push(DnType::CommonName, name);
    let issuer = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
    (issuer.pem(), issuer)
}

fn set_up(url: &str, socket: &str) -> TlsServer {
    let config: postgres::Config = url.parse().unwrap();
    let password = String::from_utf8(config.get_password().unwrap().to_vec()).unwrap();
    let port = config.get_ports()[0];
    let admin = format!(
        "host='{socket}' port={port} user={} password={password} dbname={} sslmode=disable",
        config.get_user().unwrap(),
        config.get_dbname().unwrap()
    );
    let dir = tempfile::tempdir().unwrap();
    let (ca_pem, ca) = certificate_authority("connectors-update test CA");
    let (other_pem, _) = certificate_authority("connectors-update other CA");
    let ca_file = dir.path().join("ca.pem");
    let other_ca_file = dir.path().join("other-ca.pem");
    std::fs::write(&ca_file, ca_pem).unwrap();
    std::fs::write(&other_ca_file, other_pem).unwrap();

    let key = KeyPair::generate().unwrap();
    let mut leaf = CertificateParams::new(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    leaf.distinguished_name
        .push(DnType::CommonName, "localhost");
    let certificate = leaf.signed_by(&key, &ca).unwrap();

    let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    let show = |client: &mut postgres::Client, what: &str| -> String {
        client
            .query_one(&format!("SHOW {what}"), &[])
            .unwrap()
            .get(0)
    };
    let data = PathBuf::from(show(&mut client, "data_directory"));
    let hba = PathBuf::from(show(&mut client, "hba_file"));
    let crt = data.join("server.crt");
    let key_file = data.join("server.key");
    write_owned(&crt, certificate.pem().as_bytes(), 0o644, &data);
    write_owned(&key_file, key.serialize_pem().as_bytes(), 0o600, &data);
    // ALTER SYSTEM refuses to run inside a batch of statements.
    for statement in [
        "ALTER SYSTEM SET ssl = on".to_string(),
        format!("ALTER SYSTEM SET ssl_cert_file = '{}'", crt.display()),
        format!("ALTER SYSTEM SET ssl_key_file = '{}'", key_file.display()),
    ] {
        client.batch_execute(&statement).unwrap();
    }
    std::fs::write(
        &hba,
        "local all all scram-sha-256\n\
         hostssl all all 127.0.0.1/32 scram-sha-256\n\
         hostnossl all all 0.0.0.0/0 reject\n",
    )
    .unwrap();
    client.batch_execute("SELECT pg_reload_conf()").unwrap();

    let server = TlsServer {
        url: format!(
            "postgres://{}:{password}@127.0.0.1:{port}/{}",
            config.get_user().unwrap(),
            config.get_dbname().unwrap()
        ),
        password,
        port,
        admin,
        ca_file,
        other_ca_file,
        _dir: dir,
    };
    wait_for_tls(&server);
    server
}

/// Writes `bytes` to `path` with `mode`, owned by whoever owns `data` (the
/// server refuses a key file that is not its own, or that others can read).
fn write_owned(path: &Path, bytes: &[u8], mode: u32, data: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    std::fs::write(path, bytes).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    let owner = std::fs::metadata(data).unwrap();
    std::os::unix::fs::chown(path, Some(owner.uid()), Some(owner.gid())).unwrap();
}

/// Waits until the reloaded server takes a `verify-full` connection with
/// the new CA (reloading is asynchronous).
fn wait_for_tls(server: &TlsServer) {
    let mut roots = rustls::RootCertStore::empty();
    let pem = std::fs::read(&server.ca_file).unwrap();
    use rustls::pki_types::pem::PemObject;
    for certificate in rustls::pki_types::CertificateDer::pem_slice_iter(&pem) {
        roots.add(certificate.unwrap()).unwrap();
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connector = tokio_postgres_rustls::MakeRustlsConnect::new(tls);
    let mut config: postgres::Config = server.url.parse().unwrap();
    config
        .ssl_mode(postgres::config::SslMode::Require)
        .connect_timeout(Duration::from_secs(5));
    let started = Instant::now();
    loop {
        match config.connect(connector.clone()) {
            Ok(_) => return,
            Err(e) if started.elapsed() < Duration::from_secs(20) => {
                let _ = e;
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => panic!("the TLS test server takes no TLS connection after 20 s: {e}"),
        }
    }
}
