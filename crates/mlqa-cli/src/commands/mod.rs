pub mod check;
pub mod coverage;
pub mod rules;
pub mod schema;
mod watch;
