//! Every spec question answered exactly once, in the right place, under its own heading.

pub mod duplicate_answer;
pub mod duplicate_id;
pub mod id_mismatch;
pub mod missing_answer;
pub mod orphan_answer;
pub mod question_mismatch;
pub mod unreferenced_resource;
pub mod wrong_category;
