//! The KB's documents, parsed: the spec, the resources, and answers. Parsing never fails: what
//! cannot be read becomes a diagnostic at its location, and the rest is kept.

use std::sync::{LazyLock, OnceLock};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::{self, Spanned, Text, Valid};
use crate::rubric::{KeyPoint, Rubric};
use crate::schema::{Problem, SchemaKind};
use crate::syntax::canonical;
use crate::syntax::front_matter::{self, FrontMatterState};
use crate::syntax::markdown::{self, Markdown};
use crate::syntax::problem::ParseProblem;
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
    /// Built on first use: most files of a large KB never need a line number.
    lines: OnceLock<LineIndex>,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self { path: path.into(), text: text.into(), lines: OnceLock::new() }
    }

    /// Where the lines of the text start.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    pub fn slice(&self, range: TextRange) -> &str {
        self.text.get(range.start..range.end).unwrap_or("")
    }
}

/// A YAML document of the KB: where it is, whether it could be read, and (on demand) the spans
/// of its nodes.
#[derive(Debug, Clone, Default)]
pub struct YamlDoc {
    /// Where the YAML is in the file.
    pub range: TextRange,
    /// Whether it is YAML at all (when not, `invalid-yaml` was reported and nothing was read).
    pub readable: bool,
    /// Its value as JSON: kept only for a file that did not match its typed model, which is
    /// then read leniently through it.
    value: Option<Value>,
    /// tree-sitter spans of every key and value: built for a file with a problem, or the first
    /// time a rule or the editor asks where a key is.
    spans: OnceLock<YamlSpans>,
}

impl YamlDoc {
    /// Reads `text[range]` into the typed model `T` when it is a valid `T` (the common case: one
    /// YAML pass, no value, no schema, no spans). Otherwise reads it as a value, validates it
    /// against `schema` and adds every problem to `problems`, located by tree-sitter spans.
    /// `canonical` reads the one form most files are written in faster than serde-saphyr, and
    /// says `None` for anything else.
    fn read<T: DeserializeOwned + Valid>(
        text: &str,
        range: TextRange,
        schema: SchemaKind,
        problems: &mut Vec<ParseProblem>,
        canonical: fn(&str) -> Option<T>,
    ) -> (Self, Option<T>) {
        let budget = if schema == SchemaKind::FrontMatter { yaml::Budget::FrontMatter } else { yaml::Budget::Document };
        let typed = canonical(&text[range.start..range.end]).or_else(|| yaml::parse_typed::<T>(text, range, budget));
        match typed {
            Some(typed) if typed.is_valid() => {
                (Self { range, readable: true, value: None, spans: OnceLock::new() }, Some(typed))
            }
            _ => (Self::parse(text, range, schema, problems), None),
        }
    }

    /// Parses `text[range]` as a value and validates it against `schema`, adding what is wrong to
    /// `problems`.
    pub fn parse(text: &str, range: TextRange, schema: SchemaKind, problems: &mut Vec<ParseProblem>) -> Self {
        let spans = OnceLock::from(YamlSpans::parse(text, range));
        let budget = if schema == SchemaKind::FrontMatter { yaml::Budget::FrontMatter } else { yaml::Budget::Document };
        let value = match yaml::parse_value(text, range, budget) {
            Ok(v) => v,
            Err(e) => {
                problems.push(ParseProblem::InvalidYaml { range: e.range, message: e.message });
                return Self { range, readable: false, value: None, spans };
            }
        };
        let doc = Self { range, readable: true, value: Some(value), spans };
        doc.schema_problems(text, schema, problems);
        doc
    }

    /// The spans of every key and value; `text` is the file's text this document was read from.
    pub fn spans(&self, text: &str) -> &YamlSpans {
        self.spans.get_or_init(|| YamlSpans::parse(text, self.range))
    }

