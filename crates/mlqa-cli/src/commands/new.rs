//! `mlqa new ID`: an answer file from the spec, with the configured sections; never overwrites.

use mlqa_core::Workspace;
use mlqa_core::document::scaffold;
use mlqa_core::fix::{safe_join, write_atomic};

use crate::cli::NewArgs;
use crate::{Failure, Outcome, kb};

pub fn run(args: &NewArgs) -> Result<Outcome, Failure> {
    let root = kb::locate(args.kb.kb.as_deref())?;
    let ws = kb::load(&root)?;
    let question = ws.question(&args.id).ok_or_else(|| {
        let hint = mlqa_core::suggest::closest(&args.id, ws.question_ids())
            .map_or_else(|| "`mlqa list` shows the ids".to_owned(), |c| format!("did you mean `{c}`?"));
        Failure::usage(format!("`{}` is not a question of spec.yaml; {hint}", args.id))
    })?;
    let rel = Workspace::expected_path(question);
    let path = safe_join(&root, &rel)
        .ok_or_else(|| Failure::usage(format!("refusing to write {rel}: not a plain path in the KB")))?;
    let title = question.question.as_ref().map_or("", |t| t.value.as_str());
    let text = scaffold(&question.id.value, &question.category, title, &ws.config.answers.sections);
    let shown = kb::Paths::new(&root).display(&rel);
    match write_atomic(&path, &text, true) {
        Ok(()) => {
            println!("created {shown}");
            Ok(Outcome::Clean)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Failure::usage(format!("{shown} already exists; mlqa new never overwrites an answer")))
        }
        Err(e) => Err(Failure::usage(format!("{shown}: {e}"))),
    }
}
