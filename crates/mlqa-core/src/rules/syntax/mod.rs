//! Files that cannot be read as intended.

pub mod file_too_large;
pub mod invalid_pattern;
pub mod invalid_utf8;
pub mod invalid_yaml;
pub mod missing_front_matter;
pub mod schema_violation;
pub mod symlink_not_followed;
pub mod unknown_field;
pub mod unused_suppression;
