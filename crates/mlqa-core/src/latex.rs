//! Simple LaTeX as Unicode, for a terminal and for search snippets: `\sqrt{d_k}` is `√d_k`,
//! `QK^\top` is `QKᵀ`, `x_1 \le \alpha` is `x₁ ≤ α`. A formula with anything this does not know
//! (an environment, an alignment, an unknown command) is left as it was written: a reader can
//! still read LaTeX, but not half of a rendering.

use crate::text::TextRange;

/// `tex` (the inside of `$...$`) in Unicode, or `None` when some of it cannot be rendered.
pub fn to_unicode(tex: &str) -> Option<String> {
    let mut parser = Parser { chars: tex.chars().collect(), at: 0, depth: 0 };
    let out = parser.sequence(None)?;
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// A line of Markdown with its `$...$` and `$$...$$` formulas rendered where they can be (the
/// delimiters dropped), the others kept as written; with the range each formula takes in the
/// result, rendered or not, so that a highlight can take a formula whole.
pub fn render_line(line: &str) -> (String, Vec<TextRange>) {
    let mut out = String::with_capacity(line.len());
    let mut formulas = Vec::new();
    let mut rest = line;
    while let Some((before, open, tex, after)) = next_formula(rest) {
        out.push_str(before);
        let start = out.len();
        match to_unicode(tex) {
            Some(rendered) => out.push_str(&rendered),
            None => {
                out.push_str(open);
                out.push_str(tex);
                out.push_str(open);
            }
        }
        formulas.push(TextRange::new(start, out.len()));
        rest = after;
    }
    out.push_str(rest);
    (out, formulas)
}

/// The first formula of `text`: the text before it, its delimiter, its TeX and the text after.
/// A `$` opens math when the next character is not a space and a matching `$` closes it after
/// a character that is not a space (the usual rule, so "$5 and $6" stays text); `\$` is a dollar.
fn next_formula(text: &str) -> Option<(&str, &str, &str, &str)> {
    // Bytes, not characters: `$`, `\\` and white space after them are ASCII, so every offset
    // this slices at is on a character boundary (the byte after `\\` may not be: it is skipped
    // with its character).
    let bytes = text.as_bytes();
    let skip_escaped = |at: usize| at + 1 + text[at + 1..].chars().next().map_or(0, char::len_utf8);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i = skip_escaped(i),
            b'$' => {
                let open = if bytes.get(i + 1) == Some(&b'$') { "$$" } else { "$" };
                let from = i + open.len();
                if from >= text.len() || text[from..].starts_with(char::is_whitespace) {
                    i = from;
                    continue;
                }
                let mut j = from;
                while j < bytes.len() {
                    match bytes[j] {
                        b'\\' => j = skip_escaped(j),
                        b'$' if bytes[j..].starts_with(open.as_bytes())
                            && j > from
                            && !text[..j].ends_with(char::is_whitespace) =>
                        {
                            return Some((&text[..i], open, &text[from..j], &text[j + open.len()..]));
                        }
                        _ => j += 1,
                    }
                }
                return None;
            }
            _ => i += 1,
        }
    }
    None
}

/// How deep groups may nest before a formula is left as written (a stack, not a limit on
/// real math: TeX itself nests far less).
const MAX_DEPTH: usize = 64;

struct Parser {
    chars: Vec<char>,
    at: usize,
    depth: usize,
}

impl Parser {
    /// Atoms up to `end` (a closing brace) or the end of the text.
    fn sequence(&mut self, end: Option<char>) -> Option<String> {
        let mut out = String::new();
        loop {
            let Some(&c) = self.chars.get(self.at) else {
                return if end.is_none() { Some(out) } else { None };
            };
            if Some(c) == end {
                self.at += 1;
                return Some(out);
            }
            match c {
                '^' | '_' => {
                    self.at += 1;
                    let arg = self.argument()?;
                    out.push_str(&if c == '^' { superscript(&arg) } else { subscript(&arg) });
                }
                _ => out.push_str(&self.atom()?),
            }
        }
    }