    fn known_spans(&self) -> &YamlSpans {
        static NONE: LazyLock<YamlSpans> = LazyLock::new(YamlSpans::default);
        self.spans.get().unwrap_or(&NONE)
    }

    fn schema_problems(&self, text: &str, schema: SchemaKind, problems: &mut Vec<ParseProblem>) {
        let Some(value) = &self.value else { return };
        let first_line = {
            let lines = &text[self.range.start..self.range.end];
            let len = lines.find(['\n', '\r']).unwrap_or(lines.len());
            TextRange::new(self.range.start, self.range.start + len)
        };
        let spans = self.known_spans();
        for error in schema.validate(value) {
            let span = spans.nearest(&error.pointer);
            let at = |pointer: &str| {
                spans.get(pointer).map(|s| s.key_or_value()).or(span.map(|s| s.value)).unwrap_or(first_line)
            };
            let place =
                if error.pointer.is_empty() { String::new() } else { format!("`{}`: ", describe(&error.pointer)) };
            match error.problem {
                Problem::UnknownFields(fields) => {
                    for field in fields {
                        let mut pointer = error.pointer.clone();
                        yaml::push_segment(&mut pointer, &field);
                        let allowed = allowed_fields(schema, &error.pointer);
                        problems.push(ParseProblem::UnknownField {
                            range: at(&pointer),
                            place: place.clone(),
                            field,
                            allowed,
                        });
                    }
                }
                Problem::MissingField(field) => {
                    let range = if error.pointer.is_empty() { first_line } else { at(&error.pointer) };
                    problems.push(ParseProblem::MissingField { range, place, field });
                }
                Problem::Invalid(message) => {
                    let range = span.map_or(first_line, |s| s.value);
                    problems.push(ParseProblem::SchemaViolation {
                        range,
                        place,
                        message,
                        schema_file: schema.file_name(),
                    });
                }
            }
        }
    }

    /// The string at `pointer`, with the range of its value (a file read leniently).
    fn string(&self, pointer: &str) -> Option<Item> {
        let value = self.value.as_ref()?.pointer(pointer)?.as_str()?;
        let range = self.known_spans().value(pointer)?;
        Some(Item { value: value.to_owned(), range })
    }

    /// The strings of the sequence at `pointer` (non-strings skipped).
    fn strings(&self, pointer: &str) -> Vec<Item> {
        let len = self.value.as_ref().and_then(|v| v.pointer(pointer)).and_then(Value::as_array).map_or(0, Vec::len);
        (0..len).filter_map(|i| self.string(&format!("{pointer}/{i}"))).collect()
    }

