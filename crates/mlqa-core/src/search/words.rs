//! Text as words, math included. A word is a run of letters and digits, lowercased, with:
//! - its sub- and superscripts attached, however they are written: `d_k`, `d_{k}` and `dₖ` are
//!   all `d_k`; `n^2` and `n²` are `n^2`; `W^T`, `W^\top` and `Wᵀ` are `w^t`;
//! - Greek letters by name, as LaTeX writes them: `θ` is `theta`, as `\theta` is, and `ε`,
//!   `\epsilon` and `\varepsilon` are all `epsilon`;
//! - `√`, `∇`, `∂` and `∑` as the words `sqrt`, `nabla`, `partial` and `sum`; a `|` inside a
//!   formula (not between spaces, as in a table) as `mid`, as `\mid` is: `p(y|x)` is `p y mid x`;
//! - TeX's layout commands and relations (`\frac`, `\left`, `\mathrm`, `\cdot`, `\le`, ...) as
//!   nothing: `\frac{TP}{TP+FP}` is `tp tp fp`, as `TP/(TP+FP)` is.
//!
//! The site's search script (site/assets/search.js, `words`) splits a query the same way.

use crate::text::TextRange;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Word {
    pub range: TextRange,
    /// Lowercased, scripts attached, Greek letters by name.
    pub text: String,
    /// Written as an acronym ("ZeRO", "MAP"): a name, not the English word it spells.
    pub acronym: bool,
}

/// The words of `text`, in order.
pub(super) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let c = text[at..].chars().next().expect("inside the text");
        if c == '\\' {
            let name_len = text[at + 1..].find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(text.len() - at - 1);
            let name = &text[at + 1..at + 1 + name_len];
            if LAYOUT.contains(&name) {
                at += 1 + name_len;
                continue;
            }
            if let Some(word) = crate::latex::tex_letter_word(name) {
                let end = at + 1 + name_len;
                out.push(Word { range: TextRange::new(at, end), text: word.to_owned(), acronym: false });
                at = end;
                continue;
            }
        }
        if c == '|' {
            let before = text[..at].chars().next_back();
            let after = text[at + 1..].chars().next();
            if before.is_some_and(|b| !b.is_whitespace()) && after.is_some_and(|a| !a.is_whitespace()) {
                out.push(Word { range: TextRange::new(at, at + 1), text: "mid".to_owned(), acronym: false });
            }
            at += 1;
            continue;
        }
        if let Some(name) = symbol_word(c) {
            out.push(Word { range: TextRange::new(at, at + c.len_utf8()), text: name.to_owned(), acronym: false });
            at += c.len_utf8();
            continue;
        }
        if !is_word_char(c) {
            at += c.len_utf8();
            continue;
        }
        // The letters and digits, up to a script character or the end of the run.
        let start = at;
        let mut end = at;
        for (i, c) in text[at..].char_indices() {
            if !is_word_char(c) {
                break;
            }
            end = at + i + c.len_utf8();
        }
        let base = &text[start..end];
        let mut word = spelled(base);
        // Its scripts: Unicode ones, then `_x`, `_{x}`, `^x`, `^{x}`, `^\top`, in any number.
        loop {
            if let Some((kind, sub, len)) = unicode_script(&text[end..]) {
                word.push(kind);
                word.push_str(&sub);
                end += len;
            } else if let Some((kind, sub, len)) = tex_script(&text[end..]) {
                word.push(kind);
                word.push_str(&spelled(sub));
                end += len;
            } else {
                break;
            }
        }
        out.push(Word { range: TextRange::new(start, end), text: word, acronym: crate::glossary::is_acronym(base) });
        at = end;
    }
    out
}

/// TeX commands that lay a formula out or relate its parts: not words of it.
const LAYOUT: &[&str] = &[
    "frac",
    "dfrac",
    "tfrac",
    "left",
    "right",
    "big",
    "Big",
    "bigl",
    "bigr",
    "Bigl",
    "Bigr",
    "text",
    "textrm",
    "textbf",
    "textit",
    "mathrm",
    "mathbf",
    "mathit",
    "mathcal",
    "mathbb",
    "mathsf",
    "boldsymbol",
    "bm",
    "operatorname",
    "displaystyle",
    "limits",
    "quad",
    "qquad",
    "cdot",
    "times",
    "top",
    "intercal",
    "le",
    "leq",
    "ge",
    "geq",
    "ne",
    "neq",
    "approx",
    "sim",
    "propto",
    "to",
    "rightarrow",
    "leftarrow",
    "mapsto",
    "ll",
    "gg",
    "equiv",
    "cdots",
    "ldots",
    "dots",
    "hat",
    "bar",
    "tilde",
    "overline",
    "widehat",
];

/// A letter or digit that is not a sub- or superscript (ASCII first: nearly all text is).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() && script(c).is_none() }
}

/// A symbol that reads as a word.
fn symbol_word(c: char) -> Option<&'static str> {
    Some(match c {
        '√' => "sqrt",
        '∇' => "nabla",
        '∂' => "partial",
        '∑' => "sum",
        _ => return None,
    })
}