    /// One character, command or group; nested at most [`MAX_DEPTH`] deep (groups and
    /// commands' arguments recurse).
    fn atom(&mut self) -> Option<String> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let atom = self.atom_at();
        self.depth -= 1;
        atom
    }

    fn atom_at(&mut self) -> Option<String> {
        let c = *self.chars.get(self.at)?;
        self.at += 1;
        match c {
            '{' => self.sequence(Some('}')),
            '}' | '&' | '#' | '%' | '~' => None,
            '\\' => self.command(),
            c if c.is_whitespace() => Some(" ".to_owned()),
            c => Some(c.to_string()),
        }
    }

    /// A sub- or superscript's argument: a group, a command or one character.
    fn argument(&mut self) -> Option<String> {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
        match self.chars.get(self.at)? {
            '^' | '_' => None,
            _ => self.atom(),
        }
    }

    /// Whether the command whose name starts at `start` (after its `\\`) comes right after a
    /// letter, a digit or a closing bracket: a factor it is multiplied with.
    fn follows_a_factor(&self, start: usize) -> bool {
        start >= 2 && self.chars.get(start - 2).is_some_and(|c| c.is_alphanumeric() || matches!(c, ')' | '}' | ']'))
    }

    /// Whether a factor comes next: a letter, a digit, a group, a bracket, a script, or a
    /// command that stands for a value (`\sigma`, `\sqrt`, `\log`; not `\cdot` or `\right`).
    fn factor_follows(&self) -> bool {
        let rest = &self.chars[self.at..];
        let Some(at) = rest.iter().position(|c| !c.is_whitespace()) else { return false };
        match rest[at] {
            '\\' => {
                let name: String = rest[at + 1..].iter().take_while(|c| c.is_ascii_alphabetic()).collect();
                GREEK.iter().any(|(n, _)| *n == name)
                    || matches!(
                        name.as_str(),
                        "sqrt"
                            | "frac"
                            | "dfrac"
                            | "tfrac"
                            | "log"
                            | "ln"
                            | "exp"
                            | "mathbf"
                            | "mathrm"
                            | "text"
                            | "operatorname"
                            | "hat"
                            | "bar"
                            | "tilde"
                            | "mathbb"
                            | "mathcal"
                            | "ell"
                    )
            }
            c => c.is_alphanumeric() || "{(^_".contains(c),
        }
    }

    fn command(&mut self) -> Option<String> {
        let start = self.at;
        while self.chars.get(self.at).is_some_and(char::is_ascii_alphabetic) {
            self.at += 1;
        }
        if self.at == start {
            // A one-character command: `\{`, `\,`, `\|`.
            let c = *self.chars.get(self.at)?;
            self.at += 1;
            return Some(match c {
                '{' | '}' | '%' | '$' | '#' | '&' | '_' => c.to_string(),
                ',' | ':' | ';' | ' ' => " ".to_owned(),
                '!' => String::new(),
                '|' => "‖".to_owned(),
                _ => return None,
            });
        }
        let name: String = self.chars[start..self.at].iter().collect();
        if let Some(symbol) = symbol(&name) {
            // A function's name after a factor is a word of its own: `\kappa\log n` is `κ log n`.
            if symbol.len() > 1 && symbol.bytes().all(|b| b.is_ascii_alphabetic()) && self.follows_a_factor(start) {
                return Some(format!(" {symbol}"));
            }
            // A relation or a binary operator stands between spaces ("d × d"); spaces collapse.
            return Some(if symbol.chars().count() == 1 && is_operator(symbol) {
                format!(" {symbol} ")
            } else {
                symbol.to_owned()
            });
        }
        match name.as_str() {
            "sqrt" => {
                if self.chars.get(self.at) == Some(&'[') {
                    return None;
                }
                let arg = self.argument()?;
                Some(if is_atomic(&arg) { format!("√{arg}") } else { format!("√({arg})") })
            }
            "frac" | "dfrac" | "tfrac" => {
                let (num, den) = (self.argument()?, self.argument()?);
                let fraction = format!("{}/{}", wrap(&num), wrap(&den));
                // Written next to a factor (`2\frac12`, `\log\frac{a}{b}`, `\frac{a}{b}x`,
                // `\frac{a}{b}^2`), a slash would bind the wrong way: the fraction is bracketed.
                let joined = self.follows_a_factor(start) || self.factor_follows();
                Some(if joined { format!("({fraction})") } else { fraction })
            }
            "text" | "textrm" | "textit" | "textbf" | "mathrm" | "mathit" | "mathbf" | "boldsymbol" | "bm"
            | "operatorname" | "mathsf" => self.argument(),
            "mathbb" => Some(
                match self.argument()?.as_str() {
                    "R" => "ℝ",
                    "E" => "𝔼",
                    "N" => "ℕ",
                    "Z" => "ℤ",
                    "Q" => "ℚ",
                    "P" => "ℙ",
                    _ => return None,
                }
                .to_owned(),
            ),
            "mathcal" => Some(
                match self.argument()?.as_str() {
                    "L" => "ℒ",
                    "N" => "𝒩",
                    "O" => "𝒪",
                    "D" => "𝒟",
                    _ => return None,
                }
                .to_owned(),
            ),
            "hat" | "bar" | "tilde" | "overline" | "widehat" => {
                let arg = self.argument()?;
                let mark = match name.as_str() {
                    "hat" | "widehat" => '\u{302}',
                    "tilde" => '\u{303}',
                    _ => '\u{304}',
                };
                (arg.chars().count() == 1).then(|| format!("{arg}{mark}"))
            }
            "left" | "right" | "bigl" | "bigr" | "Bigl" | "Bigr" | "big" | "Big" => {
                match self.chars.get(self.at) {
                    Some('.') => {
                        self.at += 1;
                        Some(String::new())
                    }
                    // The delimiter that follows renders on its own.
                    _ => Some(String::new()),
                }
            }
            _ => None,
        }
    }
}

