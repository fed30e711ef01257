//! The mlqa language server. `world` holds the state; `convert` is the only place that knows
//! LSP positions and URIs (UTF-8 or UTF-16); `handlers/` has one file per capability, each only
//! translating what `mlqa_core::ide` and the checker answer.

mod convert;
#[doc(hidden)]
pub mod fuzzing;
mod handlers;
mod server;
mod settings;
mod transport;
mod world;

use std::process::ExitCode;

use tower_lsp_server::{LspService, Server};

/// Serves LSP on stdin/stdout until the client sends `exit` (exit code 0 after `shutdown`, 1
/// without) or goes away (0).
pub fn run_stdio() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mlqa-lsp: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let lifecycle = transport::Lifecycle::default();
    runtime.block_on(async {
        let cancellation = transport::Cancellation::default();
        let backend = cancellation.clone();
        let (service, socket) = LspService::new(move |client| server::Backend::new(client, backend));
        let (to_client, answers, pending, writer) = transport::output(tokio::io::stdout(), cancellation.clone());
        let from_client = transport::guarded(tokio::io::stdin(), lifecycle.clone(), answers, pending, cancellation);
        // One message at a time: edits must apply in the order the client sent them.
        Server::new(from_client, to_client, socket).concurrency_level(1).serve(service).await;
        // The server's stream has ended: what it wrote last reaches the client before the exit.
        let _ = writer.await;
    });
    ExitCode::from(lifecycle.exit_code())
}
