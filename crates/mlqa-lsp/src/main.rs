//! `mlqa-lsp`: the language server over standard input and output.

/// The same allocator as `mlqa` (see there): loading a large KB allocates on every thread.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    mlqa_lsp::run_stdio()
}
