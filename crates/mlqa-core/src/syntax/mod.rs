//! Parsing: front matter splitting, YAML values and spans, Markdown structure.

pub mod front_matter;
pub mod markdown;
pub mod yaml;
pub mod yaml_guard;