/// TeX's Greek letters (and `\ell`): names and characters (`\epsilon` is lunate,
/// `\varepsilon` is not).
const GREEK: &[(&str, &str)] = &[
    ("ell", "ℓ"),
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ϵ"),
    ("varepsilon", "ε"),
    ("zeta", "ζ"),
    ("eta", "η"),
    ("theta", "θ"),
    ("vartheta", "ϑ"),
    ("iota", "ι"),
    ("kappa", "κ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("nu", "ν"),
    ("xi", "ξ"),
    ("pi", "π"),
    ("rho", "ρ"),
    ("sigma", "σ"),
    ("varsigma", "ς"),
    ("tau", "τ"),
    ("upsilon", "υ"),
    ("phi", "ϕ"),
    ("varphi", "φ"),
    ("chi", "χ"),
    ("psi", "ψ"),
    ("omega", "ω"),
    ("Gamma", "Γ"),
    ("Delta", "Δ"),
    ("Theta", "Θ"),
    ("Lambda", "Λ"),
    ("Xi", "Ξ"),
    ("Pi", "Π"),
    ("Sigma", "Σ"),
    ("Phi", "Φ"),
    ("Psi", "Ψ"),
    ("Omega", "Ω"),
];

/// A Greek letter's name as a word, the way TeX spells it (`θ` and `Θ` are `theta`, `ε` and `ϵ`
/// are `epsilon`): what search reads a Greek letter as.
pub(crate) fn greek_word(c: char) -> Option<&'static str> {
    let mut lower = c.to_lowercase();
    let c = match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => return None,
    };
    let mut s = [0u8; 4];
    let symbol: &str = c.encode_utf8(&mut s);
    GREEK.iter().find(|(_, g)| *g == symbol).map(|(name, _)| name.strip_prefix("var").unwrap_or(name))
}

/// The word search reads a TeX letter command as, when it is not its own name: `\varepsilon`
/// is `epsilon`, as `ε` and `\epsilon` are.
pub(crate) fn tex_letter_word(name: &str) -> Option<&'static str> {
    let rest = name.strip_prefix("var")?;
    GREEK.iter().find(|(n, _)| *n == name).map(|(n, _)| &n[n.len() - rest.len()..])
}

