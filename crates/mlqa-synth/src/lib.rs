//! A synthetic mlqa knowledge base: N answers that pass every rule, in categories of 100, with
//! the shape of the real ones (front matter, the five sections, sub-headings, inline and display
//! math, a Python block, links between answers with anchors, resources), and a chosen fraction of
//! answers that carry one planted fault each. The same options give the same bytes.
//!
//! The benchmarks and the scaling tests build their workspaces from it, and `mlqa-synth` writes
//! it to a folder for the comparison with other tools (`bench/compare.sh`).

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub answers: usize,
    pub seed: u64,
    /// Fraction of answers with one planted fault, from 0 to 1.
    pub faults: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self { answers: 1000, seed: 1, faults: 0.0 }
    }
}

/// The faults the generator plants, one per faulty answer, in turn. Each is the rule of mlqa
/// that must report it, and only it.
pub const FAULTS: [&str; 7] = [
    "broken-link",
    "broken-anchor",
    "unknown-related",
    "missing-section",
    "unbalanced-math",
    "placeholder-text",
    "code-block-language",
];

/// Answers per category.
const CATEGORY_SIZE: usize = 100;
const RESOURCES: usize = 16;

/// A generated KB: files by path relative to the KB root, and the planted faults.
#[derive(Debug, Clone)]
pub struct SyntheticKb {
    pub files: Vec<(String, String)>,
    /// (path of the answer, rule that must report it)
    pub faults: Vec<(String, &'static str)>,
}

impl SyntheticKb {
    /// Total size of the files.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, text)| text.len()).sum()
    }

    /// Writes the KB under `root` (created if missing), plus `faults.tsv` beside `mlqa.toml`.
    pub fn write_to(&self, root: &Path) -> io::Result<()> {
        for (path, text) in &self.files {
            let path = root.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, text)?;
        }
        let mut tsv = String::from("path\trule\n");
        for (path, rule) in &self.faults {
            let _ = writeln!(tsv, "{path}\t{rule}");
        }
        std::fs::write(root.join("faults.tsv"), tsv)
    }
}

/// Generates the KB described by `options`.
pub fn generate(options: &Options) -> SyntheticKb {
    let n = options.answers;
    let categories = n.div_ceil(CATEGORY_SIZE).max(1);
    let mut rng = fastrand::Rng::with_seed(options.seed);
    // Which answers are faulty: the first `faulty` of a seeded shuffle, so the fraction is exact.
    let faulty = ((n as f64) * options.faults.clamp(0.0, 1.0)).round() as usize;
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut fault_of = vec![None; n];
    for (k, &i) in order.iter().take(faulty).enumerate() {
        fault_of[i] = Some(FAULTS[k % FAULTS.len()]);
    }

    let answers: Vec<Meta> = (0..n).map(|i| Meta::new(i, &mut rng)).collect();
    let mut files = vec![
        ("mlqa.toml".to_owned(), CONFIG.to_owned()),
        ("spec.yaml".to_owned(), spec(&answers, categories)),
        ("resources.yaml".to_owned(), resources(categories)),
    ];
    let mut faults = Vec::new();
    for (i, meta) in answers.iter().enumerate() {
        let path = meta.path();
        if let Some(rule) = fault_of[i] {
            faults.push((path.clone(), rule));
        }
        files.push((path, answer(i, &answers, fault_of[i], &mut rng)));
    }
    SyntheticKb { files, faults }
}

const CONFIG: &str = r#"# A synthetic KB written by mlqa-synth: the shipped KB's settings, with shorter answers (~3.3 KB).
[answers]
sections = ["Short answer", "Explanation", "Example", "Pitfalls", "Follow-ups"]
min-words = 300
max-words = 1000
short-answer-max-words = 80
short-answer-max-sentences = 3
min-related = 2

[limits]
# The spec of 10,000 questions is 1.6 MB.
max-file-bytes = 8388608
"#;

/// Words of the prose. None is a placeholder word or a stop word that could change a rule.
const WORDS: &[&str] = &[
    "gradient",
    "loss",
    "model",
    "weights",
    "batch",
    "training",
    "validation",
    "layer",
    "attention",
    "token",
    "embedding",
    "variance",
    "bias",
    "regularization",
    "optimizer",
    "momentum",
    "learning",
    "rate",
    "schedule",
    "dropout",
    "normalization",
    "residual",
    "activation",
    "softmax",
    "logits",
    "entropy",
    "likelihood",
    "prior",
    "posterior",
    "sample",
    "distribution",
    "feature",
    "label",
    "precision",
    "recall",
    "threshold",
    "calibration",
    "ensemble",
    "boosting",
    "tree",
    "split",
    "kernel",
    "margin",
    "vector",
    "matrix",
    "rank",
    "projection",
    "cluster",
    "centroid",
    "distance",
    "neighbor",
    "encoder",
    "decoder",
    "context",
    "window",
    "cache",
    "memory",
    "throughput",
    "latency",
    "quantization",
    "precision",
    "scaling",
    "checkpoint",
    "shard",
    "pipeline",
    "retrieval",
    "index",
    "query",
    "document",
    "chunk",
    "reranker",
    "prompt",
    "adapter",
    "fine-tuning",
    "reward",
    "policy",
    "preference",
    "curriculum",
    "sequence",
    "position",
    "frequency",
    "spectrum",
    "signal",
    "noise",
    "estimate",
    "error",
    "objective",
    "constraint",
    "convex",
    "step",
    "update",
    "epoch",
    "iteration",
    "convergence",
    "stability",
    "overflow",
    "underflow",
    "range",
    "mantissa",
    "exponent",
    "data",
    "drift",
    "shift",
    "leakage",
    "imbalance",
];

