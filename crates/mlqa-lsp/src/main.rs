//! `mlqa-lsp`: the language server over standard input and output.

fn main() -> std::process::ExitCode {
    mlqa_lsp::run_stdio()
}
