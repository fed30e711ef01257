//! YAML: values through serde-saphyr (alias-bomb budgets, YAML 1.2 booleans), spans of every
//! key and value through tree-sitter-yaml, addressed by JSON pointer so that a schema error
//! lands on the offending key or value.

use foldhash::HashMap;
use std::cell::RefCell;

use tree_sitter::{Node, Parser};

use crate::text::{LineIndex, TextRange};

/// Where a node of the YAML document is: its key (for mapping entries) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpan {
    pub key: Option<TextRange>,
    pub value: TextRange,
}

impl NodeSpan {
    /// The key if there is one, else the value: what to underline for "this entry".
    pub fn key_or_value(self) -> TextRange {
        self.key.unwrap_or(self.value)
    }
}

/// The spans of a YAML document's nodes by JSON pointer (`/categories/0/id`), in file offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlSpans {
    nodes: HashMap<String, NodeSpan>,
}

impl YamlSpans {
    pub fn get(&self, pointer: &str) -> Option<NodeSpan> {
        self.nodes.get(pointer).copied()
    }

    /// The span of `pointer`, or of its nearest ancestor that has one.
    pub fn nearest(&self, pointer: &str) -> Option<NodeSpan> {
        let mut p = pointer;
        loop {
            if let Some(s) = self.get(p) {
                return Some(s);
            }
            let cut = p.rfind('/')?;
            p = &p[..cut];
        }
    }

    pub fn value(&self, pointer: &str) -> Option<TextRange> {
        self.get(pointer).map(|s| s.value)
    }

    /// Builds the spans of the YAML in `text[range]`; offsets are absolute in `text`.
    pub fn parse(text: &str, range: TextRange) -> Self {
        thread_local! {
            static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
        }
        let source = &text[range.start..range.end];
        // Some inputs abort the process inside tree-sitter-yaml: it is given none of them.
        if super::yaml_guard::check(source).is_err() {
            return Self::default();
        }
        let tree = PARSER.with_borrow_mut(|slot| {
            let parser = slot.get_or_insert_with(|| {
                let mut p = Parser::new();
                p.set_language(&tree_sitter_yaml::LANGUAGE.into())
                    .expect("tree-sitter-yaml matches the tree-sitter ABI");
                p
            });
            parser.parse(source, None)
        });
        let mut spans = Self::default();
        if let Some(tree) = tree {
            let mut walker = Walker { source, base: range.start, spans: &mut spans, depth: 0 };
            let root = tree.root_node();
            if let Some(doc) = named_children(root).find(|n| n.kind() == "document")
                && let Some(content) = named_children(doc).find(|n| is_node(n.kind()))
            {
                let mut pointer = String::new();
                walker.node(content, &mut pointer, None);
            }
        }
        spans
    }
}

/// Deepest nesting walked; deeper YAML is still parsed by serde-saphyr (with its budgets) but
/// its inner spans fall back to the nearest recorded ancestor.
const MAX_DEPTH: usize = 64;

struct Walker<'a> {
    source: &'a str,
    base: usize,
    spans: &'a mut YamlSpans,
    depth: usize,
}