const TOPICS: &[&str] = &[
    "gradient descent",
    "attention heads",
    "batch norm",
    "weight decay",
    "beam search",
    "feature scaling",
    "early stopping",
    "label smoothing",
    "mixed precision",
    "vector search",
    "tree ensembles",
    "data drift",
];

/// What other answers need to know of an answer.
struct Meta {
    id: String,
    category: usize,
    topic: &'static str,
    /// The word its spec's first key point asks for.
    facet: &'static str,
}

impl Meta {
    fn new(i: usize, rng: &mut fastrand::Rng) -> Self {
        let topic = TOPICS[rng.usize(..TOPICS.len())];
        let slug = topic.replace(' ', "-");
        Self {
            id: format!("{slug}-{i:05}"),
            category: i / CATEGORY_SIZE,
            topic,
            facet: WORDS[rng.usize(..WORDS.len())],
        }
    }

    fn path(&self) -> String {
        format!("{}/{}.md", category_id(self.category), self.id)
    }

    fn question(&self) -> String {
        format!("How does {} number {} work in practice?", self.topic, self.id.rsplit('-').next().unwrap_or(""))
    }
}

fn category_id(c: usize) -> String {
    format!("area-{c:03}")
}

fn spec(answers: &[Meta], categories: usize) -> String {
    let mut out = String::from("title: Synthetic KB\ncategories:\n");
    for c in 0..categories {
        let _ = write!(out, "  - id: {}\n    title: \"Area {c}\"\n    questions:\n", category_id(c));
        for meta in answers.iter().filter(|m| m.category == c) {
            let _ = write!(
                out,
                "      - id: {}\n        question: \"{}\"\n        key_points:\n          - name: \"The {} term\"\n            \
                 match: '{}'\n          - name: \"A common pitfall\"\n            match: 'common pitfall'\n",
                meta.id,
                meta.question(),
                meta.facet,
                meta.facet
            );
        }
    }
    out
}

fn resources(categories: usize) -> String {
    let mut out = String::from("resources:\n");
    for r in 0..RESOURCES {
        let _ = write!(
            out,
            "  - id: resource-{r:02}\n    title: \"Resource {r}\"\n    kind: article\n    \
             url: \"https://example.org/resource/{r}\"\n    summary: \"Notes on topic {r}.\"\n    \
             topics: [{}]\n",
            category_id(r % categories)
        );
    }
    out
}

