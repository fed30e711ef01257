//! Helpers of the end-to-end tests: the built binaries, fixture KBs in temporary folders, and
//! running `mlqa` in them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A binary of the workspace, built by `cargo test` beside the test executables.
pub fn bin(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its own path");
    let dir = exe.parent().and_then(Path::parent).expect("tests run from target/<profile>/deps");
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} is not built: run the tests with `cargo test` from the repository root",
        path.display()
    );
    path
}

/// A command running `mlqa` in `dir`, with colour off and a clean environment for it.
pub fn mlqa(dir: &Path) -> Command {
    let mut cmd = Command::new(bin("mlqa"));
    cmd.current_dir(dir).env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

/// Runs `mlqa ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    mlqa(dir).args(args).output().expect("mlqa runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A KB in a temporary folder: `tests/fixtures/base`, overlaid with the files of
/// `tests/fixtures/<overlay>` (except `_expect` and `_delete`; `_delete` lists base files to remove).
pub struct FixtureKb {
    pub dir: tempfile::TempDir,
}

impl FixtureKb {
    pub fn new(overlay: Option<&str>) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let fixtures = repo().join("tests/fixtures");
        copy_tree(&fixtures.join("base"), dir.path());
        if let Some(overlay) = overlay {
            let src = fixtures.join(overlay);
            assert!(src.is_dir(), "no fixture {}", src.display());
            copy_tree(&src, dir.path());
            for name in ["_expect", "_delete"] {
                let _ = std::fs::remove_file(dir.path().join(name));
            }
            if let Ok(list) = std::fs::read_to_string(src.join("_delete")) {
                for line in list.lines().filter(|l| !l.trim().is_empty()) {
                    std::fs::remove_file(dir.path().join(line.trim())).expect("_delete names a base file");
                }
            }
        }
        Self { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(path, contents).expect("written");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).expect("readable")
    }

    /// The `file://` URI of a file of the KB (`""`: the KB's folder, with a trailing slash).
    pub fn uri(&self, rel: &str) -> String {
        let root = std::fs::canonicalize(self.path()).expect("the KB's folder exists");
        format!("file://{}/{rel}", root.display())
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("fixture folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("type");
        if kind.is_symlink() {
            // Fixtures may hold symbolic links (to /etc/passwd, to a parent folder): recreate
            // the link itself, never what it points to.
            let _ = std::fs::remove_file(&target);
            #[cfg(unix)]
            std::os::unix::fs::symlink(std::fs::read_link(entry.path()).expect("a link"), &target).expect("symlink");
        } else if kind.is_dir() {
            std::fs::create_dir_all(&target).expect("folder");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A language-server client over the real binary's stdio: JSON-RPC with `Content-Length`
/// framing. A reader thread collects what the server sends; requests wait for their response,
/// and tests wait for the diagnostics they expect (the server writes responses and
/// notifications from two streams, so their relative order is not guaranteed).
pub struct LspClient {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    incoming: std::sync::mpsc::Receiver<serde_json::Value>,
    next_id: i64,
    /// Notifications and server requests received so far.
    pub notifications: Vec<serde_json::Value>,
    /// How to answer the server's requests, by method: a result, or `None` to leave it
    /// unanswered (the test answers it with [`LspClient::send`]). Other requests get `null`.
    pub replies: std::collections::HashMap<String, Option<serde_json::Value>>,
}

/// How long a test waits for the server before failing (generous: CI machines are shared).
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

impl LspClient {
    /// Starts `mlqa-lsp` in `dir`.
    pub fn start(dir: &Path) -> Self {
        Self::spawn(Command::new(bin("mlqa-lsp")), dir)
    }

    /// Starts the server with another command line (`mlqa lsp`).
    pub fn spawn(mut command: Command, dir: &Path) -> Self {
        let mut child = command
            .current_dir(dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("mlqa-lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let (tx, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        Self { child, stdin, incoming, next_id: 0, notifications: Vec::new(), replies: Default::default() }
    }

    pub fn send(&mut self, message: &serde_json::Value) {
        use std::io::Write;
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
        self.stdin.flush().expect("flushed");
    }

    /// Sends raw bytes (for malformed-input tests).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        use std::io::Write;
        self.stdin.write_all(bytes).expect("the server reads");
        self.stdin.flush().expect("flushed");
    }

    /// `initialize` with the KB's folder as the workspace and these client capabilities and
    /// initialization options, then `initialized`; returns the `initialize` response.
    pub fn initialize(
        &mut self,
        kb: &FixtureKb,
        capabilities: serde_json::Value,
        options: Option<serde_json::Value>,
    ) -> serde_json::Value {
        let root = kb.uri("").trim_end_matches('/').to_owned();
        let mut params = serde_json::json!({
            "capabilities": capabilities,
            "workspaceFolders": [{"uri": root, "name": "kb"}],
        });
        if let Some(options) = options {
            params["initializationOptions"] = options;
        }
        let init = self.request("initialize", params);
        self.notify("initialized", serde_json::json!({}));
        init
    }

    /// `textDocument/didOpen` of a KB file with its text on disk.
    pub fn open(&mut self, kb: &FixtureKb, rel: &str) {
        let text = kb.read(rel);
        self.notify(
            "textDocument/didOpen",
            serde_json::json!({"textDocument": {"uri": kb.uri(rel), "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    pub fn notify(&mut self, method: &str, params: serde_json::Value) {
        self.send(&serde_json::json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server, answering its own requests as [`LspClient::replies`]
    /// says (registrations, settings, progress tokens).
    fn next(&mut self) -> serde_json::Value {
        let message = self.incoming.recv_timeout(PATIENCE).expect("the server answers in time");
        if let (Some(id), Some(method)) = (message.get("id"), message.get("method")) {
            let method = method.as_str().unwrap_or_default();
            if let Some(result) = self.replies.get(method).cloned().unwrap_or(Some(serde_json::Value::Null)) {
                self.send(&serde_json::json!({"jsonrpc": "2.0", "id": id, "result": result}));
            }
        }
        message
    }

    /// Sends a request without waiting for its response; returns its id.
    pub fn send_request(&mut self, method: &str, params: serde_json::Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&serde_json::json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Waits for the response to request `id`.
    pub fn response(&mut self, id: i64) -> serde_json::Value {
        loop {
            let message = self.next();
            if message.get("id") == Some(&serde_json::json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// Waits for a message from the server with this method (a notification or a request of its
    /// own), and returns it; earlier ones already received count.
    pub fn wait_for(&mut self, method: &str) -> serde_json::Value {
        if let Some(seen) = self.notifications.iter().find(|n| n["method"] == method) {
            return seen.clone();
        }
        loop {
            let message = self.next();
            self.notifications.push(message.clone());
            if message["method"] == method {
                return message;
            }
        }
    }

    /// Sends a request and returns its response (with `result` or `error`).
    pub fn request(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// The latest diagnostics published for each URI (files without any left out).
    pub fn published(&self) -> std::collections::BTreeMap<String, Vec<serde_json::Value>> {
        let mut latest = std::collections::BTreeMap::new();
        for n in &self.notifications {
            if n["method"] == "textDocument/publishDiagnostics" {
                let uri = n["params"]["uri"].as_str().unwrap_or_default().to_owned();
                latest.insert(uri, n["params"]["diagnostics"].as_array().cloned().unwrap_or_default());
            }
        }
        latest.retain(|_, v: &mut Vec<serde_json::Value>| !v.is_empty());
        latest
    }

    /// Waits for the next diagnostics published for `uri` (earlier ones already received are
    /// skipped), and returns them.
    pub fn next_publish(&mut self, uri: &str) -> Vec<serde_json::Value> {
        loop {
            let message = self.next();
            let hit = message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri;
            let diagnostics = message["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
            self.notifications.push(message);
            if hit {
                return diagnostics;
            }
        }
    }

    /// Waits until the published diagnostics satisfy `done`, and returns them.
    pub fn wait_diagnostics(
        &mut self,
        done: impl Fn(&std::collections::BTreeMap<String, Vec<serde_json::Value>>) -> bool,
    ) -> std::collections::BTreeMap<String, Vec<serde_json::Value>> {
        let deadline = std::time::Instant::now() + PATIENCE;
        loop {
            let now = self.published();
            if done(&now) {
                return now;
            }
            assert!(std::time::Instant::now() < deadline, "diagnostics never reached the expected state: {now:#?}");
            let message = self.next();
            self.notifications.push(message);
        }
    }

    /// Closes the server's input without `shutdown` or `exit`, as a crashed client does, and
    /// waits (at most 30 s) for the server to end.
    pub fn vanish(mut self) -> std::process::ExitStatus {
        drop(self.stdin);
        let deadline = std::time::Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("waitable") {
                return status;
            }
            assert!(std::time::Instant::now() < deadline, "the server outlived its client");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// `shutdown`, then `exit`; returns the exit status.
    pub fn stop(mut self) -> std::process::ExitStatus {
        self.request("shutdown", serde_json::Value::Null);
        self.notify("exit", serde_json::Value::Null);
        drop(self.stdin);
        self.child.wait().expect("the server exits")
    }
}

/// The capabilities of a client that takes everything the server offers (as Neovim, Helix and
/// VS Code declare them): edits as `documentChanges` with file operations, code action literals,
/// a hierarchical outline, prepare-rename, Markdown hovers. Without them the server answers in
/// the protocol's plainer forms (tests/lsp_features.rs).
pub fn full_capabilities() -> serde_json::Value {
    serde_json::json!({
        "workspace": {
            "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename", "delete"]},
            "didChangeWatchedFiles": {"dynamicRegistration": true},
        },
        "textDocument": {
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "rename": {"prepareSupport": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
        },
    })
}

/// Reads one `Content-Length`-framed message; None at end of stream.
fn read_message(stdout: &mut impl std::io::BufRead) -> Option<serde_json::Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    std::io::Read::read_exact(stdout, &mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
