//! The whole KB as one document: the spec's categories and questions, each with its answer
//! split into sections, and the resources with the answers that cite them. `mlqa export json`
//! writes it (schema: `schemas/export.schema.json`) and the static site is built from it.

use std::collections::BTreeMap;

pub(crate) mod types;

pub use types::{
    AnswerExport, CategoryExport, EXPORT_VERSION, KbExport, KeyPointExport, QuestionExport, ResourceExport,
    SectionExport,
};

use crate::document::AnswerDoc;
use crate::workspace::Workspace;

/// The document of `ws`. Entries the spec or resources file could not give an id are left out
/// (`mlqa check` reports them); everything else is exported as written.
pub fn export(ws: &Workspace) -> KbExport {
    let linked_from = backlinks(ws);
    let title = ws.spec().and_then(|s| s.title.as_ref()).map_or_else(|| "mlqa".to_owned(), |t| t.value.clone());
    let categories: Vec<CategoryExport> = ws
        .spec()
        .into_iter()
        .flat_map(|s| &s.categories)
        .map(|c| CategoryExport {
            id: c.id.value.clone(),
            title: c.title.as_ref().map_or_else(|| c.id.value.clone(), |t| t.value.clone()),
            questions: c
                .questions
                .iter()
                .map(|q| QuestionExport {
                    id: q.id.value.clone(),
                    question: q.question.as_ref().map_or_else(|| q.id.value.clone(), |t| t.value.clone()),
                    key_points: q
                        .rubric
                        .forms()
                        .map(|(p, form)| KeyPointExport {
                            name: p.name.clone(),
                            pattern: p.pattern.clone(),
                            js: form.ok().map(|f| f.js.clone()),
                        })
                        .collect(),
                    answer: ws.answers_for(&q.id.value).next().map(|a| answer(ws, a, &linked_from)),
                })
                .collect(),
        })
        .collect();
    let cited_in_order: Vec<&AnswerExport> =
        categories.iter().flat_map(|c| &c.questions).filter_map(|q| q.answer.as_ref()).collect();
    let resources = ws
        .resource_entries()
        .iter()
        .map(|r| ResourceExport {
            id: r.id.value.clone(),
            title: r.title.as_ref().map_or_else(|| r.id.value.clone(), |t| t.value.clone()),
            kind: r.kind.as_ref().map(|k| k.value.clone()),
            group: r.group.as_ref().map(|g| g.value.clone()),
            url: r.url.as_ref().map(|u| u.value.clone()),
            summary: r.summary.as_ref().map(|s| s.value.clone()),
            topics: r.topics.iter().map(|t| t.value.clone()).collect(),
            cited_by: cited_in_order
                .iter()
                .filter(|a| a.resources.contains(&r.id.value))
                .map(|a| stem(&a.path).to_owned())
                .collect(),
        })
        .collect();
    KbExport { version: EXPORT_VERSION, title, categories, resources }
}

fn answer(ws: &Workspace, a: &AnswerDoc, linked_from: &BTreeMap<String, Vec<String>>) -> AnswerExport {
    let text = ws.source(&a.path).map_or("", |s| s.text.as_str());
    let items = |items: &[crate::document::Item]| items.iter().map(|i| i.value.clone()).collect::<Vec<_>>();
    let title = a.md.headings.iter().find(|h| h.level == 1).map(|h| h.text.clone()).unwrap_or_default();
    let sections: Vec<SectionExport> = {
        let h2: Vec<_> = a.md.headings.iter().filter(|h| h.level <= 2).collect();
        h2.iter()
            .enumerate()
            .filter(|(_, h)| h.level == 2)
            .map(|(k, h)| {
                let end = h2.get(k + 1).map_or(text.len(), |next| next.range.start);
                let start = h.range.end.min(end);
                SectionExport {
                    heading: h.text.clone(),
                    anchor: h.anchor.clone(),
                    markdown: text.get(start..end).unwrap_or_default().trim().to_owned(),
                }
            })
            .collect()
    };
    AnswerExport {
        path: a.path.clone(),
        difficulty: a.meta.difficulty.as_ref().map(|d| d.value.clone()),
        tags: items(&a.meta.tags),
        related: items(&a.meta.related),
        resources: items(&a.meta.resources),
        title,
        sections,
        linked_from: linked_from.get(&a.path).cloned().unwrap_or_default(),
    }
}

/// For each answer path, the ids of the other answers linking to it (sorted, once each).
pub fn backlinks(ws: &Workspace) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for a in ws.answers() {
        let mut ids: Vec<String> =
            ws.linked_from(&a.path).filter_map(|p| ws.answer_at(p)).map(|b| b.id().to_owned()).collect();
        if ids.is_empty() {
            continue;
        }
        ids.sort();
        ids.dedup();
        out.insert(a.path.clone(), ids);
    }
    out
}

fn stem(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".md").unwrap_or(file)
}
