/* mlqa static site: client-side search for search.html.
 *
 * The index is assets/search-index.js, a classic script that sets window.MLQA_SEARCH (a
 * script, not JSON fetched at run time: Chromium blocks fetch() of file:// URLs). It holds
 * the same per-field BM25 index that `mlqa search` builds (crates/mlqa-core/src/search.rs),
 * already stemmed, and this file scores a query exactly as the Rust code does, in the same
 * order of floating-point operations, so both rank the same answers the same way:
 *
 *   - words: maximal runs of alphanumeric characters (Rust's char::is_alphanumeric is
 *     \p{Alphabetic} or \p{N}), lowercased, stop words skipped;
 *   - each word's stem comes from the index's `words` table (every word of the corpus is in
 *     it, stemmed by Rust); a word the corpus never uses goes through wink-porter2-stemmer, the
 *     same Snowball English stemmer (test/e2e.mjs checks it against the whole table);
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
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

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
    this.postings = new Map();
    this.vocabulary = []; /* [stem, code points] for the typo pass */
    for (var s in data.postings) {
      if (!Object.prototype.hasOwnProperty.call(data.postings, s)) continue;
      this.postings.set(s, data.postings[s]);
      this.vocabulary.push([s, Array.from(s, function (c) { return c.codePointAt(0); })]);
    }
  }

  /* The query's stems, in order, stop words dropped. */
  Index.prototype.terms = function (query) {
    var out = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(query)) !== null) {
      var word = m[0].toLowerCase();
      if (this.stopWords.has(word)) continue;
      out.push(this.words.has(word) ? this.words.get(word) : porter2(word));
    }
    return out;
  };

  /* The stems a query stem matches, with their factors, sorted by stem. */
  Index.prototype.expand = function (term) {
    var out = [];
    if (this.postings.has(term)) out.push([term, 1.0]);
    var chars = Array.from(term, function (c) { return c.codePointAt(0); });
    var len = chars.length;
    if (len >= 5) {
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
    window.mlqaStem = porter2;
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
