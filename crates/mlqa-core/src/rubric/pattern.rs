//! The pattern language of key points: the part of regular-expression syntax on which Rust's
//! `regex` and JavaScript's `RegExp` (flags `iu`) agree, so that `mlqa` and the site's self-check
//! grade a text alike.
//!
//! A pattern is parsed with `regex-syntax` and written out again for each engine, so the two
//! never see different source: `.` becomes "any character but a line break" spelled out,
//! `\d`, `\w`, `\s` become their ASCII classes, `\b` the ASCII word boundary, and every literal is
//! escaped the way its engine wants. Anything outside the subset is an [`PatternError`] naming the
//! construct: lookaround and backreferences (Rust has none), named groups, inline flags, Unicode
//! classes, POSIX classes, nested classes and class operations, hex and octal escapes.
//!
//! One difference is left: under case-insensitive matching, JavaScript's `\b` also counts `ſ`
//! (U+017F) and the Kelvin sign (U+212A) as word characters, because they fold to `s` and `k`.

use std::fmt::Write;

use regex_syntax::ast::{
    self, Assertion, AssertionKind, Ast, ClassBracketed, ClassPerl, ClassPerlKind, ClassSet, ClassSetItem, GroupKind,
    Literal, LiteralKind, RepetitionKind, RepetitionRange, SpecialLiteralKind,
};

/// The largest counted repetition (`{n,m}`) a pattern may use.
pub const MAX_REPEAT: u32 = 1000;

/// A checked pattern, in the two spellings that mean the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// For Rust's `regex`, compiled case-insensitively.
    pub rust: String,
    /// For JavaScript: `new RegExp(js, "iu")`.
    pub js: String,
}

/// Why a pattern is not in the subset, and where in it (byte offsets into the pattern).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub message: String,
    pub span: std::ops::Range<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Rust,
    Js,
}

/// Checks `pattern` against the subset and writes it for both engines.
pub fn translate(pattern: &str) -> Result<Pattern, PatternError> {
    let ast = ast::parse::Parser::new().parse(pattern).map_err(|e| PatternError {
        message: e.kind().to_string(),
        span: e.span().start.offset..e.span().end.offset,
    })?;
    let mut rust = String::new();
    let mut js = String::new();
    emit(&ast, Flavor::Rust, &mut rust)?;
    emit(&ast, Flavor::Js, &mut js)?;
    Ok(Pattern { rust, js })
}

fn error(span: &ast::Span, message: impl Into<String>) -> PatternError {
    PatternError { message: message.into(), span: span.start.offset..span.end.offset }
}

fn unsupported(span: &ast::Span, what: &str) -> PatternError {
    error(span, format!("{what} is not supported"))
}

fn emit(ast: &Ast, flavor: Flavor, out: &mut String) -> Result<(), PatternError> {
    match ast {
        Ast::Empty(span) => return Err(error(span, "an empty alternative matches every answer")),
        Ast::Flags(f) => return Err(unsupported(&f.span, "an inline flag group like `(?i)`")),
        Ast::Literal(lit) => out.push_str(&literal(lit, flavor, false)?),
        Ast::Dot(_) => out.push_str(match flavor {
            Flavor::Rust => r"[^\n\r\x{2028}\x{2029}]",
            Flavor::Js => r"[^\n\r\u2028\u2029]",
        }),
        Ast::Assertion(a) => out.push_str(assertion(a, flavor)?),
        Ast::ClassUnicode(c) => return Err(unsupported(&c.span, "a Unicode class like `\\pL`")),
        Ast::ClassPerl(c) => {
            let (body, negated) = perl(c, flavor);
            let _ = write!(out, "[{}{body}]", if negated { "^" } else { "" });
        }
        Ast::ClassBracketed(c) => bracketed(c, flavor, out)?,
        Ast::Repetition(r) => {
            emit_atom(&r.ast, flavor, out)?;
            match &r.op.kind {
                RepetitionKind::ZeroOrOne => out.push('?'),
                RepetitionKind::ZeroOrMore => out.push('*'),
                RepetitionKind::OneOrMore => out.push('+'),
                RepetitionKind::Range(range) => {
                    // The largest count the repetition names.
                    let top = match *range {
                        RepetitionRange::Exactly(n) | RepetitionRange::AtLeast(n) | RepetitionRange::Bounded(_, n) => n,
                    };
                    if top > MAX_REPEAT {
                        return Err(error(&r.op.span, format!("a repetition over {MAX_REPEAT}")));
                    }
                    // Writing to a String cannot fail.
                    let _ = match *range {
                        RepetitionRange::Exactly(n) => write!(out, "{{{n}}}"),
                        RepetitionRange::AtLeast(n) => write!(out, "{{{n},}}"),
                        RepetitionRange::Bounded(m, n) => write!(out, "{{{m},{n}}}"),
                    };
                }
            }
            if !r.greedy {
                out.push('?');
            }
        }
        Ast::Group(g) => {
            match &g.kind {
                GroupKind::CaptureIndex(_) => {}
                GroupKind::NonCapturing(flags) if flags.items.is_empty() => {}
                GroupKind::NonCapturing(_) => return Err(unsupported(&g.span, "a group with flags like `(?i:...)`")),
                GroupKind::CaptureName { .. } => return Err(unsupported(&g.span, "a named group")),
            }
            // Capture groups are written as non-capturing ones: nothing reads what they capture.
            out.push_str("(?:");
            emit(&g.ast, flavor, out)?;
            out.push(')');
        }
        Ast::Alternation(a) => {
            for (i, alt) in a.asts.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                emit(alt, flavor, out)?;
            }
        }
        Ast::Concat(c) => {
            for part in &c.asts {
                emit(part, flavor, out)?;
            }
        }
    }
    Ok(())
}

