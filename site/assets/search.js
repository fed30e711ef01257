/* mlqa static site: client-side search for search.html.
 *
 * The index is assets/search-index.js, a classic script that sets window.MLQA_SEARCH (a
 * script, not JSON fetched at run time: Chromium blocks fetch() of file:// URLs). It holds
 * the same per-field BM25 index that `mlqa search` builds (crates/mlqa-core/src/search.rs),
 * already stemmed, and this file scores a query exactly as the Rust code does, in the same
 * order of floating-point operations, so both rank the same answers the same way:
 *
 *   - words (words.rs): runs of letters and digits (Rust's char::is_alphanumeric is
 *     \p{Alphabetic} or \p{N}), lowercased one character at a time, Greek letters by their TeX
 *     names; sub- and superscripts attached (d_k, d_{k} and dₖ are "d_k"; n^2 and n² are "n^2";
 *     W^T, W^\top and Wᵀ are "w^t"); √ ∇ ∂ ∑ as sqrt nabla partial sum; a | not between spaces
 *     as "mid"; TeX's layout commands (\frac, \left, \mathrm, \cdot, \le, ...) skipped; stop
 *     words skipped;
 *   - each word's stem comes from the index's `words` table (every word of the corpus is in
 *     it, stemmed by Rust); a word the corpus never uses goes through wink-porter2-stemmer, the
 *     same Snowball English stemmer (test/e2e.mjs checks it against the whole table), then the
 *     glossary's British-to-American `spellings`; words with _ or ^ are not stemmed;
 *   - glossary names (analyzer.rs): at each word, the first of the index's `names` (longest
 *     first) whose parts the words spell (a stem part equal, or one typo away for a stem of 5
 *     characters or more in a name of 2 parts or more; an "=acronym" part the word itself or its
 *     plural, in any case; a "!acronym" part the same, written as an acronym; one exact part at
 *     least) replaces its words by its term tokens ("#anchor");
 *   - the query's terms in the order they start;
 *   - each stem matches itself (weight 1) and, when it has at least 5 characters, every
 *     indexed stem within one edit (weight 0.6: insertion, deletion, substitution, or
 *     transposition of two adjacent characters);
 *   - score = sum over matches of factor * idf * sum over fields of
 *     w_f * tf_f * (k1 + 1) / (tf_f + k1 * (1 - b_f + b_f * len_f / avg_len_f));
 *   - ranked by score, then by answer id; the top 20 are shown.
 *
 * Plain script, no modules: works from file://. All data goes into the page as text
 * (textContent), never as markup.
 */
