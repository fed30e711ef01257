//! Any bytes as a client's stream: framing, JSON, and the document and position handlers.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    mlqa_lsp::fuzzing::messages(data);
});
