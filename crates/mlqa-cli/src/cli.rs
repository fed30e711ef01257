//! The command line: what `mlqa --help` shows.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "mlqa",
    version = crate::version::VERSION,
    about = "Check, query and study a spec-tested knowledge base of ML interview answers",
    long_about = "mlqa checks a knowledge base of machine-learning interview answers against its spec: \
every question answered, every link resolving, every answer complete.\n\n\
The KB is found like cargo finds Cargo.toml: from the current directory upward, the first folder \
with `mlqa.toml` or `kb/mlqa.toml`. Use --kb DIR to point elsewhere.\n\n\
Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O error.",
    after_help = "Examples:\n  mlqa check                      # the CI gate\n  mlqa check --format sarif > mlqa.sarif\n  mlqa lint kb/optimization --fix\n  mlqa coverage --fail-under 90\n  mlqa rules broken-link"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every rule, coverage included: the CI gate.
    Check(CheckArgs),
    /// Run the rules on answers (coverage rules excluded), optionally only under PATHS.
    Lint(LintArgs),
    /// Show how much of the spec is answered, per category.
    Coverage(CoverageArgs),
    /// List the rules, or explain one (`mlqa rules broken-link`).
    Rules(RulesArgs),
    /// Write or check the JSON Schemas generated from mlqa's types.
    Schema(SchemaArgs),
    /// Start the language server on stdin/stdout (the same server as `mlqa-lsp`).
    Lsp,
    /// Search the questions and answers (stemmed, one typo per word forgiven).
    Search(SearchArgs),
    /// Show an answer, by id or by words of its question.
    Show(ShowArgs),
    /// Define a term of the glossary (`mlqa define GQA`, `mlqa define "key value cache"`); a
    /// misspelt term finds the closest one.
    Define(DefineArgs),
    /// List the questions with coverage per category.
    List(ListArgs),
    /// Practise: questions chosen by spaced repetition (SM-2), progress kept in your data folder.
    Quiz(QuizArgs),
    /// Answer a question in your own words and have it graded against its key points.
    Practice(PracticeArgs),
    /// Create an answer file for a spec question, with the configured sections.
    New(NewArgs),
    /// Export the KB: `html` (a static site for learners, offline) or `json` (one document).
    Export(ExportArgs),
    /// Print a shell completion script (`mlqa completions bash > ~/.local/share/bash-completion/completions/mlqa`).
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to look for.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Only this category (its id, e.g. `optimization`).
    #[arg(long, value_name = "ID")]
    pub category: Option<String>,
    /// How many results at most.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub kb: KbArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// An answer's id (`bias-variance`) or words of its question (`kv cache inference`).
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Only this section (e.g. `Example`).
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,
    /// The Markdown as written, not rendered.
    #[arg(long)]
    pub raw: bool,
    /// Never page, even on a terminal.
    #[arg(long)]
    pub no_pager: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub kb: KbArgs,
}

#[derive(Debug, Args)]
pub struct DefineArgs {
    /// A term, an acronym or an alias, in any case (`gqa`, `Key-Value Cache`).
    #[arg(required = true, num_args = 1..)]
    pub term: Vec<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub kb: KbArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this category (its id).
    #[arg(long, value_name = "ID")]
    pub category: Option<String>,
    /// Only questions without an answer.
    #[arg(long, conflicts_with = "answered")]
    pub missing: bool,
    /// Only questions with an answer.
    #[arg(long)]
    pub answered: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    #[command(flatten)]
    pub kb: KbArgs,
}

#[derive(Debug, Args)]
pub struct QuizArgs {
    /// Only this category (its id).
    #[arg(long, value_name = "ID")]
    pub category: Option<String>,
    /// Questions in this session.
    #[arg(long, default_value_t = 10)]
    pub count: usize,
    /// Seed for the order of new questions (default: from the clock).
    #[arg(long)]
    pub seed: Option<u64>,
    #[command(flatten)]
    pub kb: KbArgs,
}

