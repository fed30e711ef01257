//! What tree-sitter-yaml may be given: inputs it cannot abort on.
//!
//! tree-sitter-yaml 0.7.2's external scanner (`src/scanner.c`) keeps a stack of indentation
//! entries and, after every token, `serialize`s its state into the runtime's
//! `TREE_SITTER_SERIALIZATION_BUFFER_SIZE` (1,024-byte) buffer: five `int16_t` (row, column,
//! and the row, column and tab flag of the pending implicit key: 10 bytes), then two `int16_t`
//! per entry above the root (type and indentation: 4 bytes). Its loop only checks that one byte
//! is left before writing four, so with 254 entries it writes 1,026 bytes (two past the buffer)
//! and tree-sitter's `assert(length <= TREE_SITTER_SERIALIZATION_BUFFER_SIZE)` aborts the
//! process, which no `catch_unwind` can catch. 253 entries (1,022 bytes) are safe. (Upstream:
//! tree-sitter-grammars/tree-sitter-yaml#48, fixed by the unreleased #47; tree-sitter 0.27.1
//! and tree-sitter-yaml 0.7.2 are the newest on crates.io.)
//!
//! An entry is pushed only by a token that starts with one of these bytes (the scanner's
//! `PUSH_IND`, `PUSH_BGN_IND`, `MAY_PUSH_IMP_IND`, `MAY_PUSH_SPC_SEQ_IND`):
//! - `-`, `?` or `:` followed by a space, tab, line break, NUL or the end: a block sequence
//!   entry, an explicit key or value, an implicit key's `:`;
//! - `|` or `>` followed by an optional indentation digit and chomping sign, then the same:
//!   a block scalar header (its entry is popped when the scalar ends).
//!
//! Flow collections (`[[[[`, `{a: {a: …}}`) push nothing. Each token is at a later position
//! than the one whose state it starts from, so a state never holds more entries than the text
//! has such *indicators*. Hence the guard, in two steps:
//! 1. At most [`MAX_ENTRIES`] indicators: admitted. This is a proof, and it covers every
//!    answer's front matter in practice (a dozen indicators).
//! 2. More (a large `spec.yaml`, a long list): the stack stays as deep as the block structure
//!    only if the scanner is not thrown off, so the text must be YAML that
//!    serde-saphyr's parser (granit-parser) reads with at most [`MAX_BLOCK_NESTING`] nested
//!    block collections (serde-saphyr refuses deeper documents anyway), and its positions must
//!    fit the scanner's `int16_t` rows and columns (tree-sitter-yaml#49: past 32,767 line
//!    breaks, `\r\n` counting two, the whole file becomes one `ERROR` node). On such input the
//!    scanner pushes an entry where a block collection opens and pops it where it closes, plus
//!    one for a block scalar: 65 entries, or 129 if every collection took two, against 253.
//!    That is an argument from the scanner's source, not a proof: it was measured (an
//!    instrumented copy of the scanner on ~2,800 generated well-formed documents and the
//!    hand-built worst cases, block sequences, ladders, `? :` chains: never more than the
//!    nesting depth + 1), and the fuzz target (`fuzz/`, run in CI) keeps checking it.
//!
//! A refused text gets no spans (diagnostics fall back to the nearest ancestor or first line).
//! Whatever step 2 refuses, serde-saphyr refuses too (an `invalid-yaml` diagnostic), except
//! positions that do not fit, which [`check_parsed`] reports instead.

use std::fmt;

use serde_saphyr::granit_parser::{Options, Parser};

use crate::text::TextRange;

/// The indentation entries tree-sitter-yaml can serialize: (1,024 − 10) / 4.
pub const MAX_ENTRIES: usize = (SERIALIZATION_BUFFER - HEADER_BYTES) / ENTRY_BYTES;
const SERIALIZATION_BUFFER: usize = 1024;
const HEADER_BYTES: usize = 5 * 2;
const ENTRY_BYTES: usize = 2 * 2;
const _: () = assert!(HEADER_BYTES + (MAX_ENTRIES + 1) * ENTRY_BYTES > SERIALIZATION_BUFFER);

/// Nested block collections admitted beyond [`MAX_ENTRIES`] indicators: serde-saphyr's default
/// depth budget, which reads the same YAML as data.
pub const MAX_BLOCK_NESTING: usize = 64;

