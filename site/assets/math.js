/* mlqa static site: render math with KaTeX and highlight code with highlight.js.
 *
 * Loaded as a classic, blocking script at the end of <body>, right after
 * assets/katex/katex.min.js and assets/hljs/highlight.min.js: it renders every formula and
 * highlights every code block synchronously, as soon as the page's elements exist.
 * Plain classic script, no modules, no fetch(): the site must work from file://.
 *
 * No flash of TeX, no layout shift. Browsers paint before the end of <body> has been parsed
 * (Chromium does as soon as the parser waits for katex.min.js), so "blocking script at the
 * end of body" alone would show the TeX source, then move every line below each formula when
 * it renders, then move them again when KaTeX's web fonts arrive: glyphs are laid out with a
 * fallback font's widths until their face has loaded, and faces are only requested once a
 * layout needs them, so even from disk they land after the first paint. Hence:
 *   1. style.css keeps <main> and the footer of a page that has `.math` elements hidden
 *      (visibility: laid out, not painted; header visible) until this script has run and
 *      put the class `mlqa-ready` on <html>. A CSS animation shows them anyway after 3 s,
 *      so a page whose scripts never run (blocked, failed) still shows its text and TeX.
 *   2. This script renders, then forces a layout so the needed KaTeX faces are requested,
 *      and if any is still loading keeps <main> hidden (class `mlqa-fonts-loading`) until
 *      document.fonts.ready, or 3 s at most.
 * The page appears once, complete: a few milliseconds later than its header, and never moves.
 * No <link rel=preload> for the fonts: from file:// Chromium refuses a preload with
 * `crossorigin` (a console error), and without it, over http(s) the preload is not reused by
 * @font-face (fetched twice, plus a console warning). Nothing to add to the HTML contract.
 */
(function () {
  "use strict";

  /* \gdef / \global\def in one formula stay defined for the rest of the page, as in LaTeX. */
  var macros = {};

  function renderOne(el, katex) {
    var tex = el.textContent;
    var display = el.classList.contains("math-display");
    try {
      katex.render(tex, el, {
        displayMode: display,
        throwOnError: true,
        macros: macros,
      });
      el.classList.add("math-rendered");
    } catch (err) {
      console.error("mlqa: KaTeX could not render", tex, err && err.message ? err.message : String(err));
      el.textContent = tex; /* a failed render may have left partial output */
      el.classList.add("math-error");
      el.title = "Could not render this formula: " + (err && err.message ? err.message : String(err));
    }
  }

  /* Render every not-yet-rendered `.math` element inside `root` (the document by default).
   * Exposed for search.js, which shows short answers that may contain inline math. */
  function renderMath(root) {
    var scope = root || document;
    var nodes = scope.querySelectorAll(".math:not(.math-rendered):not(.math-error)");
    if (!nodes.length) return;
    var katex = window.katex;
    if (!katex || typeof katex.render !== "function") {
      console.error("mlqa: KaTeX is not loaded; formulas are shown as TeX");
      for (var j = 0; j < nodes.length; j++) nodes[j].classList.add("math-error");
      return;
    }
    for (var i = 0; i < nodes.length; i++) renderOne(nodes[i], katex);
  }

  /* Syntax highlighting for fenced code with a language (`<pre><code class="language-x">`).
   * Languages the bundle does not know are left as plain code, with no console noise. */
  function highlightCode(root) {
    var hljs = window.hljs;
    if (!hljs || typeof hljs.highlightElement !== "function") return;
    var scope = root || document;
    var blocks = scope.querySelectorAll('pre code[class^="language-"], pre code[class*=" language-"]');
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (block.classList.contains("hljs")) continue;
      var m = /(?:^|\s)language-(\S+)/.exec(block.className);
      if (!m || !hljs.getLanguage(m[1])) continue;
      hljs.highlightElement(block);
    }
  }

  /* KaTeX breaks inline math only after relations and binary operators; a longer run (a list
   * of pairs, a wide fraction) would push the page sideways on a phone. Such a formula gets the
   * class math-wide: style.css then gives it the line's width and a horizontal scroll, like
   * display math. Measured once the layout is final (fonts loaded), and again on resize. */
  function fitWideInlineMath() {
    var nodes = document.querySelectorAll(".math-inline.math-rendered");
    var wide = [];
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      if (el.closest("pre, table")) continue;
      var block = el.parentElement && el.parentElement.closest("p, li, dd, dt, td, th, blockquote, figure, div, section, article, aside, main, body");
      if (!block) continue;
      var katexEl = el.querySelector(".katex") || el;
      var needed = katexEl.scrollWidth || katexEl.getBoundingClientRect().width;
      wide.push([el, needed > block.clientWidth + 0.5]);
    }
    /* read everything first, then write: one layout, not one per formula */
    for (var j = 0; j < wide.length; j++) wide[j][0].classList.toggle("math-wide", wide[j][1]);
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    if (resizeTimer !== null) clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      resizeTimer = null;
      var nodes = document.querySelectorAll(".math-wide");
      for (var i = 0; i < nodes.length; i++) nodes[i].classList.remove("math-wide");
      fitWideInlineMath();
    }, 150);
  });

  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  /* Keep <main> hidden until the KaTeX fonts the rendered formulas use have loaded (see the
   * top of this file). Reading offsetHeight lays the page out now, which is what makes the
   * browser request those faces; if any is still loading, the html element gets the class
   * mlqa-fonts-loading (style.css hides <main> and the footer: visibility, not display, so
   * the layout is final and nothing moves when they appear) until document.fonts.ready, or
   * 3 s at most (KaTeX's own font-display: block limit). Also called by search.js after it
   * shows results that contain math. */
  function holdForFonts() {
    var fonts = document.fonts;
    var root = document.documentElement;
    if (!document.querySelector(".katex")) return;
    void document.body.offsetHeight;
    if (!fonts || !fonts.ready || fonts.status !== "loading") {
      fitWideInlineMath();
      return;
    }
    if (root.classList.contains("mlqa-fonts-loading")) return;
    root.classList.add("mlqa-fonts-loading");
    mark("mlqa-fonts-hidden");
    var done = false;
    function reveal() {
      if (done) return;
      done = true;
      fitWideInlineMath(); /* still hidden: this layout change is never seen */
      root.classList.remove("mlqa-fonts-loading");
      mark("mlqa-fonts-shown");
    }
    fonts.ready.then(reveal, reveal);
    setTimeout(reveal, 3000);
  }

  window.mlqaRenderMath = renderMath;
  window.mlqaHoldForFonts = holdForFonts;
  try {
    renderMath(document);
    highlightCode(document);
  } finally {
    /* Lifts style.css's "hidden until math.js has run" (a page whose scripts never run shows
     * itself, TeX source and all, after 3 s). */
    document.documentElement.classList.add("mlqa-ready");
    mark("mlqa-math-done");
    holdForFonts();
  }
})();
