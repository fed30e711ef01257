//! `mlqa-lsp` as the packages ship it (the wheel's, behind the `lsp-alias` feature): a thin alias
//! of `mlqa lsp`. It starts the `mlqa` installed beside it (else the one on PATH) with `lsp` and
//! the same arguments, so editors configured with the command `mlqa-lsp` keep working while the
//! package carries the engine once. Std only: it adds a few hundred kilobytes, not a second copy
//! of the server. On Unix the process is replaced (`exec`), so the editor talks to the server
//! directly and sees its exit code; elsewhere it waits for the server and passes its code on.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let target = sibling().unwrap_or_else(|| PathBuf::from("mlqa"));
    let mut command = Command::new(&target);
    command.arg("lsp").args(std::env::args_os().skip(1));
    run(command, &target)
}

/// `mlqa` in the folder of this executable, when it is there.
fn sibling() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.join(format!("mlqa{}", std::env::consts::EXE_SUFFIX));
    path.is_file().then_some(path)
}

#[cfg(unix)]
fn run(mut command: Command, target: &std::path::Path) -> ExitCode {
    use std::os::unix::process::CommandExt;
    let error = command.arg0("mlqa").exec();
    fail(target, &error)
}

#[cfg(not(unix))]
fn run(mut command: Command, target: &std::path::Path) -> ExitCode {
    match command.status() {
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| u8::try_from(c).unwrap_or(1))),
        Err(error) => fail(target, &error),
    }
}

fn fail(target: &std::path::Path, error: &std::io::Error) -> ExitCode {
    eprintln!(
        "mlqa-lsp: cannot start `{} lsp`: {error}. mlqa-lsp is an alias of `mlqa lsp` and needs `mlqa` beside it or on PATH.",
        target.display()
    );
    ExitCode::from(2)
}