/// A repeated item: groups and alternations are written whole, anything else as one atom.
fn emit_atom(ast: &Ast, flavor: Flavor, out: &mut String) -> Result<(), PatternError> {
    match ast {
        // `a{2}{3}` is a syntax error in JavaScript: a repeated repetition is grouped.
        Ast::Concat(_) | Ast::Alternation(_) | Ast::Repetition(_) => {
            out.push_str("(?:");
            emit(ast, flavor, out)?;
            out.push(')');
            Ok(())
        }
        Ast::Assertion(a) => Err(unsupported(&a.span, "a repeated assertion")),
        _ => emit(ast, flavor, out),
    }
}

fn assertion(a: &Assertion, flavor: Flavor) -> Result<&'static str, PatternError> {
    Ok(match (&a.kind, flavor) {
        (AssertionKind::StartLine, _) => "^",
        (AssertionKind::EndLine, _) => "$",
        (AssertionKind::WordBoundary, Flavor::Rust) => r"(?-u:\b)",
        (AssertionKind::WordBoundary, Flavor::Js) => r"\b",
        (AssertionKind::NotWordBoundary, Flavor::Rust) => r"(?-u:\B)",
        (AssertionKind::NotWordBoundary, Flavor::Js) => r"\B",
        (AssertionKind::StartText | AssertionKind::EndText, _) => {
            return Err(unsupported(&a.span, "`\\A` or `\\z` (write `^` or `$`)"));
        }
        _ => return Err(unsupported(&a.span, "this word-boundary form (write `\\b`)")),
    })
}

/// `\d`, `\w`, `\s` as the members of an ASCII class (without brackets), and whether negated.
fn perl(c: &ClassPerl, flavor: Flavor) -> (&'static str, bool) {
    let body = match (&c.kind, flavor) {
        (ClassPerlKind::Digit, _) => "0-9",
        (ClassPerlKind::Word, _) => "0-9A-Za-z_",
        (ClassPerlKind::Space, Flavor::Rust) => r"\t\n\x0B\x0C\r ",
        (ClassPerlKind::Space, Flavor::Js) => r"\t\n\v\f\r ",
    };
    (body, c.negated)
}

fn bracketed(c: &ClassBracketed, flavor: Flavor, out: &mut String) -> Result<(), PatternError> {
    out.push('[');
    if c.negated {
        out.push('^');
    }
    match &c.kind {
        ClassSet::BinaryOp(op) => return Err(unsupported(&op.span, "a class operation (`&&`, `--`, `~~`)")),
        ClassSet::Item(item) => class_item(item, flavor, out)?,
    }
    out.push(']');
    Ok(())
}

fn class_item(item: &ClassSetItem, flavor: Flavor, out: &mut String) -> Result<(), PatternError> {
    match item {
        ClassSetItem::Empty(span) => return Err(error(span, "an empty class matches nothing")),
        ClassSetItem::Literal(lit) => out.push_str(&literal(lit, flavor, true)?),
        ClassSetItem::Range(r) => {
            out.push_str(&literal(&r.start, flavor, true)?);
            out.push('-');
            out.push_str(&literal(&r.end, flavor, true)?);
        }
        ClassSetItem::Ascii(a) => return Err(unsupported(&a.span, "a POSIX class like `[[:alpha:]]`")),
        ClassSetItem::Unicode(u) => return Err(unsupported(&u.span, "a Unicode class like `\\pL`")),
        ClassSetItem::Perl(p) => {
            let (body, negated) = perl(p, flavor);
            if negated {
                return Err(unsupported(&p.span, "a negated class (`\\D`, `\\W`, `\\S`) inside brackets"));
            }
            out.push_str(body);
        }
        ClassSetItem::Bracketed(b) => return Err(unsupported(&b.span, "a class inside a class")),
        ClassSetItem::Union(u) => {
            for item in &u.items {
                class_item(item, flavor, out)?;
            }
        }
    }
    Ok(())
}

