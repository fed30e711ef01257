//! The binary answers `initialize` and exits on `exit` (code 0 after `shutdown`, 1 without),
//! whether or not the client closes its stdin. (This integration
//! test also makes `cargo test` build `mlqa-lsp` for the end-to-end tests of the root package,
//! which exercise every capability.)

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

fn send(stdin: &mut impl Write, body: &str) {
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn read(stdout: &mut impl BufRead) -> String {
    let mut length = 0;
    loop {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some(v) = line.trim().strip_prefix("Content-Length: ") {
            length = v.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    std::io::Read::read_exact(stdout, &mut body).unwrap();
    String::from_utf8(body).unwrap()
}

#[test]
fn initialize_shutdown_exit() {
    let (mut child, mut stdin, mut stdout, init) = started();
    assert!(init.contains(r#""name":"mlqa-lsp""#), "{init}");
    assert!(init.contains(r#""positionEncoding":"utf-16""#), "UTF-16 when the client offers nothing: {init}");
    send(&mut stdin, r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
    // A log message about the missing KB may come first.
    while !read(&mut stdout).contains(r#""id":2"#) {}
    send(&mut stdin, r#"{"jsonrpc":"2.0","method":"exit"}"#);
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

/// Starts the server with no KB and initializes it; its stdin stays open (as editors leave it).
/// Also returns the `initialize` response.
fn started() -> (std::process::Child, std::process::ChildStdin, BufReader<std::process::ChildStdout>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mlqa-lsp"))
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("mlqa-lsp starts");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    send(&mut stdin, r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    let init = read(&mut stdout);
    send(&mut stdin, r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    (child, stdin, stdout, init)
}

/// The exit status within 10 s, or `None` (the process is then killed).
fn exit_within_10_s(child: &mut std::process::Child) -> Option<std::process::ExitStatus> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    None
}

#[test]
fn exit_ends_the_process_while_stdin_stays_open() {
    let (mut child, mut stdin, mut stdout, _) = started();
    send(&mut stdin, r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
    while !read(&mut stdout).contains(r#""id":2"#) {}
    send(&mut stdin, r#"{"jsonrpc":"2.0","method":"exit"}"#);
    let status = exit_within_10_s(&mut child);
    drop(stdin);
    assert_eq!(status.map(|s| s.code()), Some(Some(0)), "exit after shutdown: code 0, without waiting for stdin");
}

#[test]
fn exit_without_shutdown_ends_the_process_with_code_1() {
    let (mut child, mut stdin, _stdout, _) = started();
    send(&mut stdin, r#"{"jsonrpc":"2.0","method":"exit"}"#);
    let status = exit_within_10_s(&mut child);
    drop(stdin);
    assert_eq!(status.map(|s| s.code()), Some(Some(1)), "exit without shutdown: code 1");
}