/// Line breaks (`\r` and `\n` each count, as in the scanner) and characters per line that fit
/// its `int16_t` positions.
pub const MAX_POSITION: usize = i16::MAX as usize;

/// Why a YAML text is not given to tree-sitter-yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// More than [`MAX_POSITION`] line breaks; `at` is where the first line too many starts.
    TooManyLines { at: usize },
    /// A line of more than [`MAX_POSITION`] characters, starting at `at`.
    LineTooLong { at: usize },
    /// Not YAML within [`MAX_BLOCK_NESTING`] nested block collections.
    NotWellFormed,
}

impl Refusal {
    /// The line of `yaml` the problem is on (the first for [`Refusal::NotWellFormed`]).
    pub fn line(self, yaml: &str) -> TextRange {
        let start = match self {
            Self::TooManyLines { at } | Self::LineTooLong { at } => at,
            Self::NotWellFormed => 0,
        };
        let end = yaml[start..].find(['\n', '\r']).map_or(yaml.len(), |n| start + n);
        TextRange::new(start, end)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooManyLines { .. } => {
                write!(f, "more than {MAX_POSITION} lines, too many for mlqa to locate keys and values in")
            }
            Self::LineTooLong { .. } => write!(
                f,
                "a line of more than {MAX_POSITION} characters, too long for mlqa to locate keys and values in"
            ),
            Self::NotWellFormed => write!(f, "not YAML within {MAX_BLOCK_NESTING} nested block collections"),
        }
    }
}

/// Whether tree-sitter-yaml may parse `yaml`.
pub fn check(yaml: &str) -> Result<(), Refusal> {
    if count_indicators(yaml) <= MAX_ENTRIES {
        return Ok(());
    }
    positions_fit(yaml)?;
    if nests_within(yaml, MAX_BLOCK_NESTING) { Ok(()) } else { Err(Refusal::NotWellFormed) }
}

/// [`check`] for a text that serde-saphyr has already read within its default budget (so
/// within [`MAX_BLOCK_NESTING`]): only positions that do not fit remain to be refused.
pub fn check_parsed(yaml: &str) -> Result<(), Refusal> {
    if count_indicators(yaml) <= MAX_ENTRIES {
        return Ok(());
    }
    positions_fit(yaml)
}

/// The bytes that may start a token pushing an indentation entry (see the module's comment).
pub fn count_indicators(yaml: &str) -> usize {
    let bytes = yaml.as_bytes();
    let blank = |i: usize| bytes.get(i).is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0));
    let mut count = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let indicator = match b {
            b'-' | b'?' | b':' => blank(i + 1),
            b'|' | b'>' => {
                let digit = |j: usize| bytes.get(j).is_some_and(|b| matches!(b, b'1'..=b'9'));
                let sign = |j: usize| bytes.get(j).is_some_and(|b| matches!(b, b'+' | b'-'));
                let mut j = i + 1;
                if digit(j) {
                    j += 1;
                    j += usize::from(sign(j));
                } else if sign(j) {
                    j += 1;
                    j += usize::from(digit(j));
                }
                blank(j)
            }
            _ => false,
        };
        count += usize::from(indicator);
    }
    count
}

/// Rows and columns within the scanner's `int16_t` (columns count characters).
fn positions_fit(yaml: &str) -> Result<(), Refusal> {
    let (mut breaks, mut chars, mut line_start) = (0, 0, 0);
    for (i, &b) in yaml.as_bytes().iter().enumerate() {
        if b == b'\r' || b == b'\n' {
            breaks += 1;
            if breaks > MAX_POSITION {
                return Err(Refusal::TooManyLines { at: i + 1 });
            }
            chars = 0;
            line_start = i + 1;
        } else if b & 0xc0 != 0x80 {
            chars += 1;
            if chars > MAX_POSITION {
                return Err(Refusal::LineTooLong { at: line_start });
            }
        }
    }
    Ok(())
}

