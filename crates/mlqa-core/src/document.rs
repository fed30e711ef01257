//! The KB's documents, parsed: the spec, the resources, and answers. Parsing never fails: what
//! cannot be read becomes a diagnostic at its location, and the rest is kept.

use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::{Input, MatchKind, PatternID, PatternSet};

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::rules::Rule;
use crate::schema::{Problem, SchemaKind};
use crate::syntax::front_matter::{self, FrontMatterState};
use crate::syntax::markdown::{self, Markdown};
use crate::syntax::yaml::{self, YamlSpans};
use crate::text::{LineIndex, TextRange};

/// A string value of a YAML document with the range of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub value: String,
    pub range: TextRange,
}

/// A file's text and line index.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        Self { path: path.into(), lines: LineIndex::new(&text), text }
    }

    pub fn slice(&self, range: TextRange) -> &str {
        self.text.get(range.start..range.end).unwrap_or("")
    }
}

/// A parsed YAML document: its value (when it is YAML at all) and the spans of its nodes.
#[derive(Debug, Clone, Default)]
pub struct YamlDoc {
    pub value: Option<Value>,
    pub spans: YamlSpans,
    /// Where the YAML is in the file.
    pub range: TextRange,
}

impl YamlDoc {
    /// Parses `text[range]` and validates it against `schema`, reporting into `diags`.
    pub fn parse(path: &str, text: &str, range: TextRange, schema: SchemaKind, diags: &mut Vec<Diagnostic>) -> Self {
        let spans = YamlSpans::parse(text, range);
        let budget = if schema == SchemaKind::FrontMatter { yaml::Budget::FrontMatter } else { yaml::Budget::Document };
        let value = match yaml::parse_value(text, range, budget) {
            Ok(v) => v,
            Err(e) => {
                diags.push(
                    Diagnostic::new(Rule::InvalidYaml, path, e.range, format!("invalid YAML: {}", e.message))
                        .with_help("fix the YAML syntax here; the rest of this file is not checked until it parses"),
                );
                return Self { value: None, spans, range };
            }
        };
        let doc = Self { value: Some(value), spans, range };
        doc.report_schema_errors(path, text, schema, diags);
        doc
    }

    fn report_schema_errors(&self, path: &str, text: &str, schema: SchemaKind, diags: &mut Vec<Diagnostic>) {
        let Some(value) = &self.value else { return };
        let first_line = {
            let lines = &text[self.range.start..self.range.end];
            let len = lines.find(['\n', '\r']).unwrap_or(lines.len());
            TextRange::new(self.range.start, self.range.start + len)
        };
        for error in schema.validate(value) {
            let span = self.spans.nearest(&error.pointer);
            let at = |pointer: &str| {
                self.spans.get(pointer).map(|s| s.key_or_value()).or(span.map(|s| s.value)).unwrap_or(first_line)
            };
            let place =
                if error.pointer.is_empty() { String::new() } else { format!("`{}`: ", describe(&error.pointer)) };
            match error.problem {
                Problem::UnknownFields(fields) => {
                    for field in fields {
                        let mut pointer = error.pointer.clone();
                        yaml::push_segment(&mut pointer, &field);
                        let allowed = allowed_fields(schema, &error.pointer);
                        diags.push(
                            Diagnostic::new(
                                Rule::UnknownField,
                                path,
                                at(&pointer),
                                format!("{place}unknown field `{field}`"),
                            )
                            .with_help(format!("the fields allowed here are {allowed}; remove or rename this one")),
                        );
                    }
                }
                Problem::MissingField(field) => {
                    let range = if error.pointer.is_empty() { first_line } else { at(&error.pointer) };
                    diags.push(
                        Diagnostic::new(
                            Rule::SchemaViolation,
                            path,
                            range,
                            format!("{place}missing required field `{field}`"),
                        )
                        .with_help(format!("add `{field}:` here")),
                    );
                }
                Problem::Invalid(message) => {
                    let range = span.map_or(first_line, |s| s.value);
                    diags.push(
                        Diagnostic::new(Rule::SchemaViolation, path, range, format!("{place}{message}"))
                            .with_help(format!("see schemas/{} for what is allowed", schema.file_name())),
                    );
                }
            }
        }
    }