    fn len(&self, pointer: &str) -> usize {
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

/// A question's rubric: its key points, then its `covers` patterns as points named by themselves.
fn rubric(points: Vec<(Item, Item)>, covers: Vec<Item>) -> Rubric {
    let named = points.into_iter().map(|(name, pattern)| KeyPoint {
        name: name.value,
        name_range: Some(name.range),
        pattern: pattern.value,
        pattern_range: pattern.range,
    });
    let bare = covers.into_iter().map(|c| KeyPoint {
        name: c.value.clone(),
        name_range: None,
        pattern: c.value,
        pattern_range: c.range,
    });
    Rubric::new(named.chain(bare).collect())
}

fn link_targets(path: &str, md: &Markdown) -> Vec<String> {
    let mut out: Vec<String> =
        md.links.iter().filter_map(|l| l.to().inside()).filter(|&t| t != path).map(str::to_owned).collect();
    out.sort();
    out.dedup();
    out
}

/// `spec.yaml`, parsed leniently: every entry whose id is a string is kept.
#[derive(Debug, Clone, Default)]
pub struct SpecDoc {
    pub yaml: YamlDoc,
    pub title: Option<Item>,
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
    /// Its key points (and deprecated `covers` patterns, as points named by themselves).
    pub rubric: Rubric,
    /// Where its deprecated `covers` list is (the first pattern), if it has one.
    pub covers_at: Option<TextRange>,
    /// The id of the category it is listed under.
    pub category: String,
    /// Its entry's range in `spec.yaml` (the `- id: ...` mapping).
    pub entry: TextRange,
}

impl SpecDoc {
    pub fn parse(source: &Source, problems: &mut Vec<ParseProblem>) -> Self {
        let range = TextRange::new(bom_len(&source.text), source.text.len());
        match YamlDoc::read(&source.text, range, SchemaKind::Spec, problems, canonical::spec) {
            (yaml, Some(spec)) => Self::from_model(yaml, spec, &source.text),
            (yaml, None) => Self::from_value(yaml),
        }
    }

    fn from_model(yaml: YamlDoc, spec: model::Spec, text: &str) -> Self {
        let base = yaml.range.start;
        let categories = spec
            .categories
            .into_iter()
            .map(|c| {
                let id = item(c.id, base);
                let category = id.value.clone();
                let questions = c
                    .questions
                    .into_iter()
                    .map(|q| {
                        let start = q.range.start + base;
                        let q = q.value;
                        let covers: Vec<Item> = q.covers.into_iter().map(|p| item(p, base)).collect();
                        let points: Vec<(Item, Item)> =
                            q.key_points.into_iter().map(|k| (item(k.name, base), item(k.pattern, base))).collect();
                        let (id, question) = (item(q.id, base), item(q.question, base));
                        let last = covers.last().map_or(0, |p| flow_end(text, p.range.end));
                        let last_point = points.iter().map(|(n, m)| n.range.end.max(m.range.end)).max().unwrap_or(0);
                        let end = id.range.end.max(question.range.end).max(last).max(last_point);
                        QuestionEntry {
                            entry: TextRange::new(start.min(id.range.start), end),
                            category: category.clone(),
                            id,
                            question: Some(question),
                            covers_at: covers.first().map(|c| c.range),
                            rubric: rubric(points, covers),
                        }
                    })
                    .collect();
                CategoryEntry { id, title: Some(item(c.title, base)), questions }
            })
            .collect();
        Self { yaml, title: Some(item(spec.title, base)), categories }
    }

    fn from_value(yaml: YamlDoc) -> Self {
        let mut categories = Vec::new();
        for c in 0..yaml.len("/categories") {
            let base = format!("/categories/{c}");
            let Some(id) = yaml.string(&format!("{base}/id")) else {
                continue;
            };
            let questions = (0..yaml.len(&format!("{base}/questions")))
                .filter_map(|q| {
                    let qbase = format!("{base}/questions/{q}");
                    let covers = yaml.strings(&format!("{qbase}/covers"));
                    let points = (0..yaml.len(&format!("{qbase}/key_points")))
                        .filter_map(|k| {
                            let point = format!("{qbase}/key_points/{k}");
                            Some((yaml.string(&format!("{point}/name"))?, yaml.string(&format!("{point}/match"))?))
                        })
                        .collect();
                    Some(QuestionEntry {
                        id: yaml.string(&format!("{qbase}/id"))?,
                        question: yaml.string(&format!("{qbase}/question")),
                        covers_at: covers.first().map(|c| c.range),
                        rubric: rubric(points, covers),
                        category: id.value.clone(),
                        entry: yaml.known_spans().value(&qbase).unwrap_or_default(),
                    })
                })
                .collect();
            categories.push(CategoryEntry { title: yaml.string(&format!("{base}/title")), id, questions });
        }
        Self { title: yaml.string("/title"), yaml, categories }
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
    pub group: Option<Item>,
    pub url: Option<Item>,
    pub summary: Option<Item>,
    pub topics: Vec<Item>,
}

impl ResourcesDoc {
    pub fn parse(source: &Source, problems: &mut Vec<ParseProblem>) -> Self {
        let range = TextRange::new(bom_len(&source.text), source.text.len());
        match YamlDoc::read::<model::Resources>(&source.text, range, SchemaKind::Resources, problems, |_| None) {
            (yaml, Some(resources)) => {
                let base = yaml.range.start;
                let resources = resources
                    .resources
                    .into_iter()
                    .map(|r| ResourceEntry {
                        id: item(r.id, base),
                        title: Some(item(r.title, base)),
                        kind: Some(Item { value: r.kind.value.name().to_owned(), range: r.kind.range.shift(base) }),
                        group: r.group.map(|g| item(g, base)),
                        url: r.url.map(|u| item(u, base)),
                        summary: Some(item(r.summary, base)),
                        topics: r.topics.into_iter().map(|t| item(t, base)).collect(),
                    })
                    .collect();
                Self { yaml, resources }
            }
            (yaml, None) => Self::parse_value(yaml),
        }
    }

    /// The entries of a file that did not match the typed model: each with a string id.
    fn parse_value(yaml: YamlDoc) -> Self {
        let resources = (0..yaml.len("/resources"))
            .filter_map(|i| {
                let base = format!("/resources/{i}");
                Some(ResourceEntry {
                    id: yaml.string(&format!("{base}/id"))?,
                    title: yaml.string(&format!("{base}/title")),
                    kind: yaml.string(&format!("{base}/kind")),
                    group: yaml.string(&format!("{base}/group")),
                    url: yaml.string(&format!("{base}/url")),
                    summary: yaml.string(&format!("{base}/summary")),
                    topics: yaml.strings(&format!("{base}/topics")),
                })
            })
            .collect();
        Self { yaml, resources }
    }
}

/// `glossary.yaml`, parsed leniently.
#[derive(Debug, Clone, Default)]
pub struct GlossaryDoc {
    pub yaml: YamlDoc,
    pub spellings: Vec<(Item, Item)>,
    pub terms: Vec<TermEntry>,
}

/// One term of the glossary, each value with its range.
#[derive(Debug, Clone)]
pub struct TermEntry {
    pub term: Item,
    pub acronyms: Vec<Item>,
    pub aliases: Vec<Item>,
    pub definition: Option<Item>,
    pub answer: Option<Item>,
}

impl TermEntry {
    /// Every name of the term: itself, its acronyms, its aliases.
    pub fn names(&self) -> impl Iterator<Item = &Item> {
        std::iter::once(&self.term).chain(&self.acronyms).chain(&self.aliases)
    }
}

impl GlossaryDoc {
    pub fn parse(source: &Source, problems: &mut Vec<ParseProblem>) -> Self {
        let range = TextRange::new(bom_len(&source.text), source.text.len());
        match YamlDoc::read::<model::Glossary>(&source.text, range, SchemaKind::Glossary, problems, |_| None) {
            (yaml, Some(glossary)) => {
                let base = yaml.range.start;
                let spellings =
                    glossary.spellings.into_iter().map(|s| (item(s.british, base), item(s.american, base))).collect();
                let terms = glossary
                    .terms
                    .into_iter()
                    .map(|t| TermEntry {
                        term: item(t.term, base),
                        acronyms: t.acronyms.into_iter().map(|a| item(a, base)).collect(),
                        aliases: t.aliases.into_iter().map(|a| item(a, base)).collect(),
                        definition: Some(item(t.definition, base)),
                        answer: t.answer.map(|a| item(a, base)),
                    })
                    .collect();
                Self { yaml, spellings, terms }
            }
            (yaml, None) => Self::parse_value(yaml),
        }
    }

    /// The entries of a file that did not match the typed model: each with a string `term`.
    fn parse_value(yaml: YamlDoc) -> Self {
        let spellings = (0..yaml.len("/spellings"))
            .filter_map(|i| {
                let base = format!("/spellings/{i}");
                Some((yaml.string(&format!("{base}/british"))?, yaml.string(&format!("{base}/american"))?))
            })
            .collect();
        let terms = (0..yaml.len("/terms"))
            .filter_map(|i| {
                let base = format!("/terms/{i}");
                Some(TermEntry {
                    term: yaml.string(&format!("{base}/term"))?,
                    acronyms: yaml.strings(&format!("{base}/acronyms")),
                    aliases: yaml.strings(&format!("{base}/aliases")),
                    definition: yaml.string(&format!("{base}/definition")),
                    answer: yaml.string(&format!("{base}/answer")),
                })
            })
            .collect();
        Self { yaml, spellings, terms }
    }
}

/// A typed value as an [`Item`] with its range in the file (`base`: where the YAML starts).
fn item(spanned: Spanned<Text>, base: usize) -> Item {
    Item { value: spanned.value.0, range: spanned.range.shift(base) }
}

/// Where a flow sequence whose last item ends at `after` is closed (just past its `]`), or
/// `after` for a block sequence: the end of the mapping that holds it.
fn flow_end(text: &str, after: usize) -> usize {
    let rest = text.get(after..).unwrap_or("");
    let skipped = rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',').len();
    if rest[skipped..].starts_with(']') { after + skipped + 1 } else { after }
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
    /// Where the text graded against its question's key points starts: after the H1 line (or the
    /// front matter), so the question's own words never count as making a point.
    pub fn graded_start(&self) -> usize {
        self.md.h1().map_or(self.body_start, |h| h.range.end.max(self.body_start))
    }

    pub fn parse(source: &Source, problems: &mut Vec<ParseProblem>) -> Self {
        let path = source.path.clone();
        let (folder_part, file_name) = path.rsplit_once('/').map_or(("", path.as_str()), |(d, f)| (d, f));
        let stem = file_name.strip_suffix(".md").unwrap_or(file_name).to_owned();
        let folder = (!folder_part.is_empty() && !folder_part.contains('/')).then(|| folder_part.to_owned());
        let text = &source.text;
        let split = front_matter::split(text);
        let mut meta = AnswerMeta::default();
        let front = match split.front {
            FrontMatterState::Present { content } => {
                let (yaml, typed) =
                    YamlDoc::read(text, content, SchemaKind::FrontMatter, problems, canonical::front_matter);
                meta = match typed {
                    Some(front) => AnswerMeta::from_model(front, content.start),
                    None => AnswerMeta::from_value(&yaml),
                };
                Some(yaml)
            }
            FrontMatterState::Unclosed { open } => {
                problems.push(ParseProblem::UnclosedFrontMatter { open });
                None
            }
            FrontMatterState::Missing => {
                let skeleton = front_matter_skeleton(&stem, folder.as_deref().unwrap_or("CATEGORY"));
                let empty = text[split.bom..].trim().is_empty();
                problems.push(ParseProblem::MissingFrontMatter { at: split.bom, empty, skeleton });
                None
            }
        };
        let md = markdown::parse(&path, text, split.body_start);
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
    fn from_model(front: model::FrontMatter, base: usize) -> Self {
        let list = |ids: Vec<Spanned<model::Id>>| {
            ids.into_iter().map(|i| item(Spanned { value: i.value.0, range: i.range }, base)).collect()
        };
        Self {
            id: Some(item(front.id, base)),
            category: Some(item(front.category, base)),
            difficulty: Some(Item {
                value: front.difficulty.value.name().to_owned(),
                range: front.difficulty.range.shift(base),
            }),
            tags: front.tags.into_iter().map(|t| item(Spanned { value: t.value.0, range: t.range }, base)).collect(),
            related: list(front.related),
            resources: list(front.resources),
        }
    }

    fn from_value(yaml: &YamlDoc) -> Self {
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

/// A new answer: front matter, the question as H1, and the configured sections.
pub fn scaffold(id: &str, category: &str, question: &str, sections: &[String]) -> String {
    let mut text = front_matter_skeleton(id, category);
    text.push_str(&format!("# {question}\n"));
    for s in sections {
        text.push_str(&format!("\n## {s}\n"));
    }
    text
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files of the shipped KB and of a synthetic one: what the typed path must read exactly
    /// as the lenient path does.
    fn corpus() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../kb");
        let mut files = mlqa_synth::generate(&mlqa_synth::Options { answers: 150, seed: 3, faults: 0.0 }).files;
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md" || e == "yaml") {
                    let rel = path.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
                    files.push((rel, std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        files
    }

    fn items(items: &[Item]) -> Vec<(&str, TextRange)> {
        items.iter().map(|i| (i.value.as_str(), i.range)).collect()
    }

    fn opt(item: &Option<Item>) -> Option<(&str, TextRange)> {
        item.as_ref().map(|i| (i.value.as_str(), i.range))
    }

    #[test]
    fn the_typed_path_reads_every_valid_file_as_the_lenient_path_does() {
        let (mut answers, mut specs) = (0, 0);
        for (path, text) in corpus() {
            let source = Source::new(path.clone(), text.clone());
            let mut problems = Vec::new();
            let range = TextRange::new(bom_len(&text), text.len());
            if path.ends_with("spec.yaml") {
                let typed = SpecDoc::parse(&source, &mut problems);
                assert!(
                    problems.is_empty() && typed.yaml.value.is_none(),
                    "{path} took the lenient path: {problems:?}"
                );
                let lenient = SpecDoc::from_value(YamlDoc::parse(&text, range, SchemaKind::Spec, &mut problems));
                assert_eq!(opt(&typed.title), opt(&lenient.title));
                let (t, l): (Vec<_>, Vec<_>) = (typed.questions().collect(), lenient.questions().collect());
                assert_eq!(t.len(), l.len());
                for (t, l) in t.iter().zip(&l) {
                    assert_eq!((&t.id, &t.question, &t.category), (&l.id, &l.question, &l.category));
                    assert_eq!(t.rubric.points(), l.rubric.points());
                    assert_eq!(t.covers_at, l.covers_at);
                    // tree-sitter ends the file's last mapping after its line break; the typed
                    // path at its last character.
                    let (te, le) = (&text[t.entry.start..t.entry.end], &text[l.entry.start..l.entry.end]);
                    assert_eq!(te, le.trim_end(), "{path}: entry of {}", t.id.value);
                }
                specs += 1;
            } else if path.ends_with("resources.yaml") {
                let typed = ResourcesDoc::parse(&source, &mut problems);
                assert!(problems.is_empty() && typed.yaml.value.is_none(), "{path}: {problems:?}");
                let yaml = YamlDoc::parse(&text, range, SchemaKind::Resources, &mut problems);
                let lenient = ResourcesDoc::parse_value(yaml);
                for (t, l) in typed.resources.iter().zip(&lenient.resources) {
                    let fields = |r: &ResourceEntry| {
                        [&r.title, &r.kind, &r.group, &r.url, &r.summary]
                            .map(|f| opt(f).map(|(v, r)| (v.to_owned(), r)))
                    };
                    assert_eq!((&t.id, items(&t.topics)), (&l.id, items(&l.topics)));
                    assert_eq!(fields(t), fields(l), "{path}: {}", t.id.value);
                }
                assert_eq!(typed.resources.len(), lenient.resources.len());
            } else if path.contains('/') && path.ends_with(".md") {
                let typed = AnswerDoc::parse(&source, &mut problems);
                assert!(problems.is_empty(), "{path}: {problems:?}");
                let front = typed.front.as_ref().unwrap();
                assert!(front.value.is_none(), "{path} took the lenient path");
                let lenient =
                    AnswerMeta::from_value(&YamlDoc::parse(&text, front.range, SchemaKind::FrontMatter, &mut problems));
                let m = &typed.meta;
                assert_eq!(
                    (opt(&m.id), opt(&m.category), opt(&m.difficulty)),
                    (opt(&lenient.id), opt(&lenient.category), opt(&lenient.difficulty))
                );
                for (t, l) in
                    [(&m.tags, &lenient.tags), (&m.related, &lenient.related), (&m.resources, &lenient.resources)]
                {
                    assert_eq!(items(t), items(l), "{path}");
                }
                answers += 1;
            }
        }
        assert!(answers > 200 && specs == 2, "{answers} answers, {specs} specs");
    }

    /// `Valid::is_valid` and the JSON Schema give the same verdict: a file passes the typed path
    /// exactly when the schema has nothing to say about it.
    #[test]
    fn the_typed_path_accepts_exactly_what_the_schema_accepts() {
        let values = [
            "core",
            "advanced",
            "bias-variance",
            "\"quoted\"",
            "'single'",
            "\"\"",
            "Bias",
            "a--b",
            "-a",
            "12",
            "0x1f",
            "1e5",
            "true",
            "y",
            "null",
            "~",
            "[a]",
            "{k: v}",
            "https://example.org/x",
            "http://example.org",
            "\"https://a b\"",
            "é",
            "paper",
            "Paper",
            "a_b",
            "!!str 12",
            "&x core",
            "|\n  core",
        ];
        let templates: [(SchemaKind, &str); 4] = [
            (SchemaKind::FrontMatter, "id: @\ncategory: @\ndifficulty: @\ntags: [@]\nrelated:\n  - @\nresources: []\n"),
            (
                SchemaKind::Resources,
                "resources:\n  - id: @\n    title: @\n    kind: @\n    url: @\n    summary: @\n    topics: [@]\n",
            ),
            (
                SchemaKind::Spec,
                "title: @\ncategories:\n  - id: @\n    title: @\n    questions:\n      - id: @\n        question: @\n        covers: [@]\n",
            ),
            (
                SchemaKind::Glossary,
                "spellings:\n  - british: @\n    american: @\nterms:\n  - term: @\n    acronyms: [@]\n    aliases: [@]\n    definition: @\n    answer: @\n",
            ),
        ];
        let mut checked = 0;
        for (kind, template) in templates {
            let slots = template.matches('@').count();
            for (i, value) in values.iter().enumerate() {
                for slot in 0..slots {
                    // Every slot valid except one, which takes the value under test.
                    let fill = |n: usize| match (kind, n) {
                        _ if n == slot => (*value).to_owned(),
                        (SchemaKind::FrontMatter, 2) => "core".to_owned(),
                        (SchemaKind::Resources, 2) => "paper".to_owned(),
                        (SchemaKind::Resources, 3) => "https://example.org".to_owned(),
                        _ => format!("x{n}"),
                    };
                    let mut yaml = String::new();
                    for (n, piece) in template.split('@').enumerate() {
                        if n > 0 {
                            yaml.push_str(&fill(n - 1));
                        }
                        yaml.push_str(piece);
                    }
                    let range = TextRange::new(0, yaml.len());
                    let budget = yaml::Budget::Document;
                    let typed =
                        match kind {
                            SchemaKind::FrontMatter => yaml::parse_typed::<model::FrontMatter>(&yaml, range, budget)
                                .is_some_and(|t| t.is_valid()),
                            SchemaKind::Resources => yaml::parse_typed::<model::Resources>(&yaml, range, budget)
                                .is_some_and(|t| t.is_valid()),
                            SchemaKind::Glossary => {
                                yaml::parse_typed::<model::Glossary>(&yaml, range, budget).is_some_and(|t| t.is_valid())
                            }
                            _ => yaml::parse_typed::<model::Spec>(&yaml, range, budget).is_some_and(|t| t.is_valid()),
                        };
                    let schema = yaml::parse_value(&yaml, range, budget).is_ok_and(|v| kind.validate(&v).is_empty());
                    assert_eq!(typed, schema, "value #{i} {value:?} in slot {slot}:\n{yaml}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 400, "{checked}");
    }
}
