//! `mlqa schema --write|--check`: the JSON Schemas generated from the types.

use std::path::PathBuf;

use mlqa_core::fix::write_atomic;
use mlqa_core::schema::SchemaKind;

use crate::cli::SchemaArgs;
use crate::{Failure, Outcome};

pub fn run(args: &SchemaArgs) -> Result<Outcome, Failure> {
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => {
            let root = crate::kb::locate(args.kb.kb.as_deref())?;
            root.parent().map_or_else(|| PathBuf::from("schemas"), |p| p.join("schemas"))
        }
    };
    if args.write {
        for kind in SchemaKind::ALL {
            let path = dir.join(kind.file_name());
            write_atomic(&path, &kind.render(), false)
                .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
            println!("wrote {}", path.display());
        }
        return Ok(Outcome::Clean);
    }
    if args.check {
        let stale: Vec<String> = SchemaKind::ALL
            .into_iter()
            .filter(|k| std::fs::read_to_string(dir.join(k.file_name())).ok().as_deref() != Some(k.render().as_str()))
            .map(|k| dir.join(k.file_name()).display().to_string())
            .collect();
        if stale.is_empty() {
            println!("schemas in {} are up to date", dir.display());
            return Ok(Outcome::Clean);
        }
        for s in &stale {
            println!("out of date: {s}");
        }
        println!("run `mlqa schema --write` to regenerate them");
        return Ok(Outcome::Problems);
    }
    for kind in SchemaKind::ALL {
        println!("{}", kind.file_name());
    }
    Ok(Outcome::Clean)
}