/// A run of letters and digits as a word: lowercased, Greek letters by name.
fn spelled(run: &str) -> String {
    if run.is_ascii() {
        return run.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(run.len());
    for c in run.chars() {
        match crate::latex::greek_word(c) {
            Some(name) => out.push_str(name),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A Unicode sub- or superscript character: `_` or `^`, and what it stands for.
fn script(c: char) -> Option<(char, char)> {
    let sub = |x| Some(('_', x));
    let sup = |x| Some(('^', x));
    match c {
        '\u{2080}'..='\u{2089}' => sub(char::from_u32('0' as u32 + (c as u32 - 0x2080))?),
        'ₐ' => sub('a'),
        'ₑ' => sub('e'),
        'ₒ' => sub('o'),
        'ₓ' => sub('x'),
        'ₕ' => sub('h'),
        'ₖ' => sub('k'),
        'ₗ' => sub('l'),
        'ₘ' => sub('m'),
        'ₙ' => sub('n'),
        'ₚ' => sub('p'),
        'ₛ' => sub('s'),
        'ₜ' => sub('t'),
        'ᵢ' => sub('i'),
        'ⱼ' => sub('j'),
        'ᵣ' => sub('r'),
        'ᵤ' => sub('u'),
        'ᵥ' => sub('v'),
        '⁰' => sup('0'),
        '¹' => sup('1'),
        '²' => sup('2'),
        '³' => sup('3'),
        '\u{2074}'..='\u{2079}' => sup(char::from_u32('4' as u32 + (c as u32 - 0x2074))?),
        'ⁿ' => sup('n'),
        'ⁱ' => sup('i'),
        'ᵀ' | 'ᵗ' => sup('t'),
        _ => None,
    }
}

/// A run of Unicode scripts of one kind at the start of `rest`: the kind, what it spells, its
/// length in bytes.
fn unicode_script(rest: &str) -> Option<(char, String, usize)> {
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    let (kind, c) = script(first)?;
    let mut spelled = c.to_string();
    let mut len = first.len_utf8();
    for (i, c) in chars {
        match script(c) {
            Some((k, x)) if k == kind => {
                spelled.push(x);
                len = i + c.len_utf8();
            }
            _ => break,
        }
    }
    Some((kind, spelled, len))
}

/// A TeX script at the start of `rest`: `_x`, `_{x}`, `^x`, `^{x}` (x letters and digits) or
/// `^\top`; the kind, its text, its length in bytes.
fn tex_script(rest: &str) -> Option<(char, &str, usize)> {
    let kind = rest.chars().next().filter(|c| *c == '_' || *c == '^')?;
    let after = &rest[1..];
    if kind == '^' {
        for top in ["\\top", "{\\top}", "\\intercal", "{\\intercal}"] {
            if after.starts_with(top) && !after[top.len()..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                return Some(('^', "t", 1 + top.len()));
            }
        }
    }
    let (inner, braced) = match after.strip_prefix('{') {
        Some(inner) => (inner, true),
        None => (after, false),
    };
    let len = inner.char_indices().find(|(_, c)| !is_word_char(*c)).map_or(inner.len(), |(i, _)| i);
    if len == 0 {
        return None;
    }
    if braced {
        inner[len..].starts_with('}').then(|| (kind, &inner[..len], 1 + 1 + len + 1))
    } else {
        Some((kind, &inner[..len], 1 + len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn math_reads_as_words_however_it_is_written() {
        assert_eq!(texts(r"$\sqrt{d_k}$ √dₖ d_{k} dₖ"), ["sqrt", "d_k", "sqrt", "d_k", "d_k", "d_k"]);
        assert_eq!(texts(r"n^2 n² W^T W^\top Wᵀ wᵀx"), ["n^2", "n^2", "w^t", "w^t", "w^t", "w^t", "x"]);
        assert_eq!(
            texts(r"θ ← θ − η∇L and \theta - \eta \nabla L"),
            ["theta", "theta", "eta", "nabla", "l", "and", "theta", "eta", "nabla", "l"]
        );
        assert_eq!(texts("x_1 x₁₂ snake_case_name _emph_ W_{q}"), ["x_1", "x_12", "snake_case_name", "emph", "w_q"]);
        assert_eq!(texts("σ(wᵀx + b)"), ["sigma", "w^t", "x", "b"]);
        assert_eq!(texts("Θ ϵ ε φ ϕ ς µ ℓ"), ["theta", "epsilon", "epsilon", "phi", "phi", "sigma", "µ", "ell"]);
        assert_eq!(
            texts(r"\varepsilon \epsilon \varphi \ell \variance"),
            ["epsilon", "epsilon", "phi", "ell", "variance"]
        );
        assert_eq!(texts(r"\frac{TP}{TP+FP} = TP/(TP+FP)"), ["tp", "tp", "fp", "tp", "tp", "fp"]);
        assert_eq!(texts(r"p(y|x), p(y \mid x), | a | b |"), ["p", "y", "mid", "x", "p", "y", "mid", "x", "a", "b"]);
        assert_eq!(texts(r"\mathrm{softmax}\left(x\right) \le \alpha"), ["softmax", "x", "alpha"]);
    }

    #[test]
    fn words_keep_their_ranges_and_acronyms() {
        let text = "ZeRO zeroing dₖ";
        let ws = words(text);
        let shown: Vec<(&str, bool)> = ws.iter().map(|w| (&text[w.range.start..w.range.end], w.acronym)).collect();
        assert_eq!(shown, [("ZeRO", true), ("zeroing", false), ("dₖ", false)]);
    }
}