impl Walker<'_> {
    fn range(&self, node: Node<'_>) -> TextRange {
        TextRange::new(node.start_byte() + self.base, node.end_byte() + self.base)
    }

    fn node(&mut self, node: Node<'_>, pointer: &mut String, key: Option<TextRange>) {
        let value = self.range(node);
        self.spans.nodes.insert(pointer.clone(), NodeSpan { key, value });
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        let content = content_of(node);
        match content.kind() {
            "block_mapping" | "flow_mapping" => {
                for pair in named_children(content).filter(|n| matches!(n.kind(), "block_mapping_pair" | "flow_pair")) {
                    let Some(key_node) = pair.child_by_field_name("key") else {
                        continue;
                    };
                    let name = scalar_text(content_of(key_node), self.source);
                    let len = pointer.len();
                    push_segment(pointer, &name);
                    let key_range = self.range(key_node);
                    match pair.child_by_field_name("value") {
                        Some(v) => self.node(v, pointer, Some(key_range)),
                        None => {
                            let at = TextRange::empty(self.range(pair).end);
                            self.spans.nodes.insert(pointer.clone(), NodeSpan { key: Some(key_range), value: at });
                        }
                    }
                    pointer.truncate(len);
                }
            }
            "block_sequence" | "flow_sequence" => {
                let items = named_children(content).filter(|n| n.kind() != "comment");
                for (i, item) in items.enumerate() {
                    let item = if item.kind() == "block_sequence_item" {
                        match named_children(item).find(|n| is_node(n.kind())) {
                            Some(n) => n,
                            None => continue,
                        }
                    } else {
                        item
                    };
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    self.node(item, pointer, None);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
        self.depth -= 1;
    }
}

fn is_node(kind: &str) -> bool {
    matches!(kind, "block_node" | "flow_node")
}

fn named_children<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    (0..node.named_child_count() as u32).filter_map(move |i| node.named_child(i))
}

/// The mapping, sequence or scalar inside a `block_node`/`flow_node` (past anchors and tags).
fn content_of(node: Node<'_>) -> Node<'_> {
    if is_node(node.kind()) {
        named_children(node).find(|n| !matches!(n.kind(), "anchor" | "tag" | "comment")).unwrap_or(node)
    } else {
        node
    }
}

/// The string a key scalar denotes (quotes removed, common escapes resolved).
fn scalar_text(node: Node<'_>, source: &str) -> String {
    let raw = &source[node.start_byte()..node.end_byte()];
    match node.kind() {
        "double_quote_scalar" => {
            let inner = raw.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(raw);
            inner.replace("\\\"", "\"").replace("\\\\", "\\")
        }
        "single_quote_scalar" => {
            let inner = raw.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')).unwrap_or(raw);
            inner.replace("''", "'")
        }
        _ => raw.trim().to_owned(),
    }
}

/// Appends a JSON pointer segment, escaped as RFC 6901 says (`~` -> `~0`, `/` -> `~1`).
pub fn push_segment(pointer: &mut String, segment: &str) {
    pointer.push('/');
    for c in segment.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// YAML that could not be read as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Where the parser stopped, in file offsets.
    pub range: TextRange,
    pub message: String,
}

/// How much YAML a document may expand to: aliases are replayed node by node, so an alias bomb
/// costs memory before any limit on the input's size could see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// An answer's front matter: a handful of keys and short lists.
    FrontMatter,
    /// `spec.yaml` or `resources.yaml`: grows with the KB (about ten nodes per question).
    Document,
}

/// How the YAML is read, for values and typed documents alike: budgets, and YAML 1.2 booleans
/// (`y` and `n` stay strings).
fn options(budget: Budget) -> serde_saphyr::Options {
    let mut limits = serde_saphyr::Budget::default();
    let mut aliases = serde_saphyr::options::AliasLimits::default();
    if budget == Budget::FrontMatter {
        limits.max_nodes = 10_000;
        limits.max_events = 50_000;
        limits.max_aliases = 1_000;
        aliases.max_total_replayed_events = 10_000;
    }
    serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: Some(limits),
        alias_limits: aliases,
    }
}

/// Reads the YAML in `text[range]` straight into the typed model `T` (whose `Spanned` ranges
/// are then relative to `range.start`). `None` for anything `T` does not describe exactly: the
/// caller then reads it as a value to word the problem.
pub fn parse_typed<T: serde::de::DeserializeOwned>(text: &str, range: TextRange, budget: Budget) -> Option<T> {
    serde_saphyr::from_str_with_options::<Option<T>>(&text[range.start..range.end], options(budget)).ok().flatten()
}

