//! The link model: what a Markdown link destination is ([`classify`]) and where a relative one
//! points ([`resolve`]), lexically: nothing is read. Every layer that follows links (documents,
//! the IDE features, the export, the link rules) asks this module.

use std::path::{Component, Path};

/// What a link destination is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// `#anchor` in the same file.
    Fragment(&'a str),
    /// A relative path, with its `#fragment` if any.
    Path { path: &'a str, fragment: Option<&'a str> },
    /// Anything with a scheme (`https:`, `javascript:`), or protocol-relative (`//host`).
    Url { scheme: &'a str },
}

pub fn classify(dest: &str) -> Target<'_> {
    if let Some(fragment) = dest.strip_prefix('#') {
        return Target::Fragment(fragment);
    }
    if dest.starts_with("//") {
        return Target::Url { scheme: "" };
    }
    let scheme_len = dest.find(':').filter(|&n| {
        n > 0
            && dest[..n]
                .bytes()
                .enumerate()
                .all(|(i, b)| b.is_ascii_alphabetic() || (i > 0 && (b.is_ascii_digit() || b"+-.".contains(&b))))
    });
    // `C:/x` is a Windows drive path, not a URL scheme: `link-escapes-kb` reports it.
    if let Some(n) = scheme_len.filter(|&n| n > 1) {
        return Target::Url { scheme: &dest[..n] };
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    Target::Path { path, fragment }
}

/// A link's destination as the rules and the IDE read it: classified, and a relative path
/// resolved against the folder of the file it is in. A view of a [`Classified`] destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// `#anchor` in the same file.
    Fragment(&'a str),
    /// A relative path as written (before `#` and `?`), its `#fragment` if any, and where it
    /// points (`None` when the path is empty, as in `?q` or `#x` after nothing).
    Path { path: &'a str, fragment: Option<&'a str>, resolved: Option<&'a Resolved> },
    /// Anything with a scheme (`https`, `javascript`), or protocol-relative (`//host`: the
    /// scheme is empty).
    Url { scheme: &'a str },
}

impl<'a> LinkTarget<'a> {
    /// The file or folder inside the KB it points to (not itself for a `#fragment`).
    pub fn inside(self) -> Option<&'a str> {
        match self {
            Self::Path { resolved: Some(Resolved::Inside(target)), .. } => Some(target),
            _ => None,
        }
    }
}

/// What a link destination is and where it points, worked out once, when the file is parsed
/// ([`crate::syntax::markdown::parse`]): the parts as offsets into the destination, and the
/// resolved path. [`Classified::view`] reads it back without scanning or resolving again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    shape: Shape,
    resolved: Option<Resolved>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Fragment,
    /// The path is `dest[..path_end]`; the fragment starts at `fragment_at`.
    Path {
        path_end: usize,
        fragment_at: Option<usize>,
    },
    /// The scheme is `dest[..scheme_end]`.
    Url {
        scheme_end: usize,
    },
}

impl Classified {
    /// `dest`, written in the file at `from` (relative to the KB root).
    pub fn of(from: &str, dest: &str) -> Self {
        // The path and the scheme start the destination; the fragment ends it.
        match classify(dest) {
            Target::Fragment(_) => Self { shape: Shape::Fragment, resolved: None },
            Target::Path { path, fragment } => Self {
                shape: Shape::Path { path_end: path.len(), fragment_at: fragment.map(|f| dest.len() - f.len()) },
                resolved: (!path.is_empty()).then(|| resolve(from, path)),
            },
            Target::Url { scheme } => Self { shape: Shape::Url { scheme_end: scheme.len() }, resolved: None },
        }
    }

    /// The destination `dest` (the one this was made of), read.
    pub fn view<'a>(&'a self, dest: &'a str) -> LinkTarget<'a> {
        let part = |r: std::ops::Range<usize>| dest.get(r).unwrap_or_default();
        match self.shape {
            Shape::Fragment => LinkTarget::Fragment(part(1..dest.len())),
            Shape::Path { path_end, fragment_at } => LinkTarget::Path {
                path: part(0..path_end),
                fragment: fragment_at.map(|f| part(f..dest.len())),
                resolved: self.resolved.as_ref(),
            },
            Shape::Url { scheme_end } => LinkTarget::Url { scheme: part(0..scheme_end) },
        }
    }
}

/// Where a relative link points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A path inside the KB, relative to the root.
    Inside(String),
    /// The path leaves the KB root, or is absolute.
    Escapes,
}

