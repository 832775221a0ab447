//! `connectors-update designer` as a process: it prints one URL holding a
//! fresh token, listens on loopback unless asked (and warns when asked),
//! answers only the host names it printed, refuses every API request
//! without the token, puts its security headers on every reply, and never
//! lets a stored value into an answer. The page itself is driven in a real
//! browser by `js/test/designer.test.js`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::support::cli::Cli;
use crate::support::{CANARY, assert_clean};

/// A running designer, stopped when dropped.
struct Designer {
    child: Child,
    url: String,
    stderr: String,
}

impl Drop for Designer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Designer {
    fn start(cli: &Cli, args: &[&str]) -> Designer {
        let mut all = vec!["designer", "--port", "0"];
        all.extend_from_slice(args);
        let mut child = cli.spawn_piped(&all);
        let mut url = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut url)
            .unwrap();
        let mut stderr = String::new();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        // The designer says what it serves in one line, then serves.
        err.read_line(&mut stderr).unwrap();
        if stderr.starts_with("warning") {
            err.read_line(&mut stderr).unwrap();
        }
        assert_clean("the designer's stderr", &stderr);
        Designer {
            child,
            url: url.trim().to_string(),
            stderr,
        }
    }

    fn address(&self) -> String {
        self.url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_string()
    }

    fn token(&self) -> String {
        self.url.split("#token=").nth(1).unwrap().to_string()
    }

    /// One request, written out as a browser would; the status line, the
    /// headers and the body of the answer.
    fn request(
        &self,
        method: &str,
        path: &str,
        host: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, String, String) {
        let mut stream = TcpStream::connect(self.address()).unwrap();
        let mut text = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        for (name, value) in headers {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        stream.write_all(text.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let answer = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    fn get(&self, path: &str, token: Option<&str>) -> (u16, String, String) {
        let headers: Vec<(&str, &str)> =
            token.map(|t| ("X-Designer-Token", t)).into_iter().collect();
        self.request("GET", path, &self.address(), &headers, "")
    }
}

fn store_with_canary() -> Cli {
    let cli = Cli::new();
    ok(
        &cli,
        &[
            "connector",
            "add",
            "--id",
            "c1",
            "--name",
            "Billing",
            "--kind",
            "rest-api",
            "--set",
            "Endpoint=https://billing.example.com",
            "--secret",
            &format!("APIKey={CANARY}"),
        ],
    );
    cli
}

fn ok(cli: &Cli, args: &[&str]) -> String {
    let run = cli.run(args);
    assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

#[test]
fn it_prints_a_url_with_a_fresh_token_and_listens_on_loopback() {
    let cli = store_with_canary();
    let one = Designer::start(&cli, &[]);
    let two = Designer::start(&cli, &[]);
    assert!(one.url.starts_with("http://127.0.0.1:"), "{}", one.url);
    assert_eq!(one.token().len(), 64);
    assert!(one.token().chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(one.token(), two.token(), "a token is per launch");
    assert!(
        one.stderr.contains("acts as an anonymous caller"),
        "{}",
        one.stderr
    );
    assert!(!one.stderr.contains("warning"), "{}", one.stderr);
}

#[test]
fn every_api_request_needs_the_token_and_every_reply_has_the_headers() {
    let cli = store_with_canary();
    let d = Designer::start(&cli, &[]);
    let token = d.token();
    let wrong = "0".repeat(64);
    for (path, given) in [
        ("/api/session", None),
        ("/api/session", Some(wrong.as_str())),
        ("/api/session", Some("")),
    ] {
        let (status, head, body) = d.get(path, given);
        assert_eq!(status, 403, "{path} {given:?}: {body}");
        assert!(body.contains("token-required"), "{body}");
        assert!(
            head.contains("content-security-policy: default-src 'none'"),
            "{head}"
        );
    }
    let (status, _, _) = d.request(
        "POST",
        "/api/dry-run",
        &d.address(),
        &[("Content-Type", "application/json")],
        r#"{"step": "{\"EntryId\": \"c1\"}"}"#,
    );
    assert_eq!(status, 403, "a dry run without the token");
    // A preflight (what a cross-site page sends first) gets no CORS grant.
    let (status, head, _) = d.request(
        "OPTIONS",
        "/api/dry-run",
        &d.address(),
        &[("Origin", "https://evil.example")],
        "",
    );
    assert_eq!(status, 403);
    assert!(!head.contains("access-control-allow"), "{head}");

    let (status, head, body) = d.get("/api/session", Some(&token));
    assert_eq!(status, 200, "{body}");
    for header in [
        "x-content-type-options: nosniff",
        "referrer-policy: no-referrer",
        "x-frame-options: deny",
        "cache-control: no-store",
    ] {
        assert!(head.contains(header), "{header}: {head}");
    }
    assert!(
        body.contains("\"c1\"") && body.contains("rest-api"),
        "{body}"
    );
    assert!(!body.contains(CANARY), "the session holds a stored secret");
    let (status, head, _) = d.get("/", None);
    assert_eq!(status, 200);
    assert!(
        head.contains("content-security-policy"),
        "the page needs no token, and is protected too: {head}"
    );
    let (status, head, _) = d.get("/pkg/gen/connectors_update.core.wasm", None);
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/wasm"), "{head}");
    assert_eq!(d.get("/../Cargo.toml", None).0, 404);
}

#[test]
fn a_host_name_it_did_not_print_is_refused() {
    let cli = store_with_canary();
    let d = Designer::start(&cli, &[]);
    let port = d.address().rsplit(':').next().unwrap().to_string();
    for host in [
        format!("evil.example:{port}"),
        "127.0.0.1:1".to_string(),
        String::new(),
    ] {
        let (status, _, body) = d.request(
            "GET",
            "/api/session",
            &host,
            &[("X-Designer-Token", &d.token())],
            "",
        );
        assert_eq!(status, 421, "{host}: {body}");
    }
    assert_eq!(
        d.request("GET", "/", &format!("localhost:{port}"), &[], "")
            .0,
        200
    );
    // A client that sends half a request holds up nobody else.
    let mut slow = TcpStream::connect(d.address()).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: ").unwrap();
    assert_eq!(d.get("/", None).0, 200);
    drop(slow);
}

#[test]
fn a_dry_run_writes_nothing_and_answers_as_run_does_naming_no_value() {
    let cli = store_with_canary();
    let d = Designer::start(&cli, &[]);
    let token = d.token();
    let post = |body: &str| {
        d.request(
            "POST",
            "/api/dry-run",
            &d.address(),
            &[
                ("X-Designer-Token", &token),
                ("Content-Type", "application/json"),
            ],
            body,
        )
    };
    let step = r#"{\"Parameters\": {\"EntryId\": \"Billing\", \"Properties\": [{\"PropertyName\": \"APIKey\", \"PropertyValue\": \"[Form:Key]\"}], \"DryRun\": false}}"#;
    let (status, _, body) = post(&format!(
        r#"{{"step": "{step}", "tokens": {{"Form:Key": "new-key"}}}}"#
    ));
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(r#""changed":["APIKey"]"#) && body.contains(r#""dry_run":true"#),
        "{body}"
    );
    let shown = ok(&cli, &["connector", "show", "c1"]);
    assert!(
        shown.contains("\"revision\": 1"),
        "the dry run wrote: {shown}"
    );
    // A typed error, with its details, as `run` reports it.
    let (status, _, body) = post(&format!(r#"{{"step": "{step}"}}"#));
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains(r#""code":"unresolved-token""#) && body.contains(r#""token":"[Form:Key]""#),
        "{body}"
    );
    // Bad requests are refused, repeating none of what they held.
    for (bad, code) in [
        (
            format!("{{\"step\": 1, \"x\": \"{CANARY}\"}}"),
            "invalid-parameter",
        ),
        (
            format!("{{\"step\": \"{{}}\", \"tokens\": {{\"A\": 5}}, \"x\": \"{CANARY}\"}}"),
            "invalid-parameter",
        ),
        (format!("not json {CANARY}"), "invalid-json"),
    ] {
        let (status, _, body) = post(&bad);
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(body.contains(code) && !body.contains(CANARY), "{body}");
    }
    let (status, _, _) = d.request(
        "POST",
        "/api/dry-run",
        &d.address(),
        &[("X-Designer-Token", &token), ("Content-Type", "text/plain")],
        "{}",
    );
    assert_eq!(status, 415);
    // A body announced over the limit is refused on its headers, unread.
    let mut stream = TcpStream::connect(d.address()).unwrap();
    write!(
        stream,
        "POST /api/dry-run HTTP/1.1\r\nHost: {}\r\nX-Designer-Token: {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        d.address(),
        5 * 1024 * 1024
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 413 "), "{answer}");
}

#[test]
fn another_address_only_when_asked_and_with_a_warning() {
    let cli = store_with_canary();
    let d = Designer::start(&cli, &["--address", "0.0.0.0"]);
    assert!(
        d.stderr
            .starts_with("warning: the designer listens on 0.0.0.0"),
        "{}",
        d.stderr
    );
    assert!(d.stderr.contains("plain HTTP"), "{}", d.stderr);
    assert!(d.url.starts_with("http://127.0.0.1:"), "{}", d.url);
    // It cannot know its names, so it answers addresses, and no name (DNS rebinding needs one).
    let port = d.address().rsplit(':').next().unwrap().to_string();
    for (host, status) in [
        (format!("127.0.0.1:{port}"), 200),
        (format!("10.9.9.9:{port}"), 200),
        (format!("localhost:{port}"), 200),
        (format!("evil.example:{port}"), 421),
        ("127.0.0.1:1".to_string(), 421),
    ] {
        assert_eq!(d.request("GET", "/", &host, &[], "").0, status, "{host}");
    }
}

#[test]
fn a_missing_store_or_a_bad_address_is_a_clear_error() {
    let cli = Cli::new();
    let run = cli.run(&["designer"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error[store-not-found]"),
        "{}",
        run.stderr
    );
    // After the demo, the designer names the demo's store.
    let demo = cli.run_bare(&["demo"], None);
    assert_eq!(demo.status, 0, "{}", demo.stderr);
    let run = cli.run_bare(&["designer"], None);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("--store connectors-demo.db"),
        "{}",
        run.stderr
    );
    let cli = store_with_canary();
    let run = cli.run(&["designer", "--address", "localhost"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--address"), "{}", run.stderr);
}

/// The server's resident memory, in KiB, as Linux counts it.
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// How a held connection ended: the status the server answered (if any)
/// and how long after it was opened the server closed it (`None`: still
/// open after 40 s).
struct Held {
    what: String,
    status: Option<u16>,
    closed_after: Option<Duration>,
}

/// A connection to `address` that sends `first`, then `trickle` one byte a
/// second, while it waits for the server to answer and close.
fn hold(address: &str, what: &str, first: String, trickle: &'static [u8]) -> JoinHandle<Held> {
    let what = what.to_string();
    let mut stream = TcpStream::connect(address).unwrap();
    let opened = Instant::now();
    std::thread::spawn(move || {
        let _ = stream.write_all(first.as_bytes());
        let mut writer = stream.try_clone().unwrap();
        std::thread::spawn(move || {
            for byte in trickle {
                std::thread::sleep(Duration::from_secs(1));
                if writer.write_all(&[*byte]).is_err() {
                    break;
                }
            }
        });
        stream
            .set_read_timeout(Some(Duration::from_secs(40)))
            .unwrap();
        let mut answer = Vec::new();
        let ended = stream.read_to_end(&mut answer);
        let closed_after = match ended {
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                None
            }
            _ => Some(opened.elapsed()),
        };
        let text = String::from_utf8_lossy(&answer);
        let status = text
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok());
        Held {
            what,
            status,
            closed_after,
        }
    })
}

/// Request headers for a dry run that announces a body of 4,000,000 bytes.
fn big_post(host: &str, token: Option<&str>) -> String {
    let token = token
        .map(|t| format!("X-Designer-Token: {t}\r\n"))
        .unwrap_or_default();
    format!(
        "POST /api/dry-run HTTP/1.1\r\nHost: {host}\r\n{token}Content-Type: application/json\r\nContent-Length: 4000000\r\n\r\n"
    )
}

#[test]
fn held_connections_are_closed_in_time_and_cost_no_memory() {
    let cli = store_with_canary();
    let d = Designer::start(&cli, &[]);
    let (address, token) = (d.address(), d.token());
    assert_eq!(d.get("/api/session", Some(&token)).0, 200);
    assert_eq!(d.get("/", None).0, 200);
    let before = resident_kib(d.child.id());
    let trickle: &'static [u8] = &[b'x'; 30];
    let mut held = Vec::new();
    for n in 0..7 {
        // Without the token: answered on the headers, the body never read.
        held.push(hold(
            &address,
            &format!("no token, silent body {n}"),
            big_post(&address, None),
            b"",
        ));
        held.push(hold(
            &address,
            &format!("no token, trickled body {n}"),
            big_post(&address, None),
            trickle,
        ));
    }
    for n in 0..3 {
        // With the token: the body must come within 10 s.
        held.push(hold(
            &address,
            &format!("token, silent body {n}"),
            big_post(&address, Some(&token)),
            b"",
        ));
        held.push(hold(
            &address,
            &format!("token, trickled body {n}"),
            big_post(&address, Some(&token)),
            trickle,
        ));
        // Headers that never end, and no request at all.
        held.push(hold(
            &address,
            &format!("trickled headers {n}"),
            "POST /api/dry-run HTTP/1.1\r\n".into(),
            trickle,
        ));
        held.push(hold(&address, &format!("silent {n}"), String::new(), b""));
    }
    let ended: Vec<Held> = held.into_iter().map(|h| h.join().unwrap()).collect();
    for h in &ended {
        let closed = h
            .closed_after
            .unwrap_or_else(|| panic!("{}: still open after 40 s", h.what));
        if h.what.starts_with("no token") {
            assert_eq!(h.status, Some(403), "{}", h.what);
            assert!(
                closed < Duration::from_secs(5),
                "{}: closed after {closed:?}, not at once",
                h.what
            );
        } else {
            assert!(
                closed < Duration::from_secs(20),
                "{}: closed after {closed:?}",
                h.what
            );
        }
        // A silent body gets its 408; a trickled one may lose it to the
        // reset that closing a socket with unread bytes sends.
        if h.what.starts_with("token, silent") {
            assert_eq!(h.status, Some(408), "{}", h.what);
        }
    }
    let after = resident_kib(d.child.id());
    assert!(
        after < before + 8 * 1024,
        "the designer grew from {before} KiB to {after} KiB"
    );
    // And it still serves.
    assert_eq!(d.get("/api/session", Some(&token)).0, 200);
}

#[test]
fn connections_over_the_cap_are_closed_at_once() {
    let cli = store_with_canary();
    let d = Designer::start(&cli, &[]);
    let address = d.address();
    // The cap (32, as docs/designer.md says) is taken by connections that send nothing.
    let idle: Vec<JoinHandle<Held>> = (0..32)
        .map(|n| hold(&address, &format!("idle {n}"), String::new(), b""))
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let over: Vec<JoinHandle<Held>> = (0..8)
        .map(|n| hold(&address, &format!("over the cap {n}"), String::new(), b""))
        .collect();
    for h in over.into_iter().map(|h| h.join().unwrap()) {
        let closed = h
            .closed_after
            .unwrap_or_else(|| panic!("{}: still open", h.what));
        assert!(
            closed < Duration::from_secs(5),
            "{}: closed after {closed:?}, not at once",
            h.what
        );
        assert!(matches!(h.status, None | Some(503)), "{}", h.what);
    }
    for h in idle.into_iter().map(|h| h.join().unwrap()) {
        let closed = h
            .closed_after
            .unwrap_or_else(|| panic!("{}: still open after 40 s", h.what));
        assert!(closed < Duration::from_secs(20), "{}: {closed:?}", h.what);
    }
    // Their places free again.
    assert_eq!(d.get("/", None).0, 200);
}

#[test]
fn a_principal_reaches_the_terminal_escaped() {
    let cli = store_with_canary();
    let d = Designer::start(&cli, &["--as", "\u{1b}[31mx\u{7}"]);
    assert!(!d.stderr.contains(['\u{1b}', '\u{7}']), "{:?}", d.stderr);
    assert!(d.stderr.contains("\\u{1b}[31mx\\u{7}"), "{}", d.stderr);
}