    /// The string at `pointer`, with the range of its value.
    pub fn string(&self, pointer: &str) -> Option<Item> {
        let value = self.value.as_ref()?.pointer(pointer)?.as_str()?;
        let range = self.spans.value(pointer)?;
        Some(Item { value: value.to_owned(), range })
    }

    /// The strings of the sequence at `pointer` (non-strings skipped).
    pub fn strings(&self, pointer: &str) -> Vec<Item> {
        let len = self.value.as_ref().and_then(|v| v.pointer(pointer)).and_then(Value::as_array).map_or(0, Vec::len);
        (0..len).filter_map(|i| self.string(&format!("{pointer}/{i}"))).collect()
    }

    pub fn len(&self, pointer: &str) -> usize {
        self.value.as_ref().and_then(|v| v.pointer(pointer)).and_then(Value::as_array).map_or(0, Vec::len)
    }
}

/// `/categories/0/questions/3/id` -> `categories[0].questions[3].id`.
fn describe(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if seg.bytes().all(|b| b.is_ascii_digit()) && !seg.is_empty() {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    out
}

/// The property names the schema allows at `pointer`, for help text.
fn allowed_fields(schema: SchemaKind, pointer: &str) -> String {
    let root = schema.schema();
    let mut node = &root;
    for seg in pointer.split('/').skip(1) {
        let next = if seg.bytes().all(|b| b.is_ascii_digit()) {
            node.get("items")
        } else {
            node.get("properties").and_then(|p| p.get(seg))
        };
        let Some(mut next) = next else {
            return "listed in the schema".into();
        };
        if let Some(r) = next.get("$ref").and_then(Value::as_str)
            && let Some(target) =
                r.strip_prefix("#/$defs/").and_then(|name| root.get("$defs").and_then(|d| d.get(name)))
        {
            next = target;
        }
        node = next;
    }
    match node.get("properties").and_then(Value::as_object) {
        Some(props) => props.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "),
        None => "listed in the schema".into(),
    }
}

/// The `covers` patterns of a question, compiled together on first use and kept with the spec:
/// the answer's check (`uncovered-facet`) and `invalid-pattern` share one compilation, and an
/// edit of an answer compiles nothing.
///
/// Building a regex costs far more than matching a few kilobytes with it, so: plain words are
/// matched as lowercase substrings (no regex at all), and the rest as one multi-pattern regex
/// per question without a literal prefilter (a case-insensitive alternation of words expands to
/// literals whose Teddy/Aho-Corasick build costs more than the search it speeds up). Together
/// these cut a cold `mlqa check` of the shipped KB from 198 ms to about 50 ms.
#[derive(Debug, Clone, Default)]
pub struct Covers {
    pub patterns: Vec<Item>,
    compiled: OnceLock<CompiledCovers>,
}

#[derive(Debug, Clone, Default)]
struct CompiledCovers {
    /// Patterns without a metacharacter (most of them: `variance`, `weight decay`), lowercased,
    /// with their index in `patterns`: matched as substrings of the lowercased text, which
    /// costs nothing to build.
    literals: Vec<(usize, String)>,
    /// The other patterns that compile, as one regex.
    regex: Option<Regex>,
    /// For each pattern of `regex`, its index in `patterns`.
    index: Vec<usize>,
    /// Patterns that do not compile: index in `patterns`, and why.
    errors: Vec<(usize, String)>,
}

impl Covers {
    pub fn new(patterns: Vec<Item>) -> Self {
        Self { patterns, compiled: OnceLock::new() }
    }

    /// The patterns that do not compile, with the reason.
    pub fn errors(&self) -> impl Iterator<Item = (&Item, &str)> {
        self.compiled().errors.iter().map(|(i, why)| (&self.patterns[*i], why.as_str()))
    }

    /// The patterns (of those that compile) that match nowhere in `text`, case-insensitively.
    pub fn unmatched(&self, text: &str) -> Vec<&Item> {
        let compiled = self.compiled();
        let mut missing: Vec<usize> = Vec::new();
        if !compiled.literals.is_empty() {
            let lower = text.to_lowercase();
            missing.extend(compiled.literals.iter().filter(|(_, l)| !lower.contains(l.as_str())).map(|(i, _)| *i));
        }
        if let Some(regex) = &compiled.regex {
            let mut found = PatternSet::new(regex.pattern_len());
            regex.which_overlapping_matches(&Input::new(text), &mut found);
            missing.extend(
                compiled
                    .index
                    .iter()
                    .enumerate()
                    .filter(|(pid, _)| !found.contains(PatternID::new_unchecked(*pid)))
                    .map(|(_, &i)| i),
            );
        }
        missing.sort_unstable();
        missing.into_iter().map(|i| &self.patterns[i]).collect()
    }

    fn compiled(&self) -> &CompiledCovers {
        self.compiled.get_or_init(|| {
            let mut compiled = CompiledCovers::default();
            let mut others: Vec<usize> = Vec::new();
            for (i, p) in self.patterns.iter().enumerate() {
                if !p.value.is_empty() && regex::escape(&p.value) == p.value {
                    compiled.literals.push((i, p.value.to_lowercase()));
                } else {
                    others.push(i);
                }
            }
            let all: Vec<&str> = others.iter().map(|&i| self.patterns[i].value.as_str()).collect();
            if all.is_empty() {
                return compiled;
            }
            if let Ok(regex) = build(&all) {
                compiled.regex = Some(regex);
                compiled.index = others;
                return compiled;
            }
            // Some pattern is wrong: find which, one by one (rare), and keep the others.
            for (&i, pattern) in others.iter().zip(&all) {
                match build(&[pattern]) {
                    Ok(_) => compiled.index.push(i),
                    Err(e) => compiled.errors.push((i, e)),
                }
            }
            let valid: Vec<&str> = compiled.index.iter().map(|&i| self.patterns[i].value.as_str()).collect();
            compiled.regex = if valid.is_empty() { None } else { build(&valid).ok() };
            compiled
        })
    }
}

fn build(patterns: &[&str]) -> Result<Regex, String> {
    let config =
        Regex::config().match_kind(MatchKind::All).auto_prefilter(false).nfa_size_limit(Some(patterns.len() << 20));
    Regex::builder()
        .configure(config)
        .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
        .build_many(patterns)
        .map_err(|e| {
            // A syntax error's last line says what is wrong ("error: unclosed group").
            let why = e.syntax_error().map_or_else(|| e.to_string(), ToString::to_string);
            why.lines().last().unwrap_or("invalid").trim().to_owned()
        })
}

fn link_targets(path: &str, md: &Markdown) -> Vec<String> {
    let mut out: Vec<String> = md
        .links
        .iter()
        .filter_map(|l| match crate::rules::links::classify(&l.dest) {
            crate::rules::links::Target::Path { path: dest, .. } if !dest.is_empty() => {
                match crate::workspace::resolve(path, dest) {
                    crate::workspace::Resolved::Inside(t) if t != path => Some(t),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `spec.yaml`, parsed leniently: every entry whose id is a string is kept.
#[derive(Debug, Clone, Default)]
pub struct SpecDoc {
    pub yaml: YamlDoc,
    pub categories: Vec<CategoryEntry>,
}

#[derive(Debug, Clone)]
pub struct CategoryEntry {
    pub id: Item,
    pub title: Option<Item>,
    pub questions: Vec<QuestionEntry>,
}

#[derive(Debug, Clone)]
pub struct QuestionEntry {
    pub id: Item,
    pub question: Option<Item>,
    pub covers: Covers,
    /// The id of the category it is listed under.
    pub category: String,
    /// Its entry's range in `spec.yaml` (the `- id: ...` mapping).
    pub entry: TextRange,
}

impl SpecDoc {
    pub fn parse(source: &Source, diags: &mut Vec<Diagnostic>) -> Self {
        let range = TextRange::new(bom_len(&source.text), source.text.len());
        let yaml = YamlDoc::parse(&source.path, &source.text, range, SchemaKind::Spec, diags);
        let mut categories = Vec::new();
        for c in 0..yaml.len("/categories") {
            let base = format!("/categories/{c}");
            let Some(id) = yaml.string(&format!("{base}/id")) else {
                continue;
            };
            let questions = (0..yaml.len(&format!("{base}/questions")))
                .filter_map(|q| {
                    let qbase = format!("{base}/questions/{q}");
                    Some(QuestionEntry {
                        id: yaml.string(&format!("{qbase}/id"))?,
                        question: yaml.string(&format!("{qbase}/question")),
                        covers: Covers::new(yaml.strings(&format!("{qbase}/covers"))),
                        category: id.value.clone(),
                        entry: yaml.spans.value(&qbase).unwrap_or_default(),
                    })
                })
                .collect();
            categories.push(CategoryEntry { title: yaml.string(&format!("{base}/title")), id, questions });
        }
        Self { yaml, categories }
    }

    pub fn questions(&self) -> impl Iterator<Item = &QuestionEntry> {
        self.categories.iter().flat_map(|c| &c.questions)
    }
}

/// `resources.yaml`, parsed leniently.
#[derive(Debug, Clone, Default)]
pub struct ResourcesDoc {
    pub yaml: YamlDoc,
    pub resources: Vec<ResourceEntry>,
}

#[derive(Debug, Clone)]
pub struct ResourceEntry {
    pub id: Item,
    pub title: Option<Item>,
    pub kind: Option<Item>,
    pub url: Option<Item>,
    pub topics: Vec<Item>,
}

impl ResourcesDoc {
    pub fn parse(source: &Source, diags: &mut Vec<Diagnostic>) -> Self {
        let range = TextRange::new(bom_len(&source.text), source.text.len());
        let yaml = YamlDoc::parse(&source.path, &source.text, range, SchemaKind::Resources, diags);
        let resources = (0..yaml.len("/resources"))
            .filter_map(|i| {
                let base = format!("/resources/{i}");
                Some(ResourceEntry {
                    id: yaml.string(&format!("{base}/id"))?,
                    title: yaml.string(&format!("{base}/title")),
                    kind: yaml.string(&format!("{base}/kind")),
                    url: yaml.string(&format!("{base}/url")),
                    topics: yaml.strings(&format!("{base}/topics")),
                })
            })
            .collect();
        Self { yaml, resources }
    }
}

/// An answer file, parsed.
#[derive(Debug, Clone)]
pub struct AnswerDoc {
    pub path: String,
    /// The file name without `.md`.
    pub stem: String,
    /// The folder it is in, when that is a direct child of the KB root.
    pub folder: Option<String>,
    pub front: Option<YamlDoc>,
    pub meta: AnswerMeta,
    pub body_start: usize,
    pub md: Markdown,
    /// The files its Markdown links point to inside the KB (resolved lexically, itself
    /// excluded, sorted, once each): the link graph, computed once per parse rather than on
    /// every check.
    pub targets: Vec<String>,
}

/// The front matter's fields, each with its range (absent when missing or of the wrong type).
#[derive(Debug, Clone, Default)]
pub struct AnswerMeta {
    pub id: Option<Item>,
    pub category: Option<Item>,
    pub difficulty: Option<Item>,
    pub tags: Vec<Item>,
    pub related: Vec<Item>,
    pub resources: Vec<Item>,
}

impl AnswerDoc {
    pub fn parse(source: &Source, diags: &mut Vec<Diagnostic>) -> Self {
        let path = source.path.clone();
        let (folder_part, file_name) = path.rsplit_once('/').map_or(("", path.as_str()), |(d, f)| (d, f));
        let stem = file_name.strip_suffix(".md").unwrap_or(file_name).to_owned();
        let folder = (!folder_part.is_empty() && !folder_part.contains('/')).then(|| folder_part.to_owned());
        let text = &source.text;
        let split = front_matter::split(text);
        let front = match split.front {
            FrontMatterState::Present { content } => {
                Some(YamlDoc::parse(&path, text, content, SchemaKind::FrontMatter, diags))
            }
            FrontMatterState::Unclosed { open } => {
                diags.push(
                    Diagnostic::new(Rule::InvalidYaml, &path, open, "the front matter opened here is never closed")
                        .with_help("end the front matter with a line of `---` before the Markdown starts"),
                );
                None
            }
            FrontMatterState::Missing => {
                let at = TextRange::empty(split.bom);
                let skeleton = front_matter_skeleton(&stem, folder.as_deref().unwrap_or("CATEGORY"));
                let message = if text[split.bom..].trim().is_empty() {
                    "the answer file is empty"
                } else {
                    "the answer has no YAML front matter"
                };
                diags.push(
                    Diagnostic::new(Rule::MissingFrontMatter, &path, at, message)
                        .with_help("start the file with `---`, the fields `id`, `category` and `difficulty`, and `---`")
                        .with_fix(Fix::unsafe_(
                            "Insert a front matter skeleton",
                            vec![Edit::insert(&path, split.bom, skeleton)],
                        )),
                );
                None
            }
        };
        let meta = front.as_ref().map(AnswerMeta::from_yaml).unwrap_or_default();
        let md = markdown::parse(text, split.body_start);
        let targets = link_targets(&path, &md);
        Self { path, stem, folder, front, meta, body_start: split.body_start, md, targets }
    }

    /// The question the answer is for: its file name. Links and the spec's expected path both
    /// name the file, so the file name is what identifies it; a front matter `id` that
    /// disagrees is reported by `id-mismatch`.
    pub fn id(&self) -> &str {
        &self.stem
    }
}

impl AnswerMeta {
    fn from_yaml(yaml: &YamlDoc) -> Self {
        Self {
            id: yaml.string("/id"),
            category: yaml.string("/category"),
            difficulty: yaml.string("/difficulty"),
            tags: yaml.strings("/tags"),
            related: yaml.strings("/related"),
            resources: yaml.strings("/resources"),
        }
    }
}

/// The front matter a new answer starts with.
pub fn front_matter_skeleton(id: &str, category: &str) -> String {
    format!("---\nid: {id}\ncategory: {category}\ndifficulty: core\ntags: []\nrelated: []\nresources: []\n---\n")
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covers(patterns: &[&str]) -> Covers {
        Covers::new(patterns.iter().map(|p| Item { value: (*p).to_owned(), range: TextRange::empty(0) }).collect())
    }

    fn values<'a>(items: impl IntoIterator<Item = &'a Item>) -> Vec<&'a str> {
        items.into_iter().map(|i| i.value.as_str()).collect()
    }

    #[test]
    fn covers_match_case_insensitively_each_pattern_on_its_own() {
        let c = covers(&["trade-?off", "IRREDUCIBLE", "l1|lasso", r"\bbias\b"]);
        assert_eq!(values(c.unmatched("The Tradeoff has an irreducible part; LASSO too.")), ["\\bbias\\b"]);
        assert_eq!(values(c.unmatched("bias, trade-off, irreducible, L1")), Vec::<&str>::new());
        assert_eq!(c.errors().count(), 0);
    }

    #[test]
    fn a_pattern_that_does_not_compile_is_reported_and_the_others_still_match() {
        let c = covers(&["first", "trade-(off", "second"]);
        let errors: Vec<(&str, &str)> = c.errors().map(|(i, why)| (i.value.as_str(), why)).collect();
        assert_eq!(errors, [("trade-(off", "error: unclosed group")]);
        assert_eq!(values(c.unmatched("only the first")), ["second"]);
        assert_eq!(values(covers(&["(", "["]).unmatched("anything")), Vec::<&str>::new());
    }

    #[test]
    fn a_pattern_too_large_to_compile_is_an_error_not_a_hang() {
        let c = covers(&[r"\w{1000}{1000}"]);
        assert_eq!(c.errors().count(), 1);
    }
}