(function () {
  "use strict";

  var LIMIT = 20;
  var DEBOUNCE_MS = 100;
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
  var ASCII_ALPHA = /^[A-Za-z]$/;
  var SPACE = /^\p{White_Space}$/u; /* Rust's char::is_whitespace, not \s (which has U+FEFF, lacks U+0085) */
  var TERM_MARK = "#";

  /* words.rs: TeX commands that lay a formula out, Greek letters, symbols, scripts. */
  var LAYOUT = new Set([
    "frac", "dfrac", "tfrac", "left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "text", "textrm",
    "textbf", "textit", "mathrm", "mathbf", "mathit", "mathcal", "mathbb", "mathsf", "boldsymbol", "bm",
    "operatorname", "displaystyle", "limits", "quad", "qquad", "cdot", "times", "top", "intercal", "le", "leq", "ge",
    "geq", "ne", "neq", "approx", "sim", "propto", "to", "rightarrow", "leftarrow", "mapsto", "ll", "gg", "equiv",
    "cdots", "ldots", "dots", "hat", "bar", "tilde", "overline", "widehat",
  ]);
  var SYMBOL_WORDS = { "\u221A": "sqrt", "\u2207": "nabla", "\u2202": "partial", "\u2211": "sum" };
  /* latex.rs's tex_letter_word: TeX's var- letters by the word their letter reads as. */
  var VAR_LETTERS = { varepsilon: "epsilon", vartheta: "theta", varsigma: "sigma", varphi: "phi" };
  /* latex.rs's greek_word: a Greek letter (lowercased first) by its TeX name. */
  var GREEK = {
    "ℓ": "ell",
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ϵ": "epsilon", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau", "υ": "upsilon", "ϕ": "phi",
    "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
  };
  var SCRIPTS = {};
  "₀₁₂₃₄₅₆₇₈₉".split("").forEach(function (c, i) { SCRIPTS[c] = ["_", String(i)]; });
  [["ₐ", "a"], ["ₑ", "e"], ["ₒ", "o"], ["ₓ", "x"], ["ₕ", "h"], ["ₖ", "k"], ["ₗ", "l"], ["ₘ", "m"], ["ₙ", "n"], ["ₚ", "p"],
   ["ₛ", "s"], ["ₜ", "t"], ["ᵢ", "i"], ["ⱼ", "j"], ["ᵣ", "r"], ["ᵤ", "u"], ["ᵥ", "v"]].forEach(function (p) { SCRIPTS[p[0]] = ["_", p[1]]; });
  [["⁰", "0"], ["¹", "1"], ["²", "2"], ["³", "3"], ["⁴", "4"], ["⁵", "5"], ["⁶", "6"], ["⁷", "7"], ["⁸", "8"], ["⁹", "9"],
   ["ⁿ", "n"], ["ⁱ", "i"], ["ᵀ", "t"], ["ᵗ", "t"]].forEach(function (p) { SCRIPTS[p[0]] = ["^", p[1]]; });

  function isAlnum(c) { return ALNUM.test(c); }
  function isWordChar(c) { return isAlnum(c) && !SCRIPTS[c]; }

  /* A run of letters and digits as a word: lowercased one character at a time (as Rust's
   * char::to_lowercase), Greek letters by name. */
  function spelled(chars) {
    var out = "";
    for (var i = 0; i < chars.length; i++) {
      var lower = chars[i].toLowerCase();
      out += (Object.prototype.hasOwnProperty.call(GREEK, lower) && GREEK[lower]) || lower;
    }
    return out;
  }

  /* glossary.rs's is_acronym. */
  function isAcronym(word) {
    var upper = 0;
    var lower = 0;
    for (var i = 0; i < word.length; i++) {
      var c = word[i];
      if (c >= "A" && c <= "Z") upper++;
      else if (c >= "a" && c <= "z") lower++;
      else if (!(c >= "0" && c <= "9")) return false;
    }
    return word.length > 0 && word[0] >= "A" && word[0] <= "Z" && upper >= 2 && upper >= lower;
  }

  /* words.rs's words: [{start, text, acronym}], start in code points. */
  function words(text) {
    var cs = Array.from(text);
    var out = [];
    var at = 0;
    while (at < cs.length) {
      var c = cs[at];
      if (c === "\\") {
        var n = 0;
        while (at + 1 + n < cs.length && ASCII_ALPHA.test(cs[at + 1 + n])) n++;
        var name = cs.slice(at + 1, at + 1 + n).join("");
        if (LAYOUT.has(name)) {
          at += 1 + n;
          continue;
        }
        if (Object.prototype.hasOwnProperty.call(VAR_LETTERS, name)) {
          out.push({ start: at, text: VAR_LETTERS[name], acronym: false });
          at += 1 + n;
          continue;
        }
      }
      if (c === "|") {
        var before = at > 0 ? cs[at - 1] : null;
        var after = at + 1 < cs.length ? cs[at + 1] : null;
        if (before !== null && !SPACE.test(before) && after !== null && !SPACE.test(after)) {
          out.push({ start: at, text: "mid", acronym: false });
        }
        at += 1;
        continue;
      }
      if (SYMBOL_WORDS[c]) {
        out.push({ start: at, text: SYMBOL_WORDS[c], acronym: false });
        at += 1;
        continue;
      }
      if (!isWordChar(c)) {
        at += 1;
        continue;
      }
      var start = at;
      var end = at;
      while (end < cs.length && isWordChar(cs[end])) end++;
      var base = cs.slice(start, end);
      var word = spelled(base);
      for (;;) {
        var s = SCRIPTS[cs[end]];
        if (s) {
          var kind = s[0];
          word += kind;
          while (end < cs.length && SCRIPTS[cs[end]] && SCRIPTS[cs[end]][0] === kind) {
            word += SCRIPTS[cs[end]][1];
            end++;
          }
          continue;
        }
        var tex = texScript(cs, end);
        if (!tex) break;
        word += tex.kind + spelled(tex.text);
        end += tex.length;
      }
      out.push({ start: start, text: word, acronym: isAcronym(base.join("")) });
      at = end;
    }
    return out;
  }

  /* words.rs's tex_script: _x, _{x}, ^x, ^{x} or ^\top at cs[at], as {kind, text, length}. */
  function texScript(cs, at) {
    var kind = cs[at];
    if (kind !== "_" && kind !== "^") return null;
    if (kind === "^") {
      var tops = ["\\top", "{\\top}", "\\intercal", "{\\intercal}"];
      for (var t = 0; t < tops.length; t++) {
        var top = Array.from(tops[t]);
        if (cs.slice(at + 1, at + 1 + top.length).join("") === tops[t] && !ASCII_ALPHA.test(cs[at + 1 + top.length] || "")) {
          return { kind: "^", text: ["t"], length: 1 + top.length };
        }
      }
    }
    var from = at + 1;
    var braced = cs[from] === "{";
    if (braced) from++;
    var end = from;
    while (end < cs.length && isWordChar(cs[end])) end++;
    if (end === from) return null;
    if (braced) {
      if (cs[end] !== "}") return null;
      return { kind: kind, text: cs.slice(from, end), length: end + 1 - at };
    }
    return { kind: kind, text: cs.slice(from, end), length: end - at };
  }

  /* Rust orders Strings by their UTF-8 bytes, that is by code point; JavaScript's < compares
   * UTF-16 code units, which differs above U+FFFF. */
  function compareCodePoints(a, b) {
    if (a === b) return 0;
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i);
      var y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    if (i < a.length) return 1;
    if (j < b.length) return -1;
    return 0;
  }

  function sameTail(a, ai, b, bi) {
    if (a.length - ai !== b.length - bi) return false;
    for (; ai < a.length; ai++, bi++) if (a[ai] !== b[bi]) return false;
    return true;
  }

  /* Whether two words (arrays of code points) are at most one insertion, deletion,
   * substitution or adjacent transposition apart: search.rs's within_one_edit. */
  function withinOneEdit(a, b) {
    var p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    var la = a.length - p;
    var lb = b.length - p;
    if (la === lb) {
      return (
        la <= 1 ||
        sameTail(a, p + 1, b, p + 1) ||
        (la >= 2 && a[p] === b[p + 1] && a[p + 1] === b[p] && sameTail(a, p + 2, b, p + 2))
      );
    }
    if (la + 1 === lb) return sameTail(a, p, b, p + 1);
    if (lb + 1 === la) return sameTail(a, p + 1, b, p);
    return false;
  }

  /* The English (Porter2) Snowball stemmer, for query words the corpus never uses (the index's
   * `words` table has every other one), so that "regularizing" finds "regularization" here as
   * in `mlqa search`: wink-porter2-stemmer (npm, MIT), loaded before this script as a classic
   * script whose `module.exports` lands on the shim's global `module`. test/e2e.mjs checks it
   * against every word of the table, which rust-stemmers stemmed. */
  var wink = window.module && typeof window.module.exports === "function" ? window.module.exports : null;
  function porter2(word) {
    if (!wink) return word;
    /* wink marks a consonant y as "3" internally, so a real digit 3 would be taken for one:
     * stem with the 3s swapped for a private-use character (a non-vowel, like the digit). */
    return wink(word.replace(/3/g, "\uE003")).replace(/\uE003/g, "3");
  }

  function Index(data) {
    this.weights = data.weights;
    this.k1 = data.k1;
    this.b = data.b;
    this.fuzzy = data.fuzzy;
    this.avgLen = data.avg_len;
    this.docs = data.docs;
    this.stopWords = new Set(data.stop_words);
    /* Maps, not the parsed objects: a query word like "constructor" must not find
     * Object.prototype's. */
    this.words = new Map();
    for (var w in data.words) {
      if (Object.prototype.hasOwnProperty.call(data.words, w)) this.words.set(w, data.words[w]);
    }
    this.spellings = new Map();
    for (var b in data.spellings) {
      if (Object.prototype.hasOwnProperty.call(data.spellings, b)) this.spellings.set(b, data.spellings[b]);
    }
    /* [[parts, terms]], parts as [kind, text, code points]: kind "" a stem, "=" an acronym in
     * any case, "!" an acronym that must be typed as one (the answers also use it as a word). */
    this.names = data.names.map(function (n) {
      var parts = n[0].map(function (p) {
        var kind = p.charAt(0) === "=" || p.charAt(0) === "!" ? p.charAt(0) : "";
        var text = kind ? p.slice(1) : p;
        return [kind, text, Array.from(text, function (c) { return c.codePointAt(0); })];
      });
      return [parts, n[1]];
    });
    this.postings = new Map();
    this.vocabulary = []; /* [stem, code points] for the typo pass: words, not term tokens */
    for (var s in data.postings) {
      if (!Object.prototype.hasOwnProperty.call(data.postings, s)) continue;
      this.postings.set(s, data.postings[s]);
      if (s.charAt(0) !== TERM_MARK) this.vocabulary.push([s, Array.from(s, function (c) { return c.codePointAt(0); })]);
    }
  }

  /* analyzer.rs's stem: the corpus's, else Porter2's in American spelling; math words as they are. */
  Index.prototype.stem = function (word) {
    return this.words.has(word) ? this.words.get(word) : this.stemUnknown(word);
  };

  /* A word the corpus never uses: what Rust would make of it. */
  Index.prototype.stemUnknown = function (word) {
    if (word.indexOf("_") >= 0 || word.indexOf("^") >= 0) return word;
    var stem = porter2(word);
    return this.spellings.has(stem) ? this.spellings.get(stem) : stem;
  };

  /* analyzer.rs's matches, for a query: whether ws (from its start) spell the name. */
  function nameMatches(parts, ws, from) {
    if (parts.length > ws.length - from) return false;
    var exact = 0;
    for (var k = 0; k < parts.length; k++) {
      var part = parts[k];
      var w = ws[from + k];
      if (part[0]) {
        if (w.text !== part[1] && w.text !== part[1] + "s") return false;
        if (part[0] === "!" && !w.acronym) return false;
        exact++;
      } else if (w.stem === part[1]) {
        exact++;
      } else {
        var cp = Array.from(w.stem, function (c) { return c.codePointAt(0); });
        if (!(parts.length > 1 && cp.length >= 5 && withinOneEdit(cp, part[2]))) return false;
      }
    }
    return exact > 0;
  }

  /* The query's terms, in order (search/mod.rs's query_terms): words, stop words dropped, a
   * glossary name's words replaced by its term tokens. */
  Index.prototype.terms = function (query) {
    var self = this;
    var ws = words(query).filter(function (w) { return !self.stopWords.has(w.text); });
    ws.forEach(function (w) { w.stem = self.stem(w.text); });
    var tokens = [];
    var i = 0;
    while (i < ws.length) {
      var name = null;
      for (var n = 0; n < this.names.length; n++) {
        if (nameMatches(this.names[n][0], ws, i)) {
          name = this.names[n];
          break;
        }
      }
      if (name) {
        for (var t = 0; t < name[1].length; t++) tokens.push({ start: ws[i].start, term: name[1][t] });
        i += name[0].length;
      } else {
        tokens.push({ start: ws[i].start, term: ws[i].stem });
        i += 1;
      }
    }
    /* stable: a name's terms stay in order */
    tokens.sort(function (a, b) { return a.start - b.start; });
    return tokens.map(function (t) { return t.term; });
  };

  /* The stems a query stem matches, with their factors, sorted by stem. */
  Index.prototype.expand = function (term) {
    var out = [];
    if (this.postings.has(term)) out.push([term, 1.0]);
    var chars = Array.from(term, function (c) { return c.codePointAt(0); });
    var len = chars.length;
    if (len >= 5 && term.charAt(0) !== TERM_MARK) {
      for (var i = 0; i < this.vocabulary.length; i++) {
        var stem = this.vocabulary[i][0];
        var cp = this.vocabulary[i][1];
        var l = cp.length;
        if (stem !== term && l + 1 >= len && l <= len + 1 && withinOneEdit(chars, cp)) {
          out.push([stem, this.fuzzy]);
        }
      }
    }
    out.sort(function (x, y) { return compareCodePoints(x[0], y[0]); });
    return out;
  };

  /* [{doc, score}] best first, at most `limit`. */
  Index.prototype.search = function (query, limit) {
    var terms = this.terms(query);
    var n = this.docs.length;
    var k1 = this.k1;
    var scores = new Map();
    for (var t = 0; t < terms.length; t++) {
      var expansions = this.expand(terms[t]);
      for (var e = 0; e < expansions.length; e++) {
        var list = this.postings.get(expansions[e][0]);
        if (!list) continue;
        var factor = expansions[e][1];
        var idf = Math.log((n - list.length + 0.5) / (list.length + 0.5) + 1.0);
        for (var p = 0; p < list.length; p++) {
          var posting = list[p];
          var doc = posting[0];
          var docLen = this.docs[doc].len;
          var fields = 0.0;
          for (var f = 0; f < 3; f++) {
            var tf = posting[f + 1];
            var norm = k1 * (1.0 - this.b[f] + (this.b[f] * docLen[f]) / this.avgLen[f]);
            fields += (this.weights[f] * tf * (k1 + 1.0)) / (tf + norm);
          }
          scores.set(doc, (scores.has(doc) ? scores.get(doc) : 0.0) + factor * idf * fields);
        }
      }
    }
    var docs = this.docs;
    var ranked = [];
    scores.forEach(function (score, doc) { ranked.push({ doc: doc, score: score }); });
    ranked.sort(function (x, y) {
      if (x.score !== y.score) return x.score > y.score ? -1 : 1;
      return compareCodePoints(docs[x.doc].id, docs[y.doc].id);
    });
    return ranked.slice(0, limit);
  };

  /* ---- the page ---- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  /* A short answer as text, with its $...$ spans as inline math for math.js to render (the
   * TeX goes in as text too; KaTeX builds the markup). Dollars that do not delimit math (a
   * lone "$5", "$ 5 and $") stay text, by the usual rule: no space just inside a delimiter. */
  function appendSummary(parent, text) {
    var re = /\$(?!\s)((?:\\.|[^$\\])+?)(?<!\s)\$/g;
    var last = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      parent.appendChild(el("span", "math math-inline", m[1]));
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function render(index, query, results, status) {
    while (results.firstChild) results.removeChild(results.firstChild);
    var trimmed = query.trim();
    if (!trimmed) {
      status.textContent = "";
      return;
    }
    var hits = index.search(trimmed, LIMIT);
    if (!hits.length) {
      results.appendChild(el("li", "no-results", "No answer matches \u201c" + trimmed + "\u201d."));
      status.textContent = "No results.";
      return;
    }
    for (var i = 0; i < hits.length; i++) {
      var d = index.docs[hits[i].doc];
      var li = el("li", d.url ? "result" : "result unanswered");
      if (d.url) {
        var a = el("a", null, d.question);
        a.href = d.url;
        li.appendChild(a);
      } else {
        li.appendChild(el("span", "question", d.question));
      }
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "category", d.category_title || d.category));
      if (d.url && d.summary) {
        var p = el("p", "summary");
        appendSummary(p, d.summary);
        li.appendChild(p);
      } else if (!d.url) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", "missing-note", "no answer yet"));
      }
      results.appendChild(li);
    }
    status.textContent =
      hits.length === 1 ? "1 answer matches." : hits.length + " answers match" + (hits.length === LIMIT ? " (best " + LIMIT + " shown)." : ".");
    if (typeof window.mlqaRenderMath === "function") window.mlqaRenderMath(results);
  }

  function queryFromUrl() {
    try {
      return new URLSearchParams(window.location.search).get("q") || "";
    } catch (e) {
      return "";
    }
  }

  function rememberQuery(query) {
    try {
      var url = new URL(window.location.href);
      if (query.trim()) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      if (url.href !== window.location.href) window.history.replaceState(null, "", url.href);
    } catch (e) {
      /* some browsers refuse history changes on file:// pages; the search still works */
    }
  }

  function start() {
    var results = document.getElementById("results");
    var status = document.getElementById("search-status");
    var input = document.getElementById("q");
    if (!results || !input) return;
    if (!status) status = el("p");
    var data = window.MLQA_SEARCH;
    if (!data || !data.docs || !data.postings) {
      console.error("mlqa: the search index (assets/search-index.js) is missing");
      status.textContent = "The search index could not be loaded.";
      return;
    }
    var index = new Index(data);
    window.mlqaStem = function (word) { return index.stemUnknown(word); };
    window.mlqaSearch = function (query, limit) {
      return index.search(query, limit || LIMIT).map(function (h) {
        return { id: index.docs[h.doc].id, score: h.score };
      });
    };

    var query = queryFromUrl();
    input.value = query;
    render(index, query, results, status);
    /* first results with math: show them once their fonts are in, as answer pages do */
    if (typeof window.mlqaHoldForFonts === "function") window.mlqaHoldForFonts();

    var timer = null;
    var shown = query;
    function update() {
      timer = null;
      if (input.value === shown) return;
      shown = input.value;
      render(index, shown, results, status);
      rememberQuery(shown);
    }
    input.addEventListener("input", function () {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(update, DEBOUNCE_MS);
    });
    /* Enter searches at once instead of reloading the page. */
    var form = input.form;
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (timer !== null) clearTimeout(timer);
        update();
      });
    }
  }

  start();
})();
