use std::collections::HashMap;

use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::document::Item;
use crate::glossary::key;
use crate::rules::{Check, Family, FixAvailability, Rule, RuleMeta};
use crate::workspace::{GLOSSARY_FILE, Workspace};

pub(crate) const CHECK: Check = Check::Workspace(check);

pub const META: RuleMeta = RuleMeta {
    name: "duplicate-alias",
    family: Family::Links,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "a glossary name (term or alias) that two terms use, or one term twice",
    explanation: r#"## What it does
Reports a term or alias of `glossary.yaml` that another term already uses, or that one term lists
twice. Names are compared as a reader looks them up: case, hyphens, underscores and spacing
aside (`Key-Value cache` is `key value cache`). An acronym may stand for two terms when the
answers use both meanings (`MAP` is maximum a posteriori and mean average precision): acronyms
are compared with other terms' names and aliases, not with each other, and within a term as
written (`KNN` and `kNN` are two spellings).

## Why is this bad?
A name that means two things cannot be resolved: `mlqa define`, hover and search would pick one
term and silently hide the other. Listed twice in one term, it is noise.

## Example
```yaml
  - term: "key-value cache"
    aliases: ["KV cache"]
  - term: "KV cache"
```

## Fix
None automatic: keep the name on the term it names, merge the two terms if they are one, or
rename one of them ("key vector", not "key").
"#,
};

fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let Some(glossary) = ws.glossary() else { return };
    // Each name's first use: the term's index and the item.
    let mut seen: HashMap<String, (usize, &Item)> = HashMap::new();
    for (i, t) in glossary.terms.iter().enumerate() {
        for name in std::iter::once(&t.term).chain(&t.aliases) {
            match seen.get(&key(&name.value)) {
                Some((j, first)) => out.push(duplicate(ws, name, &glossary.terms[*j].term.value, *j == i, first)),
                None => {
                    seen.insert(key(&name.value), (i, name));
                }
            }
        }
    }
    // An acronym that is another term's term or alias.
    for (i, t) in glossary.terms.iter().enumerate() {
        let mut own: Vec<&Item> = Vec::new();
        for acronym in &t.acronyms {
            // Acronyms are matched as written: `KNN` and `kNN` are two.
            if let Some(first) = own.iter().find(|a| a.value == acronym.value) {
                out.push(duplicate(ws, acronym, &t.term.value, true, first));
                continue;
            }
            own.push(acronym);
            if let Some((j, first)) = seen.get(&key(&acronym.value)).filter(|(j, _)| *j != i) {
                out.push(duplicate(ws, acronym, &glossary.terms[*j].term.value, false, first));
            }
        }
    }
}

fn duplicate(ws: &Workspace, name: &Item, owner: &str, same_term: bool, first: &Item) -> Diagnostic {
    let line = ws.source(GLOSSARY_FILE).map_or(0, |s| s.lines().line_of(first.range.start) + 1);
    let (message, help) = if same_term {
        (format!("`{}` names term `{owner}` twice", name.value), "remove this one".to_owned())
    } else {
        (
            format!("`{}` already names term `{owner}` (line {line})", name.value),
            format!("keep `{}` on the term it names, or merge the two terms", name.value),
        )
    };
    Diagnostic::new(Rule::DuplicateAlias, GLOSSARY_FILE, name.range, message).with_help(help).with_related(
        GLOSSARY_FILE,
        first.range,
        "first used here",
    )
}
