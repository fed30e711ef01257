//! `mlqa`: the CI gate and command-line front end of the mlqa engine.

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;
mod embedded;
mod kb;
mod output;
mod render;
mod terminal;
mod version;

/// mimalloc (without transparent huge pages, which cost peak memory here): a check allocates
/// and frees many small strings and vectors on every thread at once, where it takes about a
/// fifth less CPU than the system allocator (docs/PERFORMANCE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Why a command could not do its job (exit code 2), as opposed to finding problems (1).
#[derive(Debug)]
pub struct Failure {
    message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

/// What a command found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Problems,
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Check(args) => commands::check::run(commands::check::Mode::Check, &args.kb, &args.rules, &[]),
        cli::Command::Lint(args) => {
            commands::check::run(commands::check::Mode::Lint, &args.kb, &args.rules, &args.paths)
        }
        cli::Command::Coverage(args) => commands::coverage::run(&args),
        cli::Command::Rules(args) => commands::rules::run(&args),
        cli::Command::Schema(args) => commands::schema::run(&args),
        cli::Command::Lsp => return mlqa_lsp::run_stdio(),
        cli::Command::Search(args) => commands::search::run(&args),
        cli::Command::Show(args) => commands::show::run(&args),
        cli::Command::Define(args) => commands::define::run(&args),
        cli::Command::List(args) => commands::list::run(&args),
        cli::Command::Quiz(args) => commands::quiz::run(&args),
        cli::Command::Practice(args) => commands::practice::run(&args),
        cli::Command::New(args) => commands::new::run(&args),
        cli::Command::Export(args) => commands::export::run(&args),
        cli::Command::Completions(args) => {
            let mut cmd = <cli::Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut cmd, "mlqa", &mut std::io::stdout());
            Ok(Outcome::Clean)
        }
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(failure) => {
            eprintln!("error: {}", terminal::escape(&failure.message));
            ExitCode::from(2)
        }
    }
}