/// Lexically resolves `dest` against the folder of `from`; nothing is read.
pub fn resolve(from: &str, dest: &str) -> Resolved {
    let dest = percent_decode(dest);
    if dest.starts_with('/') || dest.starts_with('\\') || Path::new(dest.as_ref()).has_root() || dest.contains(':') {
        return Resolved::Escapes;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for comp in Path::new(dest.as_ref()).components() {
        match comp {
            Component::Normal(p) => match p.to_str() {
                Some(s) => parts.push(s),
                None => return Resolved::Escapes,
            },
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Resolved::Escapes;
                }
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return Resolved::Escapes,
        }
    }
    let joined = parts.join("/");
    Resolved::Inside(joined)
}

fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return std::borrow::Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// A relative path from the folder of `from` to `to` (both relative to the KB root).
pub fn relative_path(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_classified() {
        assert_eq!(classify("#pitfalls"), Target::Fragment("pitfalls"));
        assert_eq!(classify("../a/b.md#x"), Target::Path { path: "../a/b.md", fragment: Some("x") });
        assert_eq!(classify("b.md"), Target::Path { path: "b.md", fragment: None });
        assert_eq!(classify("https://x.org/a"), Target::Url { scheme: "https" });
        assert_eq!(classify("javascript:alert(1)"), Target::Url { scheme: "javascript" });
        assert_eq!(classify("//evil.example"), Target::Url { scheme: "" });
        assert_eq!(classify("C:/Windows/win.ini"), Target::Path { path: "C:/Windows/win.ini", fragment: None });
    }

    #[test]
    fn a_classified_destination_reads_back_as_classified_and_resolved() {
        for dest in
            ["#pitfalls", "../a/b.md#x", "b.md", "b.md?q=1#y", "?q", "#", "", "https://x.org/a", "//evil", "C:/x"]
        {
            let classified = Classified::of("a/here.md", dest);
            let expected = match classify(dest) {
                Target::Fragment(f) => LinkTarget::Fragment(f),
                Target::Path { path, fragment } => {
                    let resolved = (!path.is_empty()).then(|| resolve("a/here.md", path));
                    assert_eq!(classified.view(dest), LinkTarget::Path { path, fragment, resolved: resolved.as_ref() });
                    continue;
                }
                Target::Url { scheme } => LinkTarget::Url { scheme },
            };
            assert_eq!(classified.view(dest), expected, "{dest}");
        }
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path("a/b.md", "c/d.md"), "../c/d.md");
        assert_eq!(relative_path("a/b.md", "a/d.md"), "d.md");
    }

    #[test]
    fn links_resolve_lexically_and_never_escape() {
        assert_eq!(resolve("a/b.md", "../c/d.md"), Resolved::Inside("c/d.md".into()));
        assert_eq!(resolve("a/b.md", "./e.md"), Resolved::Inside("a/e.md".into()));
        assert_eq!(resolve("a/b.md", "my%20file.md"), Resolved::Inside("a/my file.md".into()));
        assert_eq!(resolve("a/b.md", "../../../etc/passwd"), Resolved::Escapes);
        assert_eq!(resolve("a/b.md", "/etc/passwd"), Resolved::Escapes);
        assert_eq!(resolve("a/b.md", "C:/x"), Resolved::Escapes);
    }
}