/// Whether granit-parser (serde-saphyr's parser, with its limits) reads `yaml` with at most
/// `limit` nested block collections. Aliases are not expanded: this costs one pass.
fn nests_within(yaml: &str, limit: usize) -> bool {
    let budget = serde_saphyr::Budget::default();
    let mut options = Options::default();
    options.block_nesting_limit = limit;
    options.flow_nesting_limit = budget.flow_nesting_limit;
    options.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    Parser::new_from_str_with_options(yaml, options).all(|event| event.is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::{Budget, YamlSpans, parse_value};

    #[test]
    fn the_bound_is_what_the_buffer_holds() {
        assert_eq!(MAX_ENTRIES, 253);
        assert_eq!(HEADER_BYTES + MAX_ENTRIES * ENTRY_BYTES, 1022);
    }

    #[test]
    fn indicators_are_those_that_push() {
        assert_eq!(count_indicators("- a\n- b: c\n? d\n: e\n"), 5);
        assert_eq!(count_indicators("-\n-"), 2);
        // The `-` closing `>-` is counted too: an upper bound may count bytes that push nothing.
        assert_eq!(count_indicators("a: |\n  x\nb: >-\n  y\nc: |2+\n   z\nd: >-1 # c\n"), 9);
        // Not indicators: inside words, URLs, negative numbers, regexes without a blank after.
        assert_eq!(count_indicators("x-y a:b -1 https://e.org 'a|b' |x >y ?z"), 0);
        assert_eq!(count_indicators("[[[[{a: {a: 1}}]]]]"), 2);
        assert_eq!(count_indicators("a:\tb\r\nc:\0"), 2);
    }

    /// The fuzzer's input (tests/hostile/yaml-scanner-abort.md): `: ` then 253 `- ` on one line.
    fn minimised() -> String {
        format!(": {}", "- ".repeat(253).trim_end())
    }

    /// Parses through the real tree-sitter-yaml: without the guard, the inputs the guard refuses
    /// abort this test binary (SIGABRT), which is how these tests fail.
    fn spans(yaml: &str) -> YamlSpans {
        YamlSpans::parse(yaml, TextRange::new(0, yaml.len()))
    }

    fn nested_block_sequences(levels: usize, separator: &str) -> String {
        (0..levels).map(|_| "-").collect::<Vec<_>>().join(separator) + " x"
    }

    #[test]
    fn the_fuzzers_input_is_refused() {
        let yaml = minimised();
        assert_eq!(count_indicators(&yaml), 254);
        assert_eq!(check(&yaml), Err(Refusal::NotWellFormed));
        assert_eq!(spans(&yaml), YamlSpans::default());
        let answer =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/hostile/yaml-scanner-abort.md"))
                .expect("the committed hostile file");
        let front = answer.strip_prefix("---\n").and_then(|a| a.split("\n---\n").next()).expect("front matter");
        assert_eq!(front, yaml);
    }

    #[test]
    fn the_deepest_safe_stack_is_parsed() {
        // One indicator fewer: 253 entries, 1,022 bytes serialized. Admitted, and tree-sitter copes.
        let yaml = format!(": {}", "- ".repeat(252).trim_end());
        assert_eq!(count_indicators(&yaml), MAX_ENTRIES);
        assert_eq!(check(&yaml), Ok(()));
        assert!(spans(&yaml).get("").is_some());
    }

    #[test]
    fn neighbours_of_the_fuzzers_input_are_refused() {
        let deep = [
            // Block sequences: on one line, one per line, and as an indentation ladder.
            nested_block_sequences(300, " "),
            (0..300).map(|i| format!("{}-\n", " ".repeat(i))).collect(),
            // Mappings nested by indentation, explicit keys and values, compact sequences.
            (0..300).map(|i| format!("{}a:\n", " ".repeat(i))).collect(),
            "? ".repeat(300),
            ": ".repeat(300),
            "? : ".repeat(150),
            (0..150).map(|i| format!("{}- a:\n", " ".repeat(2 * i))).collect(),
            // Blank lines, comments and CRLF change nothing.
            (0..300).map(|i| format!("{}a: # c\r\n\r\n", " ".repeat(i))).collect(),
        ];
        for yaml in deep {
            assert_eq!(check(&yaml), Err(Refusal::NotWellFormed), "{:?}", &yaml[..40]);
            assert_eq!(spans(&yaml), YamlSpans::default());
        }
    }

    #[test]
    fn flow_collections_push_nothing() {
        // Nesting in brackets does not grow the scanner's stack: admitted at any depth.
        for yaml in ["[".repeat(5000) + &"]".repeat(5000), "{a: ".repeat(200) + "1" + &"}".repeat(200)] {
            assert_eq!(check(&yaml), Ok(()));
            spans(&yaml);
        }
    }

    #[test]
    fn many_indicators_in_shallow_yaml_are_admitted() {
        // A long list or a large spec: thousands of indicators, a few levels.
        let list = format!("tags:\n{}", "  - x\n".repeat(5000));
        let spec = format!(
            "categories:\n{}",
            "  - id: c\n    questions:\n      - id: q\n        question: \"A - b: c?\"\n        covers: ['a|b', 'c? d']\n"
                .repeat(500)
        );
        for yaml in [list, spec] {
            assert!(count_indicators(&yaml) > MAX_ENTRIES);
            assert_eq!(check(&yaml), Ok(()));
            assert!(
                spans(&yaml).get("/categories/499/questions/0/id").is_some()
                    || spans(&yaml).get("/tags/4999").is_some()
            );
        }
    }

    #[test]
    fn what_is_refused_serde_saphyr_refuses_too() {
        for levels in [60, 64, 65, 70, 300] {
            let yaml = nested_block_sequences(levels, "\n");
            let yaml = yaml.lines().enumerate().map(|(i, l)| format!("{}{l}\n", "  ".repeat(i))).collect::<String>();
            let refused = !nests_within(&yaml, MAX_BLOCK_NESTING);
            assert_eq!(refused, levels > MAX_BLOCK_NESTING, "{levels}");
            let value = parse_value(&yaml, TextRange::new(0, yaml.len()), Budget::Document);
            assert_eq!(value.is_err(), refused, "{levels}: {value:?}");
        }
        let bad = format!("{}a: [\n", "- ".repeat(300));
        assert_eq!(check(&bad), Err(Refusal::NotWellFormed));
        assert!(parse_value(&bad, TextRange::new(0, bad.len()), Budget::Document).is_err());
    }

    #[test]
    fn positions_past_16_bits_are_refused_and_reported() {
        // Rows 0 to 32,767 fit: the line after the 32,768th break is the first that does not.
        assert_eq!(check(&"- x\n".repeat(MAX_POSITION)), Ok(()));
        let lines = "- x\n".repeat(MAX_POSITION + 2);
        let first_too_many = 4 * (MAX_POSITION + 1);
        assert_eq!(check(&lines), Err(Refusal::TooManyLines { at: first_too_many }));
        let err = parse_value(&lines, TextRange::new(0, lines.len()), Budget::Document).unwrap_err();
        assert_eq!(err.range, TextRange::new(first_too_many, first_too_many + 3));
        assert!(err.message.contains("32767 lines"), "{err:?}");

        let long = format!("a: {}\n{}", "é".repeat(MAX_POSITION), "- x\n".repeat(300));
        assert_eq!(check(&long), Err(Refusal::LineTooLong { at: 0 }));
        assert!(parse_value(&long, TextRange::new(0, long.len()), Budget::Document).is_err());
        // Few indicators: a proof without positions, whatever the length.
        assert_eq!(check(&"# x\n".repeat(MAX_POSITION + 1)), Ok(()));
    }

    #[test]
    fn the_shipped_kb_is_admitted() {
        let kb = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../kb");
        let mut files = vec![kb.join("spec.yaml"), kb.join("resources.yaml")];
        for category in std::fs::read_dir(&kb).unwrap() {
            let dir = category.unwrap().path();
            if dir.is_dir() {
                files.extend(
                    std::fs::read_dir(&dir)
                        .unwrap()
                        .map(|e| e.unwrap().path())
                        .filter(|p| p.extension().is_some_and(|e| e == "md")),
                );
            }
        }
        assert!(files.len() > 80, "{files:?}");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let yaml = match crate::syntax::front_matter::split(&text).front {
                crate::syntax::front_matter::FrontMatterState::Present { content } => &text[content.start..content.end],
                _ if path.extension().is_some_and(|e| e == "yaml") => text.as_str(),
                other => panic!("{}: {other:?}", path.display()),
            };
            assert_eq!(check(yaml), Ok(()), "{}", path.display());
            // With room to spare: a tenth of the bound for an answer.
            if path.extension().is_some_and(|e| e == "md") {
                assert!(count_indicators(yaml) < MAX_ENTRIES / 10, "{}", path.display());
            }
        }
    }
}
