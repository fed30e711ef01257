//! Real editors end to end, each configured by its folder of `editors/` and opening an answer
//! with a broken link: headless Neovim and Emacs (eglot, batch mode) receive mlqa-lsp's
//! diagnostic, apply the quick fix and save; Helix, in a tmux session, shows the diagnostic
//! inline and in its picker. An editor that is not installed makes its test say SKIPPED.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mlqa_tests::{FixtureKb, bin, repo};

#[test]
fn neovim_receives_the_diagnostic_and_applies_the_quick_fix() {
    if Command::new("nvim").arg("--version").output().is_err() {
        // .ci/run installs Debian's neovim; a machine without it cannot run this test.
        println!("SKIPPED: nvim is not installed (apt-get install neovim)");
        return;
    }
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let file = kb.path().join("alpha/first.md");
    let result = kb.path().join("nvim-result.txt");
    let out = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", repo().join("tests/editors/nvim_quickfix.lua").display()))
        .env("MLQA_NVIM_RTP", repo().join("editors/neovim"))
        .env("MLQA_LSP", bin("mlqa-lsp"))
        .env("MLQA_FILE", &file)
        .env("MLQA_RESULT", &result)
        .env("XDG_STATE_HOME", kb.path())
        .env("XDG_DATA_HOME", kb.path())
        .current_dir(kb.path())
        .output()
        .expect("nvim runs");
    let report = std::fs::read_to_string(&result)
        .unwrap_or_else(|_| panic!("nvim wrote no result: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(report.contains("code=broken-link\n"), "{report}");
    assert!(report.contains("line=15\n"), "{report}");
    assert!(report.contains("action=Link to second.md"), "{report}");
    assert!(report.ends_with("status=fixed\n"), "{report}");
    let text = kb.read("alpha/first.md");
    assert!(text.contains("[the second answer](second.md#example)"), "{text}");
    assert_eq!(
        text,
        std::fs::read_to_string(repo().join("tests/fixtures/base/alpha/first.md")).unwrap(),
        "only the link changed"
    );
}

/// The title (up to the server's warning for unsafe fixes) of the quick fix Emacs applies.
const QUICK_FIX: &str = "Link to second.md";

/// A scratch folder outside the KB (so the server never sees it): `home/` for the editor's
/// HOME and `bin/mlqa-lsp`, a link to the built server, to put first on PATH as a user would.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir_all(dir.path().join("home")).expect("home");
        std::fs::create_dir_all(dir.path().join("bin")).expect("bin");
        std::os::unix::fs::symlink(bin("mlqa-lsp"), dir.path().join("bin/mlqa-lsp")).expect("symlink");
        Self { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn home(&self) -> PathBuf {
        self.path().join("home")
    }

    /// PATH with `bin/` first.
    fn path_var(&self) -> OsString {
        let mut dirs = vec![self.path().join("bin")];
        dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        std::env::join_paths(dirs).expect("a PATH")
    }

    /// What a file of the scratch folder holds, or a note that it is missing.
    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap_or_else(|_| format!("({name} was not written)"))
    }
}

/// Runs `cmd` with stdout and stderr to files of `scratch`, killing it after `timeout`.
/// Returns whether it finished in time, and what it printed.
fn run_bounded(mut cmd: Command, scratch: &Scratch, timeout: Duration) -> (bool, String) {
    let out = std::fs::File::create(scratch.path().join("stdout.txt")).expect("stdout file");
    let err = std::fs::File::create(scratch.path().join("stderr.txt")).expect("stderr file");
    let mut child = cmd.stdin(Stdio::null()).stdout(out).stderr(err).spawn().expect("the editor starts");
    let deadline = Instant::now() + timeout;
    let finished = loop {
        if child.try_wait().expect("wait").is_some() {
            break true;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break false;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    (finished, format!("stdout:\n{}\nstderr:\n{}", scratch.read("stdout.txt"), scratch.read("stderr.txt")))
}

#[test]
fn emacs_eglot_receives_the_diagnostic_and_applies_the_quick_fix() {
    let probe = Command::new("emacs")
        .args(["--batch", "--eval", r#"(princ (if (locate-library "eglot") "eglot=yes" "eglot=no"))"#])
        .output();
    match probe {
        Err(_) => {
            // .ci/run installs Debian's emacs-nox, elpa-eglot and elpa-markdown-mode.
            println!("SKIPPED: emacs is not installed (apt-get install emacs-nox elpa-eglot elpa-markdown-mode)");
            return;
        }
        Ok(out) if !String::from_utf8_lossy(&out.stdout).contains("eglot=yes") => {
            // Emacs 29+ has eglot built in; Debian 12's Emacs 28 needs the package.
            println!("SKIPPED: eglot is not installed for emacs (apt-get install elpa-eglot elpa-markdown-mode)");
            return;
        }
        Ok(_) => {}
    }
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let scratch = Scratch::new();
    let mut cmd = Command::new("emacs");
    // `--batch` reads no init file: the script loads editors/emacs/mlqa.el as an init file would.
    cmd.arg("--batch")
        .arg("-l")
        .arg(repo().join("tests/editors/emacs_quickfix.el"))
        .env("HOME", scratch.home())
        .env("PATH", scratch.path_var())
        .env("MLQA_EL", repo().join("editors/emacs/mlqa.el"))
        .env("MLQA_FILE", kb.path().join("alpha/first.md"))
        .env("MLQA_ACTION", QUICK_FIX)
        .env("MLQA_RESULT", scratch.path().join("result.txt"))
        .env("MLQA_EVENTS", scratch.path().join("events.txt"))
        .current_dir(kb.path());
    let (finished, output) = run_bounded(cmd, &scratch, Duration::from_secs(150));
    let report = scratch.read("result.txt");
    let context = format!("{report}\n{output}\neglot events:\n{}", scratch.read("events.txt"));
    assert!(finished, "emacs did not finish in 150 s\n{context}");
    // mlqa.el's own entry started the server: `mlqa-lsp`, found on PATH.
    assert!(report.contains("\nserver=mlqa-lsp\n"), "{context}");
    // Without markdown-mode, mlqa.el opens a KB's answers in text-mode (see editors/emacs).
    if report.contains("markdown-mode-installed=yes\n") {
        assert!(report.contains("\nmode=markdown-mode\n"), "{context}");
    } else {
        assert!(report.contains("\nmode=text-mode\n"), "{context}");
    }
    assert!(report.contains("\ncode=broken-link\n"), "{context}");
    assert!(report.contains("\nline=15\n"), "{context}");
    assert!(report.contains("\ntype=eglot-error\n"), "{context}");
    // What Flymake shows: eglot's `source [code]: message`, the server's help on a second line.
    let text = r"text=mlqa [broken-link]: link target `alpha/secnd.md` does not exist\nhelp: did you mean `second.md`?";
    assert!(report.contains(&format!("\n{text}\n")), "{context}");
    // The one action offered, picked at eglot's prompt; its title carries a warning for unsafe fixes.
    assert!(report.contains(&format!("\noffered={QUICK_FIX} (unsafe: review it)\n")), "{context}");
    assert!(report.contains(&format!("\naction={QUICK_FIX} (unsafe: review it)\n")), "{context}");
    assert!(report.ends_with("\nstatus=fixed\n"), "{context}");
    assert_eq!(
        kb.read("alpha/first.md"),
        std::fs::read_to_string(repo().join("tests/fixtures/base/alpha/first.md")).unwrap(),
        "only the link changed\n{context}"
    );
}

/// A tmux server of the test's own (its socket in a scratch folder), killed with its sessions
/// when the test ends, whether it passed or not.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.arg("-S").arg(&self.socket).env_remove("TMUX");
        cmd
    }

    /// The visible text of the session's pane.
    fn capture(&self) -> String {
        let out = self.command().args(["capture-pane", "-p", "-t", "mlqa"]).output().expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn send(&self, keys: &[&str]) {
        let status = self.command().args(["send-keys", "-t", "mlqa"]).args(keys).status().expect("tmux runs");
        assert!(status.success(), "tmux send-keys {keys:?}");
    }

    /// Polls the pane until `done` holds for its text, for at most `timeout`; returns the last
    /// text and whether `done` held.
    fn wait_for(&self, timeout: Duration, done: impl Fn(&str) -> bool) -> (String, bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.capture();
            if done(&screen) {
                return (screen, true);
            }
            if Instant::now() > deadline {
                return (screen, false);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").stderr(Stdio::null()).status();
    }
}

/// Helix: `MLQA_HX`, else the build beside the repository (`../shared/tools/helix/hx`).
fn helix() -> Option<PathBuf> {
    let hx = std::env::var_os("MLQA_HX").map(PathBuf::from).unwrap_or_else(|| repo().join("../shared/tools/helix/hx"));
    hx.is_file().then_some(hx)
}

#[test]
fn helix_shows_the_diagnostic_inline_and_in_the_picker() {
    let Some(hx) = helix() else {
        println!(
            "SKIPPED: hx is not installed (set MLQA_HX to a Helix binary, or put one at ../shared/tools/helix/hx)"
        );
        return;
    };
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("SKIPPED: tmux is not installed (apt-get install tmux)");
        return;
    }
    let kb = FixtureKb::new(Some("rules/broken-link"));
    let scratch = Scratch::new();
    let config = scratch.home().join(".config/helix");
    std::fs::create_dir_all(&config).expect("config folder");
    std::fs::copy(repo().join("editors/helix/languages.toml"), config.join("languages.toml")).expect("languages.toml");
    let log = scratch.path().join("helix.log");
    let tmux = Tmux { socket: scratch.path().join("tmux.sock") };
    // A server of its own starts with this environment, which the pane inherits. The shell
    // around hx keeps the pane open after hx quits, to show how it ended.
    let script = r#""$0" -v --log "$1" alpha/first.md; echo "hx exited with status $?"; sleep 120"#;
    let status = tmux
        .command()
        .args(["-f", "/dev/null", "new-session", "-d", "-s", "mlqa", "-x", "200", "-y", "50", "-c"])
        .arg(kb.path())
        .args(["sh", "-c", script])
        .arg(&hx)
        .arg(&log)
        .env("HOME", scratch.home())
        .env("PATH", scratch.path_var())
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_STATE_HOME")
        .status()
        .expect("tmux runs");
    assert!(status.success(), "tmux new-session");
    let context = |screen: &str| format!("screen:\n{screen}\nhelix log:\n{}", scratch.read("helix.log"));

    // Inline: the message at the end of the link's line (line 16, shown with its number), the
    // gutter's dot in front of it and the count of errors on the status line. Helix shows the
    // message only; the rule's name is for the picker.
    let message = "link target `alpha/secnd.md` does not exist";
    let (screen, shown) = tmux.wait_for(Duration::from_secs(30), |s| {
        s.lines().any(|l| l.starts_with("●  16  [the second answer](secnd.md#example)") && l.contains(message))
    });
    assert!(shown, "no inline diagnostic on line 16\n{}", context(&screen));
    assert!(
        screen.lines().any(|l| l.contains(" NOR ") && l.contains("● 1 ")),
        "one error on the status line\n{screen}"
    );
    assert!(!screen.contains("broken-link"), "{screen}");

    // `space d`: the picker of the document's diagnostics, with the rule as the code.
    tmux.send(&["Space", "d"]);
    let row = regex::Regex::new(r"ERROR +mlqa +broken-link +link target `alpha/secnd\.md` does not exist").unwrap();
    let (picker, listed) = tmux.wait_for(Duration::from_secs(10), |s| row.is_match(s));
    assert!(listed, "the picker does not list broken-link\n{}", context(&picker));
    assert!(picker.contains(" 1/1 "), "one diagnostic in the picker\n{picker}");

    // Escape on its own (followed at once by `:`, a terminal reads Alt-:), then `:q!`.
    tmux.send(&["Escape"]);
    let (screen, closed) = tmux.wait_for(Duration::from_secs(10), |s| !row.is_match(s));
    assert!(closed, "the picker did not close\n{screen}");
    tmux.send(&[":q!", "Enter"]);
    let (end, quit) = tmux.wait_for(Duration::from_secs(10), |s| s.contains("hx exited with status"));
    assert!(quit && end.contains("hx exited with status 0"), "hx did not quit\n{}", context(&end));
}
