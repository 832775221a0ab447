//! The designer's HTTP surface as plain functions of a request: the page's
//! files, `GET /api/session` and `POST /api/dry-run`, the per-launch token
//! every API request must carry, the host names it answers to, and the
//! headers every reply carries. The server (`server.rs`) only converts.

use std::collections::HashMap;

use connectors_update_harness::tokens::MapTokens;
use serde_json::{Value, json};

use super::assets::Asset;
use super::backend::Backend;

/// The most bytes a request body may have: a step at the action's limit,
/// and room for sample token values.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// The header the page sends the token in. A custom header also makes a
/// cross-site request preflighted, and the designer answers no preflight.
pub const TOKEN_HEADER: &str = "x-designer-token";

/// The headers of every reply: the page may load only its own scripts
/// (and compile WebAssembly), talk only to this server, be framed by
/// nobody, and leak no URL in a referrer; nothing is cached.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
];

/// One request, as the server hands it over.
pub struct Request<'a> {
    /// `GET`, `POST`...
    pub method: &'a str,
    /// The path and query, as the request line gives them.
    pub url: &'a str,
    /// The `Host` header, if any.
    pub host: Option<&'a str>,
    /// The token header, if any.
    pub token: Option<&'a str>,
    /// The `Content-Type` header, if any.
    pub content_type: Option<&'a str>,
    /// The body, at most [`MAX_BODY_BYTES`] (a longer one is `None`).
    pub body: Option<&'a [u8]>,
}

/// One reply: status, content type and body; [`SECURITY_HEADERS`] go on it too.
#[derive(Debug)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Its `Content-Type`.
    pub content_type: &'static str,
    /// Its body.
    pub body: Vec<u8>,
}

impl Reply {
    fn json(status: u16, value: &Value) -> Self {
        Reply {
            status,
            content_type: "application/json",
            body: value.to_string().into_bytes(),
        }
    }

    /// The reply when handling a request failed in a way no route foresaw
    /// (a bug): nothing of the request is repeated.
    pub fn internal() -> Self {
        Reply::refused(
            500,
            "internal",
            "The designer failed on this request; see its terminal.",
        )
    }

    /// The reply to a request whose body did not come within `limit`.
    pub fn body_timed_out(limit: std::time::Duration) -> Self {
        Reply::refused(
            408,
            "request-timeout",
            &format!(
                "The request's body did not come within {} seconds.",
                limit.as_secs()
            ),
        )
    }

    /// A refusal the page (or a script) can read: `{ "error": { "code", "message" } }`.
    fn refused(status: u16, code: &str, message: &str) -> Self {
        Reply::json(
            status,
            &json!({ "error": { "code": code, "message": message } }),
        )
    }
}

/// The designer of one launch: its files, its token, the host names it
/// answers to and what its API does.
pub struct Designer {
    files: HashMap<String, Asset>,
    token: String,
    hosts: Hosts,
    backend: Backend,
}

/// The `Host` headers a designer answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hosts {
    /// Exactly these, such as `127.0.0.1:8080` and `localhost:8080`.
    Named(Vec<String>),
    /// Any IP address (no name) with this port, and `localhost` with it:
    /// a designer listening on every address cannot know which of the
    /// machine's addresses it is reached by, but DNS rebinding needs a
    /// name, so no name is answered.
    AnyAddress(u16),
}

impl Hosts {
    fn allow(&self, host: &str) -> bool {
        match self {
            Hosts::Named(names) => names.iter().any(|ok| ok.eq_ignore_ascii_case(host)),
            Hosts::AnyAddress(port) => {
                let with_port = |h: &str| {
                    h.rsplit_once(':')
                        .filter(|(_, p)| p.parse::<u16>() == Ok(*port))
                        .map(|(name, _)| name.to_string())
                };
                match with_port(host) {
                    Some(name) if name.eq_ignore_ascii_case("localhost") => true,
                    Some(name) => name
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .parse::<std::net::IpAddr>()
                        .is_ok(),
                    None => false,
                }
            }
        }
    }
}

impl Designer {
    /// A designer serving `files`, answering API requests that carry
    /// `token`, and requests for the host names `hosts` (such as
    /// `127.0.0.1:8080`) only, so that a page of another site that makes
    /// a name point at 127.0.0.1 (DNS rebinding) is refused.
    pub fn new(files: Vec<Asset>, token: String, hosts: Hosts, backend: Backend) -> Self {
        Designer {
            files: files.into_iter().map(|a| (a.path.clone(), a)).collect(),
            token,
            hosts,
            backend,
        }
    }

    /// The refusal of `request` judged on its headers alone (its body is
    /// not looked at): a host this designer does not answer, or an API
    /// request without the token. The server asks this before it reads
    /// any body, so that nobody without the token can make it wait for one.
    pub fn refuse_on_headers(&self, request: &Request<'_>) -> Option<Reply> {
        if !request.host.is_some_and(|h| self.hosts.allow(h)) {
            return Some(Reply::refused(
                421,
                "wrong-host",
                "This server answers only the address it printed; open that URL.",
            ));
        }
        let is_api = api_path(request.url).is_some();
        if is_api
            && !request
                .token
                .is_some_and(|t| same(t.as_bytes(), self.token.as_bytes()))
        {
            return Some(Reply::refused(
                403,
                "token-required",
                "This request lacks the designer's token: open the URL the CLI printed (its #token=...) and use the page.",
            ));
        }
        None
    }

