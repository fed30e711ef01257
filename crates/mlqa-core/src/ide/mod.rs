//! What an editor asks about the KB, answered in the core's own types: what is at an offset,
//! where it is defined, what refers to it, what a rename changes, what to complete. The
//! language server only translates these to LSP (rust-analyzer's split of `ide` and server).
//!
//! One module per capability, named as the server's `handlers/` name them; `symbol` is what
//! they share: what is at an offset, and where the things it names are.

mod code_lens;
mod completion;
mod definition;
mod files;
mod hover;
mod key_points;
mod references;
mod rename;
mod symbol;
mod symbols;
mod terms;

pub use code_lens::{Lens, spec_lenses};
pub use completion::{Completion, CompletionKind, completions};
pub use definition::definition;
pub use files::file_moves;
pub use hover::{hover, short_answer};
pub use key_points::{PointInAnswer, key_point_at, points_in_answer};
pub use references::references;
pub use rename::{RenameEdits, RenameRefusal, prepare_rename, rename};
pub use symbol::{Location, Symbol, symbol_at};
pub use symbols::{OutlineKind, OutlineNode, outline, workspace_symbols};
pub use terms::{term_card, terms_at};
