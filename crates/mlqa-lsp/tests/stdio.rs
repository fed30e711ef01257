//! The binary answers `initialize` and exits cleanly on `shutdown` + `exit`. (This integration
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
    assert!(init.contains(r#""name":"mlqa-lsp""#), "{init}");
    assert!(init.contains(r#""positionEncoding":"utf-16""#), "UTF-16 when the client offers nothing: {init}");
    send(&mut stdin, r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    send(&mut stdin, r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
    // A log message about the missing KB may come first.
    let mut reply = read(&mut stdout);
    while !reply.contains(r#""id":2"#) {
        reply = read(&mut stdout);
    }
    send(&mut stdin, r#"{"jsonrpc":"2.0","method":"exit"}"#);
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
