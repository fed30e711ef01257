//! Any bytes as an answer file of a small KB: parsing and every rule must return, and every
//! diagnostic range must lie inside its file on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mlqa_core::fuzzing::check_document(data);
});
