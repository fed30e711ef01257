/* mlqa static site: draw the page's Mermaid diagrams.
 *
 * Loaded, like math.js, as a classic blocking script at the end of <body>, right after
 * assets/mermaid/mermaid.min.js (Mermaid's single-file IIFE bundle: no module, no fetch(), no
 * chunk to load, so it works from file://), and only on pages that have a diagram. The export
 * writes each ```mermaid block as <pre class="mermaid"> holding its source; this script
 * replaces the source with the SVG Mermaid draws. Mermaid turns the block's `accTitle:` and
 * `accDescr:` into the SVG's <title> and <desc> (aria-labelledby, aria-describedby).
 *
 * No flash of source, no layout shift: style.css keeps <main> and the footer of a page with a
 * diagram laid out but unpainted until this script puts the class mlqa-diagrams-ready on
 * <html> (after every diagram is drawn or has failed), and shows them anyway after 3 s.
 * A diagram that cannot be drawn keeps its source, marked .mermaid-error, and the reason goes
 * to the console as an error.
 *
 * Colours follow the reader's light or dark setting (Mermaid's "default" or "dark" theme), and
 * the diagrams are drawn again when that setting changes.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var blocks = Array.prototype.slice.call(document.querySelectorAll("pre.mermaid"));
  var sources = blocks.map(function (el) {
    return el.textContent;
  });
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var generation = 0;

  function ready() {
    root.classList.add("mlqa-diagrams-ready");
    if (window.performance && performance.mark) performance.mark("mlqa-diagrams-done");
  }

  function message(err) {
    return err && err.message ? err.message : String(err);
  }

  /* Draws every diagram, one after the other (Mermaid keeps global state while it renders). */
  function drawAll() {
    var mermaid = window.mermaid;
    if (!mermaid || typeof mermaid.render !== "function") {
      console.error("mlqa: Mermaid is not loaded; diagrams are shown as their source");
      blocks.forEach(function (el) {
        el.classList.add("mermaid-error");
      });
      return Promise.resolve();
    }
    var current = ++generation;
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      suppressErrorRendering: true /* a failed diagram keeps its source; no error picture */,
      theme: dark && dark.matches ? "dark" : "default",
      fontFamily: window.getComputedStyle(document.body).fontFamily,
    });
    var chain = Promise.resolve();
    blocks.forEach(function (el, i) {
      chain = chain.then(function () {
        if (current !== generation) return; /* a newer pass took over */
        return mermaid.render("mlqa-diagram-" + i + "-" + current, sources[i]).then(
          function (result) {
            if (current !== generation) return;
            el.innerHTML = result.svg;
            if (result.bindFunctions) result.bindFunctions(el);
            el.classList.remove("mermaid-error");
            el.classList.add("mermaid-rendered");
            el.removeAttribute("title");
          },
          function (err) {
            console.error("mlqa: Mermaid could not draw diagram " + (i + 1) + ": " + message(err));
            el.textContent = sources[i];
            el.classList.remove("mermaid-rendered");
            el.classList.add("mermaid-error");
            el.title = "Could not draw this diagram: " + message(err);
          },
        );
      });
    });
    return chain;
  }

  if (!blocks.length) {
    ready();
    return;
  }
  drawAll().then(ready, function (err) {
    console.error("mlqa: Mermaid failed: " + message(err));
    ready();
  });
  if (dark) {
    var redraw = function () {
      drawAll();
    };
    if (dark.addEventListener) dark.addEventListener("change", redraw);
    else if (dark.addListener) dark.addListener(redraw);
  }
})();