/// Reads the YAML in `text[range]` as a JSON value, within `budget`: the reading of a file
/// with a problem, whose diagnostics are then located by tree-sitter spans.
pub fn parse_value(text: &str, range: TextRange, budget: Budget) -> Result<serde_json::Value, YamlError> {
    let source = &text[range.start..range.end];
    match serde_saphyr::from_str_with_options::<Option<serde_json::Value>>(source, options(budget)) {
        Ok(value) => match super::yaml_guard::check_parsed(source) {
            Ok(()) => Ok(value.unwrap_or(serde_json::Value::Null)),
            // Read as data but refused to tree-sitter (no key would have a span): say why.
            Err(refusal) => {
                Err(YamlError { range: refusal.line(source).shift(range.start), message: refusal.to_string() })
            }
        },
        Err(err) => {
            let offset = err.location().map_or(0, |loc| {
                loc.span().byte_offset().map(|b| b as usize).unwrap_or_else(|| {
                    let index = LineIndex::new(source);
                    index.offset(
                        source,
                        crate::text::LineCol { line: loc.line().max(1) as u32, column: loc.column().max(1) as u32 },
                    )
                })
            });
            let offset = crate::text::floor_char_boundary(source, offset);
            let end = source[offset..].find(['\n', '\r']).map_or(source.len(), |n| offset + n);
            let message = first_line(&err.to_string());
            Err(YamlError { range: TextRange::new(offset, end.max(offset)).shift(range.start), message })
        }
    }
}

/// The parser's message without its own location (which counts from the front matter, not
/// the file; the diagnostic's range says where), in words a KB author can act on.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or("invalid YAML").trim();
    if line.contains("budget breached: Depth {") {
        return "the YAML is nested more than 64 levels deep".to_owned();
    }
    if line.contains("budget breached") || line.contains("alias replay limit") {
        return "the YAML expands to too many nodes (an alias bomb, or aliases nested too deep)".to_owned();
    }
    let cut = line.find(" at line ").unwrap_or(line.len());
    line[..cut].trim_end_matches([',', ':']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_keys_values_and_items() {
        let text = "xx\nid: bias\ntags: [a, \"b\"]\nlist:\n  - k: v\n";
        let range = TextRange::new(3, text.len());
        let spans = YamlSpans::parse(text, range);
        let at = |r: TextRange| &text[r.start..r.end];
        assert_eq!(at(spans.get("/id").unwrap().key.unwrap()), "id");
        assert_eq!(at(spans.value("/id").unwrap()), "bias");
        assert_eq!(at(spans.value("/tags/1").unwrap()), "\"b\"");
        assert_eq!(at(spans.value("/list/0/k").unwrap()), "v");
        assert_eq!(at(spans.nearest("/list/0/k/9").unwrap().value), "v");
    }

    #[test]
    fn values_use_yaml_1_2_booleans() {
        let text = "a: y\nb: true\n";
        let v = parse_value(text, TextRange::new(0, text.len()), Budget::Document).unwrap();
        assert_eq!(v, serde_json::json!({"a": "y", "b": true}));
    }

    #[test]
    fn errors_point_into_the_file() {
        let text = "---\na: [1, 2\nb: 3\n";
        let err = parse_value(text, TextRange::new(4, text.len()), Budget::Document).unwrap_err();
        assert!(err.range.start >= 4, "{err:?}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            yaml.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse_value(&yaml, TextRange::new(0, yaml.len()), Budget::Document).is_err());
        assert!(parse_value(&yaml, TextRange::new(0, yaml.len()), Budget::FrontMatter).is_err());
    }

    #[test]
    fn deep_nesting_is_not_called_an_alias_bomb() {
        let yaml = (0..100).map(|i| format!("{}a:\n", " ".repeat(i))).collect::<String>();
        let err = parse_value(&yaml, TextRange::new(0, yaml.len()), Budget::FrontMatter).unwrap_err();
        assert_eq!(err.message, "the YAML is nested more than 64 levels deep");
    }
}
