//! The KB embedded at build time (see build.rs).

include!(concat!(env!("OUT_DIR"), "/embedded_kb.rs"));
