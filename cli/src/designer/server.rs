//! The designer's HTTP server: hyper's requests turned into [`Request`]s
//! for [`Designer::handle`], and its [`Reply`]s back with the security
//! headers. One task per connection, so a browser's parallel connections
//! never wait on each other; the handling itself runs on tokio's blocking
//! threads, since a dry run calls the harness. Nothing here decides anything.
//!
//! Nobody holding no token may make the designer hold anything for long:
//! a request is judged on its headers ([`Designer::refuse_on_headers`])
//! before any body is read, so one without the token is answered at once;
//! headers must come within [`HEADER_TIMEOUT`], a body within
//! [`BODY_TIMEOUT`]; each connection serves one request; and at most
//! [`MAX_CONNECTIONS`] are open at a time, the next ones closed as soon as
//! they are accepted.

use std::convert::Infallible;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Body, Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::Semaphore;

use super::routes::{Designer, MAX_BODY_BYTES, Reply, Request, SECURITY_HEADERS, TOKEN_HEADER};

/// How long a connection may take to send a request's headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a request may take to send its body, once its headers are in
/// (the README promises 10 seconds).
const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// The most connections open at once: a browser opens about six to a
/// host, so this leaves room for a few tabs and scripts, and bounds what
/// anyone who can reach the port can make the designer hold.
pub const MAX_CONNECTIONS: usize = 32;

/// The most bytes hyper buffers for a connection (headers, and each read
/// of a body); a request's headers are far smaller.
const MAX_BUFFER_BYTES: usize = 64 * 1024;

/// What a connection over [`MAX_CONNECTIONS`] gets before it is closed.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\nCache-Control: no-store\r\n\r\n";

/// Serves `designer` on `listener` until the process is stopped.
pub fn serve(listener: TcpListener, designer: Designer) -> std::io::Result<()> {
    let designer = Arc::new(designer);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        loop {
            // A connection that fails to be accepted is the client's loss
            // only; a pause keeps a lack of file descriptors from spinning.
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let Ok(slot) = slots.clone().try_acquire_owned() else {
                // Refused at once: nothing of it is read, and the answer
                // goes only if the socket takes it now.
                let _ = stream.try_write(BUSY);
                drop(stream);
                continue;
            };
            let designer = designer.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request| answer(designer.clone(), request));
                // A browser that goes away mid-response is no failure of the designer.
                // A client that sends half a request is dropped after a while.
                let _ = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .keep_alive(false)
                    .max_buf_size(MAX_BUFFER_BYTES)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
                drop(slot);
            });
        }
    })
}

async fn answer(
    designer: Arc<Designer>,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let (parts, body) = request.into_parts();
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    };
    let (host, token, content_type) =
        (header("host"), header(TOKEN_HEADER), header("content-type"));
    let method = parts.method.as_str().to_string();
    let url = parts
        .uri
        .path_and_query()
        .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
    let head = Request {
        method: &method,
        url: &url,
        host: host.as_deref(),
        token: token.as_deref(),
        content_type: content_type.as_deref(),
        body: Some(&[]),
    };
    // Judged on its headers first: a body is read only for a request
    // that may be answered.
    if let Some(reply) = designer.refuse_on_headers(&head) {
        return Ok(response(reply));
    }
    // Only a POST has a body worth reading; one over the limit (by its
    // Content-Length, without reading it, or as it comes) is `None`.
    let body = if parts.method == hyper::Method::POST {
        if body.size_hint().lower() > MAX_BODY_BYTES as u64 {
            None
        } else {
            let collect = Limited::new(body, MAX_BODY_BYTES).collect();
            match tokio::time::timeout(BODY_TIMEOUT, collect).await {
                Err(_) => return Ok(response(Reply::body_timed_out(BODY_TIMEOUT))),
                Ok(collected) => collected.ok().map(|collected| collected.to_bytes()),
            }
        }
    } else {
        Some(Bytes::new())
    };
    let reply = tokio::task::spawn_blocking(move || {
        designer.handle(&Request {
            method: &method,
            url: &url,
            host: host.as_deref(),
            token: token.as_deref(),
            content_type: content_type.as_deref(),
            body: body.as_deref(),
        })
    })
    .await
    .unwrap_or_else(|_| Reply::internal());
    Ok(response(reply))
}

/// `reply` as hyper sends it; every connection closes after its one reply,
/// whether or not the request's body was read.
fn response(reply: Reply) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS.iter().copied().chain([
        ("content-type", reply.content_type),
        ("connection", "close"),
    ]) {
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            hyper::header::HeaderValue::from_str(value),
        ) {
            headers.insert(name, value);
        }
    }
    response
}