/// A literal character, escaped for its engine and place (inside a class or not).
fn literal(lit: &Literal, flavor: Flavor, in_class: bool) -> Result<String, PatternError> {
    match &lit.kind {
        LiteralKind::Verbatim | LiteralKind::Meta | LiteralKind::Superfluous => {}
        LiteralKind::Special(kind) => {
            return match kind {
                SpecialLiteralKind::Tab => Ok(r"\t".into()),
                SpecialLiteralKind::LineFeed => Ok(r"\n".into()),
                SpecialLiteralKind::CarriageReturn => Ok(r"\r".into()),
                SpecialLiteralKind::FormFeed => Ok(r"\f".into()),
                SpecialLiteralKind::VerticalTab => Ok(r"\v".into()),
                SpecialLiteralKind::Bell | SpecialLiteralKind::Space => {
                    Err(unsupported(&lit.span, "this escape (JavaScript has no `\\a`)"))
                }
            };
        }
        LiteralKind::Octal | LiteralKind::HexFixed(_) | LiteralKind::HexBrace(_) => {
            return Err(unsupported(&lit.span, "a hex or octal escape (write the character itself)"));
        }
    }
    let c = lit.c;
    let escape = match (flavor, in_class) {
        // In a class, what could open, close, negate or make a range or an operation.
        (Flavor::Rust, true) => matches!(c, '\\' | ']' | '[' | '^' | '-' | '&' | '~'),
        (Flavor::Js, true) => matches!(c, '\\' | ']' | '[' | '^' | '-'),
        (Flavor::Rust, false) => regex_syntax::is_meta_character(c) && !matches!(c, '-' | '&' | '~' | '#'),
        // JavaScript's syntax characters: the only ones `u` mode lets one escape.
        (Flavor::Js, false) => "^$\\.*+?()[]{}|/".contains(c),
    };
    Ok(if escape { format!("\\{c}") } else { c.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(p: &str) -> (String, String) {
        let t = translate(p).unwrap_or_else(|e| panic!("{p}: {e:?}"));
        (t.rust, t.js)
    }

    #[test]
    fn writes_each_construct_for_each_engine() {
        assert_eq!(both("trade-?off"), ("trade-?off".into(), "trade-?off".into()));
        assert_eq!(both(r"\bFP\b"), (r"(?-u:\b)FP(?-u:\b)".into(), r"\bFP\b".into()));
        assert_eq!(both("a.b"), (r"a[^\n\r\x{2028}\x{2029}]b".into(), r"a[^\n\r\u2028\u2029]b".into()));
        assert_eq!(
            both(r"\d+\s\w"),
            (r"[0-9]+[\t\n\x0B\x0C\r ][0-9A-Za-z_]".into(), r"[0-9]+[\t\n\v\f\r ][0-9A-Za-z_]".into())
        );
        assert_eq!(both(r"(a|b)(?:c){2,5}?"), ("(?:a|b)(?:c){2,5}?".into(), "(?:a|b)(?:c){2,5}?".into()));
        assert_eq!(both(r"[^a-z\d\-&]"), (r"[^a-z0-9\-\&]".into(), r"[^a-z0-9\-&]".into()));
        assert_eq!(both(r"\(x\)/y\.\{"), (r"\(x\)/y\.\{".into(), r"\(x\)\/y\.\{".into()));
        assert_eq!(both(r"^a$"), ("^a$".into(), "^a$".into()));
        assert_eq!(both(r"\D"), ("[^0-9]".into(), "[^0-9]".into()));
        assert_eq!(both("σ²|x\\/y"), ("σ²|x/y".into(), "σ²|x\\/y".into()));
    }

    #[test]
    fn rejects_what_the_engines_disagree_on_naming_the_construct() {
        let cases = [
            ("(?i)a", "inline flag", 0..4),
            ("(?i:a)", "group with flags", 0..6),
            ("(?P<n>a)", "named group", 0..8),
            (r"\pL", "Unicode class", 0..3),
            ("[[:alpha:]]", "POSIX", 1..10),
            ("[a&&b]", "class operation", 1..5),
            ("[a[b]]", "class inside a class", 2..5),
            (r"\x41", "hex or octal", 0..4),
            (r"\A", "\\A", 0..2),
            (r"\b{start}", "word-boundary form", 0..9),
            ("a{1001}", "over 1000", 1..7),
            ("a|", "empty alternative", 2..2),
            ("", "empty alternative", 0..0),
            (r"[\W]", "negated class", 1..3),
            ("(?=a)", "look-around", 0..3),
            ("trade-(off", "unclosed group", 6..7),
        ];
        for (pattern, what, span) in cases {
            let err = translate(pattern).expect_err(pattern);
            assert!(err.message.contains(what), "{pattern}: {}", err.message);
            assert_eq!(err.span, span, "{pattern}: {}", err.message);
        }
    }

    #[test]
    fn the_rust_form_compiles_and_means_the_pattern() {
        for (p, yes, no) in [
            (r"\bFP\b", "the FP rate", "FPR"),
            ("a.b", "a-b", "a\nb"),
            (r"[^a-z\d\-&]", "%", "-"),
            (r"\bnaïve\b", "a naïve guess", "naïveté"),
        ] {
            let t = translate(p).unwrap();
            let re = regex::RegexBuilder::new(&t.rust).case_insensitive(true).build().unwrap();
            assert!(re.is_match(yes), "{p} on {yes}");
            assert!(!re.is_match(no), "{p} on {no}");
        }
    }
}
