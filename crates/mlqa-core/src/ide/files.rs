//! Will-rename-files: the link edits that keep the KB consistent when files move.

use crate::diagnostic::Edit;
use crate::syntax::link::{LinkTarget, Resolved, relative_path};
use crate::text::TextRange;
use crate::workspace::Workspace;

/// The link edits that keep the KB consistent when files move (`old` -> `new`), as an editor's
/// "will rename files" asks: links to a moved answer, and a moved answer's own relative links.
pub fn file_moves(ws: &Workspace, moves: &[(String, String)]) -> Vec<Edit> {
    let new_path = |p: &str| moves.iter().find(|(o, _)| o == p).map_or_else(|| p.to_owned(), |(_, n)| n.clone());
    let mut edits = Vec::new();
    for a in ws.answers() {
        let from_new = new_path(&a.path);
        for link in a.md.links.iter() {
            let LinkTarget::Path { path, resolved: Some(Resolved::Inside(target)), .. } = link.to() else { continue };
            let target_new = new_path(target);
            if target_new == *target && from_new == a.path {
                continue;
            }
            let Some(source) = ws.source(&a.path) else { continue };
            let dest = source.slice(link.dest_range);
            let Some(at) = dest.find(path) else { continue };
            let start = link.dest_range.start + at;
            edits.push(Edit::replace(
                &a.path,
                TextRange::new(start, start + path.len()),
                relative_path(&from_new, &target_new),
            ));
        }
    }
    edits
}
