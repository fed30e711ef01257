//! Parsing: front matter splitting, YAML values and spans, Markdown structure, the link model.

pub mod canonical;
pub mod front_matter;
pub mod link;
pub mod markdown;
pub mod problem;
pub mod yaml;
pub mod yaml_guard;
