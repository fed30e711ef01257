//! Text from the KB is untrusted: control characters are escaped before they reach a terminal.

use std::io::IsTerminal;

use crate::cli::ColorChoice;

/// Escapes control characters (keeping newlines and tabs), so a heading with an escape sequence
/// cannot drive the terminal.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Replaces control characters with characters of the same UTF-8 length, so that byte ranges
/// into the text stay valid for snippet rendering.
pub fn neutralize(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' | '\r' => c,
            c if c.is_control() && c.len_utf8() == 1 => '?',
            c if c.is_control() => '¿',
            c => c,
        })
        .collect()
}

pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_keep_text_and_lengths() {
        assert_eq!(escape("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\n");
        let n = neutralize("x\u{1b}y\u{85}z");
        assert_eq!(n.len(), "x\u{1b}y\u{85}z".len());
        assert!(!n.chars().any(|c| c.is_control()));
    }
}
