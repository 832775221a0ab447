//! `connectors-update designer`: a page that configures a step in the
//! browser, checked live by the same `.wasm` (run in the page through the
//! npm package), and dry-runs it against the CLI's store. It serves files
//! embedded in the binary, on 127.0.0.1 unless told otherwise, and every
//! API request must carry the token of this launch, which only the printed
//! URL holds.

mod assets;
mod backend;
mod routes;
mod server;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::process::ExitCode;

use connectors_update_harness::Caller;

use crate::failure::{Failure, for_terminal, warn};
use crate::step::load_harness;
use crate::store::StoreOptions;

use backend::Backend;
use routes::{Designer, host_names};

/// Serves the designer until the process is stopped.
pub fn run(
    options: &StoreOptions,
    caller: &Caller,
    address: IpAddr,
    port: u16,
) -> Result<ExitCode, Failure> {
    // A missing default store, beside the demo's, gets its hint there.
    let store = options.open_existing()?;
    let harness = load_harness()?;
    let asked = SocketAddr::new(address, port);
    let listener = TcpListener::bind(asked).map_err(|e| {
        Failure::new(
            "designer-failed",
            format!("cannot listen on {asked}: {e}; pick another --port, or 0 for any free one"),
        )
    })?;
    let bound = listener
        .local_addr()
        .map_err(|e| Failure::new("designer-failed", format!("cannot listen on {asked}: {e}")))?;
    let token = new_token()?;
    let url = format!("http://{}/#token={token}", shown(bound));
    if !address.is_loopback() {
        warn(&format!(
            "the designer listens on {bound}, not on loopback: other machines can reach it. \
             Anyone holding its URL can list the connectors {caller} may use and dry-run steps as {caller}, \
             over plain HTTP. It answers requests addressed to an IP address, never to a host name. \
             Use --address 127.0.0.1 unless you mean this."
        ));
    }
    // The store's location and the principal are someone's text: escaped.
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        for_terminal(&format!(
            "The designer for store {} acts as {caller}. Open this URL (it holds this launch's token); Ctrl-C stops it.",
            store.location()
        ))
    );
    crate::write_stdout(format!("{url}\n").as_bytes())?;
    let designer = Designer::new(
        assets::assets(),
        token,
        host_names(bound),
        Backend::new(store, harness, caller.clone()),
    );
    server::serve(listener, designer)
        .map_err(|e| Failure::new("designer-failed", format!("the server stopped: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

/// The address as a browser's address bar takes it: `127.0.0.1:PORT`, or
/// `[::1]:PORT`; an unspecified address as this machine's loopback name.
fn shown(bound: SocketAddr) -> String {
    if bound.ip().is_unspecified() {
        return format!("127.0.0.1:{}", bound.port());
    }
    bound.to_string()
}

/// 32 random bytes, in hex: this launch's token.
fn new_token() -> Result<String, Failure> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| Failure::new("designer-failed", format!("no random token: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
