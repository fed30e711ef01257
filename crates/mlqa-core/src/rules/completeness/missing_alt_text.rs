use crate::config::RuleLevel;
use crate::diagnostic::Diagnostic;
use crate::rules::{AnswerCtx, Check, Family, FixAvailability, Rule, RuleMeta};
use crate::syntax::markdown::LinkKind;
use crate::text::TextRange;

pub(crate) const CHECK: Check = Check::Answer(check);

pub const META: RuleMeta = RuleMeta {
    name: "missing-alt-text",
    family: Family::Completeness,
    default_level: RuleLevel::Error,
    fix: FixAvailability::None,
    summary: "a figure without alt text that says what it shows",
    explanation: r#"## What it does
Reports an image (`![alt](path)`) whose alt text is empty or only says that it is a picture
("figure", "a plot", its file name), and a ```` ```mermaid ```` diagram without an
`accDescr` line, which is a diagram's alt text.

## Why is this bad?
A figure carries part of the explanation. A reader with a screen reader, a terminal
(`mlqa show` prints the alt text in its place), a search engine and an editor's hover all see
the alt text instead of the picture: if it says nothing, they lose that part of the answer.

## Example
```markdown
![figure](figures/roc.svg)
```
Say what it shows:
```markdown
![ROC staircase of the ten-example model, with Youden's point at FPR 0.2, TPR 0.8](figures/roc.svg)
```
A Mermaid diagram describes itself with `accTitle:` and `accDescr:` lines.

## Fix
None automatic: only the author knows what the figure shows.
"#,
};

/// Words that say only that something is a picture.
const GENERIC: &[&str] = &[
    "a",
    "an",
    "the",
    "fig",
    "figure",
    "image",
    "img",
    "picture",
    "pic",
    "diagram",
    "chart",
    "plot",
    "graph",
    "illustration",
    "screenshot",
    "drawing",
    "svg",
    "png",
    "here",
    "this",
    "of",
];

fn check(ctx: &AnswerCtx<'_>, out: &mut Vec<Diagnostic>) {
    let text = ctx.text();
    for image in ctx.answer.md.links.iter().filter(|l| l.kind == LinkKind::Image) {
        let alt = text[image.text.start..image.text.end].trim();
        let file = image.dest.rsplit('/').next().unwrap_or(&image.dest);
        let stem = file.split('.').next().unwrap_or(file);
        let message = if alt.is_empty() {
            "this image has no alt text".to_owned()
        } else if says_nothing(alt) || alt.eq_ignore_ascii_case(file) || alt.eq_ignore_ascii_case(stem) {
            format!("the alt text `{alt}` does not say what the image shows")
        } else {
            continue;
        };
        out.push(Diagnostic::new(Rule::MissingAltText, ctx.path(), image.range, message).with_help(
            "write in the `[...]` what the figure shows, as you would say it to a reader who cannot see it",
        ));
    }
    for block in ctx.answer.md.code_blocks.iter().filter(|b| b.lang.as_deref() == Some("mermaid")) {
        let described = block.code.lines().any(|l| {
            let l = l.trim_start();
            l.strip_prefix("accDescr").is_some_and(|rest| matches!(rest.trim_start().chars().next(), Some(':' | '{')))
        });
        if !described {
            let first = &text[block.range.start..block.range.end];
            let fence =
                TextRange::new(block.range.start, block.range.start + first.find(['\n', '\r']).unwrap_or(first.len()));
            out.push(
                Diagnostic::new(Rule::MissingAltText, ctx.path(), fence, "this Mermaid diagram has no `accDescr`")
                    .with_help("add `accTitle: ...` and `accDescr: ...` lines that say what the diagram shows"),
            );
        }
    }
}

/// Whether alt text holds only words that say it is a picture (and numbers).
fn says_nothing(alt: &str) -> bool {
    alt.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| w.bytes().all(|b| b.is_ascii_digit()) || GENERIC.iter().any(|g| g.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use super::says_nothing;

    #[test]
    fn generic_alt_text_is_told_apart_from_a_description() {
        for alt in ["figure", "A plot", "Figure 2", "image of the diagram", "fig. 3"] {
            assert!(says_nothing(alt), "{alt}");
        }
        for alt in ["ROC curve of the model", "L1 diamond and L2 circle", "loss"] {
            assert!(!says_nothing(alt), "{alt}");
        }
    }
}
