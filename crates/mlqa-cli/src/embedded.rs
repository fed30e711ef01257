//! The KB and the static site's assets, embedded at build time (see build.rs).

include!(concat!(env!("OUT_DIR"), "/embedded_kb.rs"));
include!(concat!(env!("OUT_DIR"), "/site_assets.rs"));