/// Named symbols and operators.
fn symbol(name: &str) -> Option<&'static str> {
    const SYMBOLS: &[(&str, &str)] = &[
        ("times", "×"),
        ("cdot", "·"),
        ("le", "≤"),
        ("leq", "≤"),
        ("ge", "≥"),
        ("geq", "≥"),
        ("ne", "≠"),
        ("neq", "≠"),
        ("approx", "≈"),
        ("sim", "∼"),
        ("propto", "∝"),
        ("in", "∈"),
        ("notin", "∉"),
        ("to", "→"),
        ("rightarrow", "→"),
        ("leftarrow", "←"),
        ("Rightarrow", "⇒"),
        ("implies", "⇒"),
        ("mapsto", "↦"),
        ("infty", "∞"),
        ("sum", "∑"),
        ("prod", "∏"),
        ("int", "∫"),
        ("partial", "∂"),
        ("nabla", "∇"),
        ("pm", "±"),
        ("mp", "∓"),
        ("ldots", "…"),
        ("dots", "…"),
        ("cdots", "⋯"),
        ("odot", "⊙"),
        ("otimes", "⊗"),
        ("oplus", "⊕"),
        ("top", "⊤"),
        ("mid", "|"),
        ("lVert", "‖"),
        ("rVert", "‖"),
        ("Vert", "‖"),
        ("langle", "⟨"),
        ("rangle", "⟩"),
        ("lfloor", "⌊"),
        ("rfloor", "⌋"),
        ("lceil", "⌈"),
        ("rceil", "⌉"),
        ("cap", "∩"),
        ("cup", "∪"),
        ("subset", "⊂"),
        ("subseteq", "⊆"),
        ("forall", "∀"),
        ("exists", "∃"),
        ("emptyset", "∅"),
        ("ll", "≪"),
        ("gg", "≫"),
        ("equiv", "≡"),
        ("quad", " "),
        ("qquad", " "),
        ("log", "log"),
        ("ln", "ln"),
        ("exp", "exp"),
        ("max", "max"),
        ("min", "min"),
        ("arg", "arg"),
        ("sin", "sin"),
        ("cos", "cos"),
        ("tanh", "tanh"),
        ("det", "det"),
        ("lim", "lim"),
        ("sup", "sup"),
        ("inf", "inf"),
        ("Pr", "Pr"),
        ("prime", "′"),
        ("circ", "∘"),
        ("star", "⋆"),
        ("ast", "∗"),
        ("div", "÷"),
        ("lvert", "|"),
        ("rvert", "|"),
        ("vert", "|"),
    ];
    GREEK.iter().chain(SYMBOLS).find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// Relations and binary operators: written between spaces.
fn is_operator(symbol: &str) -> bool {
    "×·≤≥≠≈∼∝∈∉→←⇒↦±∓⊙⊗⊕∩∪⊂⊆≪≫≡∘÷".contains(symbol)
}

/// Whether a rendered piece reads as one unit after `√` or around `/`: letters, digits and `_`
/// (`d_k`), or a single character.
fn is_atomic(s: &str) -> bool {
    let s = s.strip_prefix('√').unwrap_or(s);
    s.chars().count() == 1 || (!s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || "_.'′".contains(c)))
}

fn wrap(s: &str) -> String {
    if is_atomic(s) { s.to_owned() } else { format!("({s})") }
}

/// `x^2` as `x²` when every character has a superscript form (`ᵀ` for `\top` and `T`),
/// else `x^(…)`.
fn superscript(arg: &str) -> String {
    if arg == "⊤" || arg == "T" {
        return "ᵀ".to_owned();
    }
    let mapped: Option<String> = arg
        .chars()
        .map(|c| {
            Some(match c {
                '0' => '⁰',
                '1' => '¹',
                '2' => '²',
                '3' => '³',
                '4' => '⁴',
                '5' => '⁵',
                '6' => '⁶',
                '7' => '⁷',
                '8' => '⁸',
                '9' => '⁹',
                '+' => '⁺',
                '-' | '−' => '⁻',
                '=' => '⁼',
                '(' => '⁽',
                ')' => '⁾',
                'n' => 'ⁿ',
                'i' => 'ⁱ',
                '′' => '′',
                _ => return None,
            })
        })
        .collect();
    match mapped {
        Some(m) => m,
        None if arg.chars().count() == 1 => format!("^{arg}"),
        None => format!("^({arg})"),
    }
}