    /// The reply to `request`.
    pub fn handle(&self, request: &Request<'_>) -> Reply {
        if let Some(refused) = self.refuse_on_headers(request) {
            return refused;
        }
        let path = request.url.split(['?', '#']).next().unwrap_or("/");
        if let Some(api) = api_path(request.url) {
            return self.api(api, request);
        }
        if request.method != "GET" && request.method != "HEAD" {
            return Reply::refused(
                405,
                "method-not-allowed",
                "The page's files are read with GET.",
            );
        }
        match self.files.get(path) {
            Some(file) => Reply {
                status: 200,
                content_type: file.content_type,
                body: file.body.clone(),
            },
            None => Reply::refused(404, "not-found", "There is no such file."),
        }
    }

    /// An API request, its host and token already checked.
    fn api(&self, api: &str, request: &Request<'_>) -> Reply {
        match (request.method, api) {
            ("GET", "session") => match self.backend.session() {
                Ok(session) => Reply::json(200, &session),
                Err(error) => Reply::json(503, &json!({ "error": error })),
            },
            ("POST", "dry-run") => self.dry_run(request),
            (_, "session" | "dry-run") => Reply::refused(
                405,
                "method-not-allowed",
                "GET /api/session, POST /api/dry-run.",
            ),
            _ => Reply::refused(404, "not-found", "There is no such API."),
        }
    }

    fn dry_run(&self, request: &Request<'_>) -> Reply {
        if !request.content_type.is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        }) {
            return Reply::refused(
                415,
                "invalid-parameter",
                "Send the dry run as application/json.",
            );
        }
        let Some(body) = request.body else {
            return Reply::refused(
                413,
                "limit-exceeded",
                &format!("A dry run's request may have at most {MAX_BODY_BYTES} bytes."),
            );
        };
        let parsed: Value = match serde_json::from_slice(body) {
            Ok(value) => value,
            // The body holds token values: its text is never repeated.
            Err(e) => {
                return Reply::refused(
                    400,
                    "invalid-json",
                    &format!(
                        "The request is not JSON (line {}, column {}).",
                        e.line(),
                        e.column()
                    ),
                );
            }
        };
        let Some(step) = parsed["step"].as_str() else {
            return Reply::refused(
                400,
                "invalid-parameter",
                "The request needs \"step\": the step's JSON text.",
            );
        };
        if !(parsed["tokens"].is_null() || parsed["tokens"].is_object()) {
            return Reply::refused(
                400,
                "invalid-parameter",
                "\"tokens\" must be a JSON object mapping a token (\"Form:Key\") to its sample value.",
            );
        }
        let mut pairs = Vec::new();
        for (name, value) in parsed["tokens"].as_object().into_iter().flatten() {
            let Some(value) = value.as_str() else {
                return Reply::refused(
                    400,
                    "invalid-parameter",
                    &format!("The sample value of token '{name}' must be text."),
                );
            };
            pairs.push((name.clone(), value.to_string()));
        }
        match self.backend.dry_run(step, MapTokens::from_pairs(pairs)) {
            Ok(outcome) => Reply::json(200, &json!({ "outcome": outcome })),
            Err(error) => Reply::json(422, &json!({ "error": error })),
        }
    }
}

/// What follows `/api/` in a request's path, if it is an API request.
fn api_path(url: &str) -> Option<&str> {
    url.split(['?', '#'])
        .next()
        .unwrap_or("/")
        .strip_prefix("/api/")
}

/// Whether two tokens are the same, in a time that does not tell how much of them matched.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// The host names a designer listening on `address` answers to.
pub fn host_names(address: std::net::SocketAddr) -> Hosts {
    let port = address.port();
    if address.ip().is_unspecified() {
        return Hosts::AnyAddress(port);
    }
    let mut hosts = vec![address.to_string()];
    if address.ip().is_loopback() {
        hosts.extend([
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ]);
    }
    hosts.dedup();
    Hosts::Named(hosts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
        assert!(!same(b"", b"a"));
    }

    #[test]
    fn a_loopback_designer_answers_its_loopback_names_only() {
        let names = host_names("127.0.0.1:8080".parse().unwrap());
        for (host, ok) in [
            ("localhost:8080", true),
            ("127.0.0.1:8080", true),
            ("[::1]:8080", true),
            ("127.0.0.1:8081", false),
            ("evil.example:8080", false),
            ("192.0.2.7:8080", false),
        ] {
            assert_eq!(names.allow(host), ok, "{host}");
        }
        let one = host_names("192.0.2.7:9000".parse().unwrap());
        assert_eq!(one, Hosts::Named(vec!["192.0.2.7:9000".into()]));
        assert!(!one.allow("localhost:9000"));
    }

    #[test]
    fn a_designer_on_every_address_answers_addresses_but_no_name() {
        let any = host_names("0.0.0.0:9000".parse().unwrap());
        for (host, ok) in [
            ("10.9.9.9:9000", true),
            ("[fe80::1]:9000", true),
            ("localhost:9000", true),
            ("evil.example:9000", false),
            ("10.9.9.9:9001", false),
            ("10.9.9.9", false),
            ("", false),
        ] {
            assert_eq!(any.allow(host), ok, "{host}");
        }
    }
}
