//! The designer's HTTP server: hyper's requests turned into [`Request`]s
//! for [`Designer::handle`], and its [`Reply`]s back with the security
//! headers. One task per connection, so a browser's parallel connections
//! never wait on each other; the handling itself runs on tokio's blocking
//! threads, since a dry run calls the harness. Nothing here decides anything.

use std::convert::Infallible;
use std::net::TcpListener;
use std::sync::Arc;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};

use super::routes::{Designer, MAX_BODY_BYTES, Reply, Request, SECURITY_HEADERS, TOKEN_HEADER};

/// How long a connection may take to send a request's headers.
const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Serves `designer` on `listener` until the process is stopped.
pub fn serve(listener: TcpListener, designer: Designer) -> std::io::Result<()> {
    let designer = Arc::new(designer);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        loop {
            // A connection that fails to be accepted is the client's loss only.
            let Ok((stream, _)) = listener.accept().await else {
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
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
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
    // Only a POST has a body worth reading; one over the limit is `None`.
    let body = if parts.method == hyper::Method::POST {
        Limited::new(body, MAX_BODY_BYTES)
            .collect()
            .await
            .ok()
            .map(|collected| collected.to_bytes())
    } else {
        Some(Bytes::new())
    };
    let method = parts.method.as_str().to_string();
    let url = parts
        .uri
        .path_and_query()
        .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
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

fn response(reply: Reply) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS
        .iter()
        .copied()
        .chain([("content-type", reply.content_type)])
    {
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            hyper::header::HeaderValue::from_str(value),
        ) {
            headers.insert(name, value);
        }
    }
    response
}