/// `x_1` as `x₁` (digits and signs have subscript forms everywhere); a name stays ASCII, as
/// people type it (`d_k`, `d_model`), because most letters have no subscript form; anything
/// else is `x_(…)`.
fn subscript(arg: &str) -> String {
    let digits: Option<String> = arg
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x2080 + (c as u32 - '0' as u32)),
            '+' => Some('₊'),
            '-' | '−' => Some('₋'),
            '=' => Some('₌'),
            _ => None,
        })
        .collect();
    match digits {
        Some(d) => d,
        None if arg.chars().all(|c| c.is_alphanumeric()) => format!("_{arg}"),
        None => format!("_({arg})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_formulas_render() {
        for (tex, want) in [
            (r"\sqrt{d_k}", "√d_k"),
            (r"S = QK^\top / \sqrt{d_k}", "S = QKᵀ / √d_k"),
            (r"x_1 + x_2 \le \alpha", "x₁ + x₂ ≤ α"),
            (r"O(n^2 d)", "O(n² d)"),
            (r"\frac{1}{\sqrt{d_k}}", "1/√d_k"),
            (r"\frac{a+b}{2}", "(a+b)/2"),
            (r"W^{-1}", "W⁻¹"),
            (r"e^{x_i}", "e^(x_i)"),
            (r"\hat{y}", "y\u{302}"),
            (r"\mathbb{E}[\|x\|^2]", "𝔼[‖x‖²]"),
            (r"\mathrm{softmax}\left(\frac{QK^T}{\sqrt{d}}\right)", "softmax(QKᵀ/√d)"),
            (r"2 \times 10^{9}", "2 × 10⁹"),
            (r"d_{\text{model}}\times d_k", "d_model × d_k"),
            (r"h\cdot n^2", "h · n²"),
            (r"\lambda \|w\|_1", "λ ‖w‖₁"),
            (r"d_{\text{model}}", "d_model"),
            (r"\sigma(z)", "σ(z)"),
            (r"\tfrac12\sigma^2", "(1/2)σ²"),
            (r"\log\frac{\pi'}{1-\pi'}", "log(π'/(1-π'))"),
            (r"\frac{a}{b}^2", "(a/b)²"),
            (r"\kappa\log n", "κ log n"),
            (r"\log n", "log n"),
            (r"= \frac{a}{b}", "= a/b"),
        ] {
            assert_eq!(to_unicode(tex).as_deref(), Some(want), "{tex}");
        }
    }

    #[test]
    fn what_cannot_be_rendered_stays_latex() {
        for tex in
            [r"\begin{bmatrix} a & b \end{bmatrix}", r"\sqrt[3]{x}", r"\unknown{x}", r"\hat{xy}", "{x", "x^", "a & b"]
        {
            assert_eq!(to_unicode(tex), None, "{tex}");
        }
        let (line, formulas) = render_line(r"so $\sqrt{d_k}$ and $\sqrt[3]{x}$ cost $5 and $6");
        assert_eq!(line, r"so √d_k and $\sqrt[3]{x}$ cost $5 and $6");
        let shown: Vec<&str> = formulas.iter().map(|r| &line[r.start..r.end]).collect();
        assert_eq!(shown, ["√d_k", r"$\sqrt[3]{x}$"]);
    }

    #[test]
    fn no_input_panics_or_overflows() {
        for line in ["$x ∈ S$", "costs $5 — about $6 an hour", "$é$ and \\é$x$", "a \\", "$", "$$", "$ $", "\\$é"]
        {
            let _ = render_line(line);
        }
        assert_eq!(render_line("$x ∈ S$").0, "x ∈ S");
        let deep = format!("${}x{}$", "{".repeat(200_000), "}".repeat(200_000));
        assert_eq!(render_line(&deep).0, deep, "too deep to render: left as written");
        let roots = format!("${}x$", "\\sqrt".repeat(200_000));
        assert_eq!(render_line(&roots).0, roots);
    }

    #[test]
    fn display_math_and_escaped_dollars() {
        assert_eq!(render_line(r"$$\alpha+\beta$$ costs \$3").0, r"α+β costs \$3");
        assert_eq!(render_line("no math here").0, "no math here");
    }
}