#[derive(Debug, Args)]
#[command(
    long_about = "Shows a question, takes your answer, and grades it point by point against the question's \
key points in spec.yaml: which you made, which you missed, and the KB's sentence for each one missed. \
The score suggests a spaced-repetition grade, recorded in the same progress file as `mlqa quiz`.\n\n\
Without ID, the question is the one most overdue in `mlqa quiz`'s schedule, else a new one. \
The answer is read from --answer-file (`-` for standard input), from $VISUAL/$EDITOR with --editor, \
or typed or pasted at the prompt (end it with Ctrl-D).",
    after_help = "Examples:\n  mlqa practice bias-variance\n  mlqa practice --category transformers --editor\n  \
mlqa practice lora --answer-file my-answer.txt --format json --no-save"
)]
pub struct PracticeArgs {
    /// The question: an id (`bias-variance`) or words of it.
    #[arg(num_args = 0..)]
    pub question: Vec<String>,
    /// Pick the question from this category (its id).
    #[arg(long, value_name = "ID", conflicts_with = "question")]
    pub category: Option<String>,
    /// Read the answer from FILE (`-`: standard input) instead of asking; nothing is prompted.
    #[arg(long, value_name = "FILE")]
    pub answer_file: Option<PathBuf>,
    /// Write the answer in $VISUAL or $EDITOR.
    #[arg(long, conflicts_with = "answer_file")]
    pub editor: bool,
    /// Grade without recording anything in the progress file.
    #[arg(long)]
    pub no_save: bool,
    /// Seed for the choice of a new question (default: from the clock).
    #[arg(long)]
    pub seed: Option<u64>,
    /// `json`: the grading as one document, for tools.
    #[arg(long, value_enum, default_value_t = PracticeFormat::Human)]
    pub format: PracticeFormat,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub kb: KbArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PracticeFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The question's id in spec.yaml.
    pub id: String,
    #[command(flatten)]
    pub kb: KbArgs,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  mlqa export html --out site && xdg-open site/index.html\n  mlqa export json > kb.json"
)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportWhat,
}

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// A static site: a page per answer (math typeset, code highlighted), an index by category
    /// with coverage, a page per resource, backlinks and client-side search. Every asset is in
    /// DIR: it opens from the filesystem with no network.
    Html {
        /// The folder to write. A folder mlqa exported before is replaced; any other non-empty
        /// folder is refused, so nothing of yours is overwritten.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        kb: KbArgs,
    },
    /// The whole KB as one JSON document (schema: schemas/export.schema.json).
    Json {
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        kb: KbArgs,
    },
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct KbArgs {
    /// The KB folder (the one with mlqa.toml). Default: found upward from the current directory.
    #[arg(long, value_name = "DIR", global = true)]
    pub kb: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Only these rules or families (comma-separated; e.g. `links,missing-section`).
    #[arg(long, value_delimiter = ',', value_name = "RULE|FAMILY")]
    pub select: Vec<String>,
    /// Skip these rules or families (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE|FAMILY")]
    pub ignore: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Apply the safe fixes, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, apply the unsafe fixes too (they guess; review the diff).
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// Print the number of diagnostics per rule instead of each diagnostic.
    #[arg(long)]
    pub statistics: bool,
    /// Re-check whenever a file of the KB changes (stop with Ctrl-C).
    #[arg(long)]
    pub watch: bool,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub kb: KbArgs,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or folders to report on (default: the whole KB).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub kb: KbArgs,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    #[command(flatten)]
    pub kb: KbArgs,
    /// Exit with 1 when fewer than PCT percent of the questions are answered.
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    pub fail_under: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CoverageFormat::Human)]
    pub format: CoverageFormat,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule's name; without it, every rule is listed.
    pub name: Option<String>,
    /// Output format for the listing.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schemas to DIR.
    #[arg(long, conflicts_with = "check")]
    pub write: bool,
    /// Exit with 1 if the schemas in DIR differ from the generated ones.
    #[arg(long)]
    pub check: bool,
    /// Where the schemas are (default: `schemas/` beside the KB folder).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub kb: KbArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source snippets like rustc's.
    Human,
    /// The report of schemas/report.schema.json.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML.
    Junit,
    /// GitLab Code Quality.
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CoverageFormat {
    Human,
    Json,
    /// A shields-style SVG badge.
    Badge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
    /// Every rule's explanation, as `docs/RULES.md`.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_percent(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim_end_matches('%').parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=100.0).contains(&v) { Ok(v) } else { Err(format!("{v} is not between 0 and 100")) }
}