/// One answer. Its links go to the next and the previous answer (so every answer is linked
/// from two others) and to one further answer at random, each to an anchor that exists.
fn answer(i: usize, all: &[Meta], fault: Option<&'static str>, rng: &mut fastrand::Rng) -> String {
    let n = all.len();
    let me = &all[i];
    let others: Vec<&Meta> = if n == 1 {
        Vec::new()
    } else {
        let next = &all[(i + 1) % n];
        let prev = &all[(i + n - 1) % n];
        let mut far = &all[rng.usize(..n)];
        if std::ptr::eq(far, me) {
            far = next;
        }
        vec![next, prev, far]
    };
    let link = |m: &Meta, anchor: &str| -> String {
        let target = if m.category == me.category {
            format!("{}.md", m.id)
        } else {
            format!("../{}/{}.md", category_id(m.category), m.id)
        };
        format!("[{}]({target}#{anchor})", m.topic)
    };
    let mut related: Vec<String> = others.iter().take(2).map(|m| m.id.clone()).collect();
    related.dedup();
    if fault == Some("unknown-related") {
        related.push(format!("ghost-{i:05}"));
    }

    let mut out = String::with_capacity(3600);
    let _ = write!(
        out,
        "---\nid: {}\ncategory: {}\ndifficulty: {}\ntags: [{}, synthetic]\nrelated: [{}]\nresources: [resource-{:02}]\n---\n",
        me.id,
        category_id(me.category),
        ["intro", "core", "advanced"][i % 3],
        me.topic.replace(' ', "-"),
        related.join(", "),
        i % RESOURCES
    );
    let _ = write!(out, "# {}\n\n## Short answer\n", me.question());
    let _ = writeln!(out, "{} {}\n", sentence(rng, 12), sentence(rng, 14));

    let _ = writeln!(out, "## Explanation");
    let _ = writeln!(
        out,
        "{} The {} term is $w_{{t+1}} = w_t - \\eta \\nabla L(w_t)$. {}",
        para(rng, 4),
        me.facet,
        sentence(rng, 10)
    );
    let _ = write!(
        out,
        "\n$$\n\\mathcal{{L}}(\\theta) = \\frac{{1}}{{n}} \\sum_{{i=1}}^{{n}} \\ell(f_\\theta(x_i), y_i)\n$$\n\n"
    );
    let _ = writeln!(out, "### Why it holds\n{}\n", para(rng, 5));
    if let Some(next) = others.first() {
        let _ = writeln!(
            out,
            "It builds on {} and on the [reason above](#why-it-holds). {}\n",
            link(next, "why-it-holds"),
            sentence(rng, 12)
        );
    }
    let _ = writeln!(out, "### When it breaks\n{}\n", para(rng, 3));

    if fault == Some("missing-section") {
        // The fault drops Example (no other answer links to it), with as many words kept.
        let _ = writeln!(out, "{}\n", para(rng, 3));
    } else {
        let _ = writeln!(out, "## Example\n{} With $n = {}$ the mean is ${}$.\n", para(rng, 3), 4 + i % 7, (i % 5) + 1);
        let fence = if fault == Some("code-block-language") { "```" } else { "```python" };
        let _ = writeln!(
            out,
            "{fence}\nimport numpy as np\n\nx = np.arange({})\nprint(x.mean(), x.var())\n```\n",
            4 + i % 7
        );
    }

    let _ = writeln!(out, "## Pitfalls");
    for _ in 0..3 {
        let _ = writeln!(out, "- {}", sentence(rng, 14));
    }
    let _ = writeln!(out, "- A common pitfall is to forget the {} term.", me.facet);
    match fault {
        Some("unbalanced-math") => out.push_str("- The bound $O(n \\log n is often quoted without its constant.\n"),
        Some("placeholder-text") => out.push_str("- TODO: add the case of very small batches.\n"),
        _ => {}
    }
    out.push('\n');

    let _ = writeln!(out, "## Follow-ups");
    if let (Some(prev), Some(far)) = (others.get(1), others.get(2)) {
        let _ = writeln!(
            out,
            "**How does it relate to {}?** See {}. {}\n",
            prev.topic,
            link(prev, "short-answer"),
            sentence(rng, 10)
        );
        let _ = writeln!(out, "**And to {}?** See {}. {}", far.topic, link(far, "when-it-breaks"), sentence(rng, 10));
    }
    match fault {
        Some("broken-link") => {
            let _ = writeln!(out, "\nAlso read [the missing note](missing-note-{i:05}.md).");
        }
        Some("broken-anchor") => {
            let _ = writeln!(out, "\nAlso read [the appendix](#appendix-{i:05}).");
        }
        _ => {}
    }
    out
}

fn sentence(rng: &mut fastrand::Rng, words: usize) -> String {
    let mut s = String::new();
    for k in 0..words {
        let word = WORDS[rng.usize(..WORDS.len())];
        if k == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                s.extend(first.to_uppercase());
                s.push_str(chars.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(word);
        }
    }
    s.push('.');
    s
}

fn para(rng: &mut fastrand::Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let words = 10 + rng.usize(..8);
            sentence(rng, words)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = generate(&Options { answers: 50, seed: 7, faults: 0.2 });
        let b = generate(&Options { answers: 50, seed: 7, faults: 0.2 });
        let c = generate(&Options { answers: 50, seed: 8, faults: 0.2 });
        assert_eq!(a.files, b.files);
        assert_eq!(a.faults, b.faults);
        assert_ne!(a.files, c.files);
    }

    #[test]
    fn fault_fraction_is_exact_and_cycles_through_every_kind() {
        let kb = generate(&Options { answers: 140, seed: 3, faults: 0.25 });
        assert_eq!(kb.faults.len(), 35);
        for rule in FAULTS {
            assert_eq!(kb.faults.iter().filter(|(_, r)| *r == rule).count(), 5, "{rule}");
        }
        assert!(generate(&Options { answers: 140, seed: 3, faults: 0.0 }).faults.is_empty());
    }

    #[test]
    fn answers_are_about_the_size_of_real_ones() {
        let kb = generate(&Options { answers: 1000, seed: 1, faults: 0.0 });
        assert_eq!(kb.files.len(), 1003);
        let per_answer = kb.bytes() / 1000;
        assert!((2800..=4000).contains(&per_answer), "{per_answer} bytes per answer");
    }
}
