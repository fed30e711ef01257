#!/usr/bin/env node
// End-to-end test of a site written by `mlqa export html`, in a real (headless) Chromium.
//
//   node test/e2e.mjs SITE_DIR [SCREENSHOT.png]
//
// Opens the pages from file:// with every non-file request aborted (the site must work
// offline), and checks: (a) the index lists every answer, (b) answer pages render their math
// and code with no console error and no layout shift, and fit a phone's width, (c) search
// finds the right answers and updates as you type, (d) every relative link and asset
// reference of every page resolves, fragment included (and every url() of the stylesheets),
// (e) screenshots at phone and desktop sizes (light and dark), (f) with MLQA_BIN, the page's
// search ranks exactly like `mlqa search`, (g) every figure of every answer page renders, in
// light and dark: each <img> has loaded and has alt text, each Mermaid block became an <svg>
// with an accessible title, no console error, no layout shift; and that no request left
// file://, (h) with MLQA_BIN, the self-check box of an answer page (which hides the answer while
// open) grades texts exactly as `mlqa practice --format json` does. One summary line per
// check, then "N passed, N failed"; exits non-zero on any failure.
//
// Environment: CHROMIUM (default /usr/bin/chromium); MLQA_E2E_ANSWERS, how many answers the
// index must list (default 84, the knowledge base's count); MLQA_BIN, an `mlqa` binary: when
// set, (f) checks that the page's search ranks and scores exactly as `mlqa search` (with
// `--kb $MLQA_KB` if that is set too; otherwise mlqa finds its KB as usual);
// MLQA_E2E_ALL_PAGES=1: (b) on every answer page, not every 7th; MLQA_E2E_SKIP, letters of
// checks not to run (`c` for a KB other than the shipped one: it searches for its answers).

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
  console.error("usage: node test/e2e.mjs SITE_DIR [SCREENSHOT.png]");
  process.exit(2);
}
const SITE = path.resolve(args[0]);
const SCREENSHOT = path.resolve(args[1] ?? path.join(SITE, "..", "site-screenshot.png"));
const EXPECTED_ANSWERS = Number(process.env.MLQA_E2E_ANSWERS ?? 84);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
// The two answers about the KV cache, which a search for "kv cache" must both rank high.
const KV_CACHE_PAGES = ["transformers/kv-cache.html", "llm-inference/kv-cache-inference.html"];

if (!fs.existsSync(path.join(SITE, "index.html"))) {
  console.error(`e2e: ${SITE}/index.html does not exist`);
  process.exit(2);
}

const fileUrl = (rel) => pathToFileURL(path.join(SITE, rel)).href;
const relOf = (url) => path.relative(SITE, fileURLToPath(url.split(/[?#]/)[0])).split(path.sep).join("/");

// ---- the browser, offline ----

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const networkRequests = []; // every request that would have left the machine
const failedFiles = []; // file: requests that failed (a missing asset)
const LOCAL = /^(file|data|blob|about):/i; // data:/blob:/about: never touch the network

async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: PHONE, ...options });
  await context.route(
    (url) => !LOCAL.test(url.href),
    (route) => {
      networkRequests.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  context.on("requestfailed", (req) => {
    if (/^file:/i.test(req.url())) failedFiles.push(`${req.url()} (${req.failure()?.errorText})`);
  });
  return context;
}

// A page that records console errors and uncaught exceptions.
async function newPage(context) {
  const page = await context.newPage();
  page.errors = [];
  page.warnings = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") page.errors.push(`console.error: ${msg.text()}`);
    else if (msg.type() === "warning") page.warnings.push(msg.text());
  });
  page.on("pageerror", (err) => page.errors.push(`uncaught: ${err.message}`));
  return page;
}

// ---- checks ----

// Fails a check with a plain message (no assertion diff).
function expectNone(list, what) {
  if (list.length) throw new Error(`${list.length} ${what}:\n${list.join("\n")}`);
}

const results = [];
const SKIP = new Set((process.env.MLQA_E2E_SKIP ?? "").split(/[\s,]+/).filter(Boolean));
async function check(name, fn) {
  const started = Date.now();
  if (SKIP.has(name.split(".")[0])) {
    console.log(`skip ${name}: MLQA_E2E_SKIP`);
    return;
  }
  try {
    const summary = await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name}: ${summary} (${Date.now() - started} ms)`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${err.message.split("\n").join("\n       ")}`);
  }
}

const context = await newContext();
let answerLinks = [];

await check("a. index", async () => {
  const page = await newPage(context);
  await page.goto(fileUrl("index.html"), { waitUntil: "load" });
  const info = await page.evaluate(() => ({
    answered: Array.from(document.querySelectorAll("li.question.answered a"), (a) => a.href),
    missing: document.querySelectorAll("li.question.missing").length,
    coverage: document.querySelector(".coverage")?.textContent.trim() ?? "(no .coverage)",
    categories: document.querySelectorAll("section.category").length,
  }));
  answerLinks = info.answered;
  await page.close();
  assert.equal(info.answered.length, EXPECTED_ANSWERS, `index lists ${info.answered.length} answers, expected ${EXPECTED_ANSWERS}`);
  expectNone(page.errors, "console errors on index.html");
  return `${info.answered.length} answers in ${info.categories} categories, ${info.missing} missing; "${info.coverage}"`;
});

// Loads `rel` and reports what check b needs: math and code state, layout shift, overflow.
async function inspectAnswer(page, url) {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(300);
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let shift = 0;
        const shifts = [];
        const record = (entries) => {
          for (const e of entries) {
            if (e.hadRecentInput) continue;
            shift += e.value;
            shifts.push(
              `${e.value.toFixed(4)} at ${Math.round(e.startTime)} ms: ` +
                (e.sources || [])
                  .map((s) => (s.node && s.node.nodeType === 1 ? s.node.tagName.toLowerCase() + (s.node.className ? "." + String(s.node.className).split(" ")[0] : "") : "#text"))
                  .join(", "),
            );
          }
        };
        const po = new PerformanceObserver((list) => record(list.getEntries()));
        po.observe({ type: "layout-shift", buffered: true });
        setTimeout(() => {
          record(po.takeRecords());
          po.disconnect();
          const math = document.querySelectorAll(".math").length;
          resolve({
            title: document.title,
            math,
            katex: document.querySelectorAll(".katex").length,
            unrendered: document.querySelectorAll(".math:not(.math-rendered)").length,
            mathErrors: Array.from(document.querySelectorAll(".math-error"), (e) => e.textContent.slice(0, 80)),
            python: document.querySelectorAll("pre code.language-python").length,
            highlighted: document.querySelectorAll("pre code.hljs").length,
            shift,
            shifts,
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            wideElements:
              document.documentElement.scrollWidth > window.innerWidth
                ? Array.from(document.querySelectorAll("main *"))
                    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest("pre, table, .math-display"))
                    .slice(0, 3)
                    .map((e) => e.tagName.toLowerCase() + "." + e.className)
                : [],
            fontsLoaded: Array.from(document.fonts)
              .filter((f) => f.status === "loaded" && f.family.includes("KaTeX"))
              .map((f) => `${f.family.replace(/"/g, "")}-${f.weight}-${f.style}`),
          });
        }, 100);
      }),
  );
}

await check("b. answer pages (math, code, layout shift)", async () => {
  assert.ok(answerLinks.length > 0, "no answer links to sample (check a failed)");
  let sample = answerLinks.filter((_, i) => i % 7 === 0);
  if (sample.length < Math.min(12, answerLinks.length) || process.env.MLQA_E2E_ALL_PAGES) sample = answerLinks.slice(0, process.env.MLQA_E2E_ALL_PAGES ? undefined : 12);
  const problems = [];
  let formulas = 0;
  let highlighted = 0;
  let worst = 0;
  const fonts = new Set();
  for (const [label, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    const ctx = await newContext({ viewport });
    for (const url of sample) {
      const page = await newPage(ctx);
      const r = await inspectAnswer(page, url);
      const rel = relOf(url);
      const where = `${rel} (${label})`;
      if (page.errors.length) problems.push(`${where}: ${page.errors.join("; ")}`);
      if (r.math > 0 && r.katex === 0) problems.push(`${where}: ${r.math} .math elements but no .katex`);
      if (r.unrendered > 0) problems.push(`${where}: ${r.unrendered} .math elements not rendered`);
      if (r.mathErrors.length) problems.push(`${where}: .math-error: ${r.mathErrors.join(" | ")}`);
      if (r.python > 0 && r.highlighted === 0) problems.push(`${where}: python code not highlighted (no pre code.hljs)`);
      if (r.shift >= 0.01) problems.push(`${where}: layout shift ${r.shift.toFixed(4)}: ${r.shifts.join("; ")}`);
      if (r.overflow > 0) problems.push(`${where}: page is ${r.overflow}px wider than the window (${r.wideElements.join(", ")})`);
      if (label === "phone") {
        formulas += r.math;
        highlighted += r.highlighted;
      }
      worst = Math.max(worst, r.shift);
      r.fontsLoaded.forEach((f) => fonts.add(f));
      await page.close();
    }
    await ctx.close();
  }
  expectNone(problems, "problems");
  return (
    `${sample.length} pages x (phone, desktop): ${formulas} formulas, ${highlighted} highlighted code blocks, ` +
    `no console errors, max layout shift ${worst.toFixed(4)}, no horizontal overflow; KaTeX fonts used: ${[...fonts].sort().join(" ")}`
  );
});

await check("c. search", async () => {
  const page = await newPage(context);
  await page.goto(fileUrl("search.html") + "?q=kv%20cache", { waitUntil: "load" });
  await page.waitForSelector("#results li", { timeout: 5000 });
  const state = await page.evaluate(() => ({
    input: document.getElementById("q")?.value,
    hrefs: Array.from(document.querySelectorAll("#results li.result > a"), (a) => a.getAttribute("href")),
    status: document.getElementById("search-status")?.textContent,
  }));
  assert.equal(state.input, "kv cache", `the search box holds ${JSON.stringify(state.input)}, not the ?q= query`);
  const top5 = state.hrefs.slice(0, 5);
  for (const want of KV_CACHE_PAGES) {
    assert.ok(top5.includes(want), `"kv cache": ${want} is not among the first 5 results: ${top5.join(", ")}`);
  }
  for (const href of state.hrefs) {
    assert.ok(fs.existsSync(path.join(SITE, href)), `result link ${href} has no file`);
  }

  // Typing updates the results (debounced) and the address.
  await page.fill("#q", "");
  await page.locator("#q").pressSequentially("dropout", { delay: 30 });
  await page.waitForFunction(
    () => {
      const a = document.querySelector("#results li.result > a");
      return a && a.getAttribute("href").includes("dropout");
    },
    null,
    { timeout: 5000 },
  );
  const typed = await page.evaluate(() => ({
    first: document.querySelector("#results li.result > a").getAttribute("href"),
    count: document.querySelectorAll("#results li.result").length,
    search: window.location.search,
  }));
  assert.equal(typed.search, "?q=dropout", `after typing, the address has ${JSON.stringify(typed.search)}, not ?q=dropout`);

  // Nothing matches: one .no-results item.
  await page.fill("#q", "qqqqzzzz");
  await page.waitForSelector("#results li.no-results", { timeout: 5000 });
  const none = await page.locator("#results li.no-results").textContent();

  // Text is escaped: markup typed into the box is shown, not parsed.
  await page.fill("#q", "<img src=x onerror=alert(1)>");
  await page.waitForSelector("#results li", { timeout: 5000 });
  const injected = await page.evaluate(() => document.querySelectorAll("#results img").length);
  assert.equal(injected, 0, "query text was inserted as markup");

  // Every answer the index points to exists.
  const urls = await page.evaluate(() => window.MLQA_SEARCH.docs.map((d) => d.url).filter(Boolean));
  const missing = urls.filter((u) => !fs.existsSync(path.join(SITE, u)));
  expectNone(missing, "search index URLs with no file");
  // The page's stemmer (for query words the KB never uses: Porter2, then the glossary's American
  // spellings) agrees with Rust's on every word of the KB, which rust-stemmers stemmed into the
  // index's `words` table.
  const stems = await page.evaluate(() => {
    const words = Object.entries(window.MLQA_SEARCH.words);
    const wrong = words.filter(([w, s]) => window.mlqaStem(w) !== s).map(([w, s]) => `${w}: ${window.mlqaStem(w)} != ${s}`);
    return { count: words.length, wrong };
  });
  expectNone(stems.wrong, "words the page stems unlike mlqa");
  expectNone(page.errors, "console errors on search.html");
  await page.close();
  return (
    `"kv cache" -> ${state.hrefs.length} results, top 5: ${top5.join(" ")} (${state.status}); ` +
    `typing "dropout" -> ${typed.count} results, first ${typed.first}, address ${typed.search}; "qqqqzzzz" -> "${none}"; ` +
    `${urls.length} index URLs exist; the page's stemmer agrees with mlqa's on all ${stems.count} words of the KB`
  );
});

// ---- d: links, by reading the files ----

const htmlCache = new Map(); // absolute path -> { ids: Set, refs: [{ attr, value }] }
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const k = e.toLowerCase();
    if (k === "amp") return "&";
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos") return "'";
    return String.fromCodePoint(k.startsWith("#x") ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}
function parseHtml(file) {
  if (htmlCache.has(file)) return htmlCache.get(file);
  const text = fs.readFileSync(file, "utf8");
  const ids = new Set();
  const refs = [];
  const attr = (name) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, "gi");
  for (const m of text.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
    const tag = m[1].toLowerCase();
    const attrs = " " + m[2];
    for (const a of attrs.matchAll(attr("id"))) ids.add(decodeEntities(a[1] ?? a[2] ?? a[3]));
    if (tag === "a") for (const a of attrs.matchAll(attr("name"))) ids.add(decodeEntities(a[1] ?? a[2] ?? a[3]));
    const linkAttr = { a: "href", link: "href", script: "src", img: "src", form: "action", iframe: "src", source: "src" }[tag];
    if (linkAttr) {
      for (const a of attrs.matchAll(attr(linkAttr))) refs.push({ tag, value: decodeEntities(a[1] ?? a[2] ?? a[3]) });
    }
  }
  const parsed = { ids, refs };
  htmlCache.set(file, parsed);
  return parsed;
}

await check("d. links", async () => {
  const start = path.join(SITE, "index.html");
  const queue = [start];
  const seen = new Set(queue);
  const broken = [];
  let internal = 0;
  let external = 0;
  let fragments = 0;
  let cssRefs = 0;
  const cssChecked = new Set();
  while (queue.length) {
    const file = queue.shift();
    const from = path.relative(SITE, file);
    for (const { tag, value } of parseHtml(file).refs) {
      const href = value.trim();
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
        // A scheme: external (https:, mailto:). file: or a protocol-relative URL would break offline or elsewhere.
        if (/^(https?|mailto):/i.test(href)) external++;
        else broken.push(`${from}: <${tag}> ${href}: not a relative or web link`);
        continue;
      }
      if (href.startsWith("//") || href.startsWith("/")) {
        broken.push(`${from}: <${tag}> ${href}: absolute path (does not work from file:// or a subfolder)`);
        continue;
      }
      internal++;
      const [beforeHash, fragment] = href.split(/#(.*)/s, 2);
      const target = beforeHash.split("?")[0];
      let targetFile = file;
      if (target !== "") {
        let decoded;
        try {
          decoded = decodeURIComponent(target);
        } catch {
          broken.push(`${from}: ${href}: bad percent-encoding`);
          continue;
        }
        targetFile = path.resolve(path.dirname(file), decoded);
        if (targetFile.endsWith(path.sep)) targetFile = path.join(targetFile, "index.html");
        if (!targetFile.startsWith(SITE + path.sep)) {
          broken.push(`${from}: ${href}: points outside the site`);
          continue;
        }
        if (!fs.existsSync(targetFile) || fs.statSync(targetFile).isDirectory()) {
          broken.push(`${from}: <${tag}> ${href}: no such file`);
          continue;
        }
      }
      if (/\.css$/i.test(targetFile) && !cssChecked.has(targetFile)) {
        // A stylesheet's own references (KaTeX's fonts): url(...) relative to the stylesheet.
        cssChecked.add(targetFile);
        const css = fs.readFileSync(targetFile, "utf8");
        for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)) {
          const u = (m[1] ?? m[2] ?? m[3]).split(/[?#]/)[0];
          if (!u || /^[a-z][a-z0-9+.-]*:/i.test(u)) {
            if (u && !/^data:/i.test(u)) broken.push(`${path.relative(SITE, targetFile)}: url(${u}): not a local file`);
            continue;
          }
          cssRefs++;
          if (!fs.existsSync(path.resolve(path.dirname(targetFile), decodeURIComponent(u)))) {
            broken.push(`${path.relative(SITE, targetFile)}: url(${u}): no such file`);
          }
        }
      }
      const isHtml = /\.html?$/i.test(targetFile);
      if (fragment !== undefined && fragment !== "" && isHtml) {
        fragments++;
        let id = fragment;
        try {
          id = decodeURIComponent(fragment);
        } catch {}
        const { ids } = parseHtml(targetFile);
        if (!ids.has(id) && !ids.has(fragment)) broken.push(`${from}: ${href}: ${path.relative(SITE, targetFile)} has no id "${id}"`);
      }
      if (isHtml && (tag === "a" || tag === "form") && !seen.has(targetFile)) {
        seen.add(targetFile);
        queue.push(targetFile);
      }
    }
  }
  const allPages = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.html$/i.test(e.name)) allPages.push(p);
    }
  };
  walk(SITE);
  const orphans = allPages.filter((p) => !seen.has(p)).map((p) => path.relative(SITE, p));
  expectNone(broken, "broken links");
  return (
    `${seen.size} pages crawled (of ${allPages.length} in the site${orphans.length ? `; not linked: ${orphans.join(" ")}` : ""}), ` +
    `${internal} relative links and references resolve (${fragments} with a #fragment), ${external} external links not followed, ${cssRefs} url()s in ${cssChecked.size} stylesheets exist`
  );
});

// ---- e: screenshots ----

await check("e. screenshots", async () => {
  const target = answerLinks.find((u) => u.endsWith("/" + KV_CACHE_PAGES[0])) ?? answerLinks[0];
  assert.ok(target, "no answer page to photograph");
  const desktopPath = SCREENSHOT.replace(/(\.png)?$/i, "-desktop.png");
  const darkPath = SCREENSHOT.replace(/(\.png)?$/i, "-dark.png");
  const shots = [
    [SCREENSHOT, { viewport: PHONE, isMobile: true, hasTouch: true, colorScheme: "light" }],
    [desktopPath, { viewport: DESKTOP, colorScheme: "light" }],
    [darkPath, { viewport: PHONE, isMobile: true, hasTouch: true, colorScheme: "dark" }],
  ];
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  const errors = [];
  for (const [file, options] of shots) {
    const ctx = await newContext(options);
    const page = await newPage(ctx);
    await page.goto(target, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: file, fullPage: true });
    errors.push(...page.errors);
    await ctx.close();
  }
  expectNone(errors, "console errors");
  return `${relOf(target)} -> ${shots.map(([f]) => f).join(", ")}`;
});

// Queries for (f): plain, stop words only, typos, word forms the KB may not use, numbers,
// non-ASCII, hyphens.
const PARITY_QUERIES = [
  "kv cache", "dropout", "what is the bias variance tradeoff", "regularizing", "regularizaton",
  "attention complexity", "transfromer", "LoRA rank", "adam optimizer momentum",
  "batch normalization vs layer normalization", "precision recall f1", "quantization int8 int4",
  "mixture of experts", "cross entropy loss", "k-means clustering", "vanishing gradients",
  "speculative decoding", "imbalanced classes smote", "the of and", "zzzz", "caches",
  "normalisation", "Ünïcödé naïve café", "2 3 4 5", "x", "gradient clipping exploding",
  // the glossary and math: names in any form, acronyms as names, typos in names, formulas
  "√dₖ", "\\sqrt{d_k}", "d_{k} d_k dₖ", "QK^\\top Wᵀx n² n^2", "θ ← θ − η∇L", "p(y|x) p(x,y)",
  "\\frac{TP}{TP+FP}", "zeroing ZeRO zero", "KV caches", "gradient cliping", "mAP MAP map",
  "optimiser behaviour", "ΣΑΣ σς ϴ µ ϵε φϕ ℓ", "\\varepsilon \\varphi", "p(y|\uFEFFx) p(y|\u0085x)", "x_{t-1} _emph_ snake_case", "| a | b |", "LoRA lora LORAs",
  ...benchQueries(),
];

/** Every query of the search benchmark (bench/search/*.yaml). */
function benchQueries() {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "bench", "search");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => Array.from(fs.readFileSync(path.join(dir, f), "utf8").matchAll(/^\s*- query: (".*")\s*$/gm), (m) => JSON.parse(m[1])));
}

await check("f. search = mlqa search", async () => {
  const bin = process.env.MLQA_BIN;
  if (!bin) return "skipped (set MLQA_BIN to an mlqa binary to compare)";
  const page = await newPage(context);
  await page.goto(fileUrl("search.html"), { waitUntil: "load" });
  const differ = [];
  let compared = 0;
  for (const q of PARITY_QUERIES) {
    const kb = process.env.MLQA_KB ? ["--kb", process.env.MLQA_KB] : [];
    const out = execFileSync(bin, ["search", "--format", "json", "--limit", "50", ...kb, "--", ...q.split(" ")], { encoding: "utf8" });
    const rust = JSON.parse(out).results.map((h) => `${h.id} ${h.score}`);
    // mlqa prints scores rounded to 3 decimals
    const js = (await page.evaluate((q) => window.mlqaSearch(q, 50), q)).map((h) => `${h.id} ${Math.round(h.score * 1000) / 1000}`);
    compared += rust.length;
    const first = rust.findIndex((r, i) => r !== js[i]);
    if (first >= 0 || rust.length !== js.length) {
      const i = first >= 0 ? first : Math.min(rust.length, js.length);
      differ.push(`"${q}": #${i + 1} mlqa: ${rust[i] ?? "(none)"}, page: ${js[i] ?? "(none)"}`);
    }
  }
  await page.close();
  expectNone(differ, "queries rank differently");
  return `${PARITY_QUERIES.length} queries, ${compared} results: same answers, same order, same scores`;
});

// ---- g: figures ----

// Loads an answer page, waits for its diagrams to be drawn, and reports its figures and the
// page's layout shifts.
async function inspectFigures(page, url) {
  await page.goto(url, { waitUntil: "load" });
  // diagrams.js marks <html> once every diagram is drawn or has failed.
  await page
    .waitForFunction(() => !document.querySelector("pre.mermaid") || document.documentElement.classList.contains("mlqa-diagrams-ready"), null, {
      timeout: 20000,
    })
    .catch(() => {});
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const po = new PerformanceObserver(() => {});
        po.observe({ type: "layout-shift", buffered: true });
        setTimeout(() => {
          const shifts = po.takeRecords().filter((e) => !e.hadRecentInput);
          po.disconnect();
          const text = (id) => (id ? id.split(/\s+/).map((i) => document.getElementById(i)?.textContent.trim() ?? "").join(" ").trim() : "");
          resolve({
            ready: document.documentElement.classList.contains("mlqa-diagrams-ready"),
            shift: shifts.reduce((sum, e) => sum + e.value, 0),
            images: Array.from(document.querySelectorAll("main img"), (img) => ({
              src: img.getAttribute("src"),
              complete: img.complete,
              width: img.naturalWidth,
              shown: img.getBoundingClientRect().width,
              alt: (img.getAttribute("alt") ?? "").trim(),
            })),
            diagrams: Array.from(document.querySelectorAll("main pre.mermaid"), (el) => {
              const svg = el.querySelector(":scope > svg");
              const box = svg?.getBoundingClientRect();
              return {
                source: el.textContent.trim().split("\n")[0].slice(0, 60),
                svg: Boolean(svg),
                error: el.classList.contains("mermaid-error") ? el.title : "",
                title: svg ? text(svg.getAttribute("aria-labelledby")) || (svg.getAttribute("aria-label") ?? "").trim() : "",
                description: svg ? text(svg.getAttribute("aria-describedby")) : "",
                size: box ? [Math.round(box.width), Math.round(box.height)] : [0, 0],
                style: svg?.querySelector("style")?.textContent ?? "",
              };
            }),
          });
        }, 100);
      }),
  );
}

await check("g. figures", async () => {
  assert.ok(answerLinks.length > 0, "no answer links (check a failed)");
  // Only pages with a figure are opened: the export writes <img> and <pre class="mermaid">.
  const pages = answerLinks.filter((url) => /<img\b|<pre class="mermaid"/i.test(fs.readFileSync(fileURLToPath(url), "utf8")));
  const problems = [];
  const styles = { light: new Map(), dark: new Map() };
  let images = 0;
  let diagrams = 0;
  let described = 0;
  let worst = 0;
  for (const colorScheme of ["light", "dark"]) {
    const ctx = await newContext({ viewport: DESKTOP, colorScheme });
    // Images look the same in the dark; diagrams take the theme.
    const queue = colorScheme === "light" ? [...pages] : pages.filter((u) => styles.light.has(`${u}#0`));
    // A few tabs at a time: most of a page's time is waiting for its scripts and fonts.
    const worker = async () => {
      for (let url = queue.shift(); url; url = queue.shift()) {
        const page = await newPage(ctx);
        const r = await inspectFigures(page, url);
        const where = `${relOf(url)} (${colorScheme})`;
        if (page.errors.length) problems.push(`${where}: ${page.errors.join("; ")}`);
        if (r.diagrams.length && !r.ready) problems.push(`${where}: the diagrams were not drawn within 20 s`);
        if (r.shift >= 0.01) problems.push(`${where}: layout shift ${r.shift.toFixed(4)}`);
        for (const img of r.images) {
          if (!img.complete || img.width === 0) problems.push(`${where}: <img src="${img.src}"> did not load`);
          else if (img.shown === 0) problems.push(`${where}: <img src="${img.src}"> is not shown (0 px wide)`);
          if (!img.alt) problems.push(`${where}: <img src="${img.src}"> has no alt text`);
        }
        r.diagrams.forEach((d, i) => {
          const which = `${where}: diagram ${i + 1} ("${d.source}")`;
          if (!d.svg) problems.push(`${which} is not an <svg>${d.error ? `: ${d.error}` : ""}`);
          else if (d.size[0] === 0 || d.size[1] === 0) problems.push(`${which} is ${d.size.join("x")} px`);
          else if (!d.title) problems.push(`${which} has no accessible title (accTitle:)`);
          styles[colorScheme].set(`${url}#${i}`, d.style);
          if (colorScheme === "light" && d.description) described++;
        });
        if (colorScheme === "light") {
          images += r.images.length;
          diagrams += r.diagrams.length;
        }
        worst = Math.max(worst, r.shift);
        await page.close();
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    await ctx.close();
  }
  // Mermaid's theme follows the reader's setting: a diagram is styled differently in the dark.
  for (const [key, light] of styles.light) {
    if (light && light === styles.dark.get(key)) problems.push(`${relOf(key.split("#")[0])}: diagram ${Number(key.split("#")[1]) + 1} looks the same in light and dark`);
  }
  expectNone(problems, "figure problems");
  return (
    `${pages.length} of ${answerLinks.length} answer pages have figures: ${images} images loaded with alt text, ` +
    `${diagrams} Mermaid diagrams drawn as SVG with a title (${described} with a description), light and dark, ` +
    `no console errors, max layout shift ${worst.toFixed(4)}`
  );
});

// ---- h: self-check = mlqa practice ----

// Texts to grade on each sampled page: its own answer, its short answer, another page's answer,
// and a few that probe the engines' edges (case folding, line breaks, math, non-ASCII).
const SELF_CHECK_EDGES = [
  "",
  "ſtochastic Kelvin K naïve café İstanbul; σ² = bias² + variance + noise; √dₖ",
  "a\r\nwrapped\nanswer with\ttabs,\u2028and a line separator. TP/(TP+FP), O(n²·d).",
];

await check("h. self-check = mlqa practice", async () => {
  assert.ok(answerLinks.length > 0, "no answer links (check a failed)");
  const bin = process.env.MLQA_BIN;
  if (!bin) return "skipped (set MLQA_BIN to an mlqa binary to compare)";
  const withBox = answerLinks.filter((url) => fs.readFileSync(fileURLToPath(url), "utf8").includes('class="self-check"'));
  assert.ok(withBox.length > 0, "no answer page has a self-check box");
  const sample = withBox.filter((_, i) => process.env.MLQA_E2E_ALL_PAGES === "1" || i % 7 === 0);
  const kb = process.env.MLQA_KB ? ["--kb", process.env.MLQA_KB] : [];
  const tmp = fs.mkdtempSync(path.join(path.dirname(SITE), "self-check-"));
  const differ = [];
  let graded = 0;
  let points = 0;
  let previous = SELF_CHECK_EDGES[1]; // the answer of the page before: another question's answer
  const page = await newPage(context);
  for (const url of sample) {
    const id = path.basename(fileURLToPath(url), ".html");
    await page.goto(url, { waitUntil: "load" });
    // Opening the box hides the answer; checking shows it again.
    await page.click(".self-check summary");
    // `toggle` fires after the click returns.
    await page.waitForFunction(() => document.querySelector("article.answer-hidden"), null, { timeout: 3000 }).catch(() => {});
    const hidden = await page.evaluate(() => getComputedStyle(document.querySelector(".answer-body")).display === "none");
    if (!hidden) differ.push(`${id}: the answer stays visible while the box is open`);
    const own = await page.evaluate(() => document.querySelector(".answer-body").innerText);
    const short = await page.evaluate(() => document.querySelector(".answer-body p")?.innerText ?? "");
    const texts = [own, short, previous, ...SELF_CHECK_EDGES];
    previous = own;
    for (const [t, text] of texts.entries()) {
      // The learner's text goes in as typed; the page's own button grades it.
      const inPage = await page.evaluate((text) => {
        document.querySelector(".self-check textarea").value = text;
        document.querySelector(".self-check-grade").click();
        return Array.from(document.querySelectorAll(".self-check-result li"), (li) => li.classList.contains("met"));
      }, text);
      const file = path.join(tmp, `${id}-${t}.txt`);
      fs.writeFileSync(file, text);
      let cli;
      try {
        const out = execFileSync(bin, ["practice", id, "--answer-file", file, "--format", "json", "--no-save", ...kb], { encoding: "utf8" });
        cli = JSON.parse(out).grading.points.map((p) => p.met);
      } catch (e) {
        // An empty answer is refused by mlqa (exit 2) and graded as nothing met in the page.
        if (text.trim() !== "" || e.status !== 2) throw e;
        cli = inPage.map(() => false);
      }
      graded += 1;
      points += cli.length;
      if (JSON.stringify(cli) !== JSON.stringify(inPage)) {
        differ.push(`${id} text ${t}: mlqa ${JSON.stringify(cli)}, page ${JSON.stringify(inPage)}`);
      }
    }
    const shown = await page.evaluate(() => getComputedStyle(document.querySelector(".answer-body")).display !== "none");
    if (!shown) differ.push(`${id}: the answer stays hidden after checking`);
  }
  await page.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  expectNone(page.errors, "console errors on answer pages");
  expectNone(differ, "self-check gradings that differ from mlqa practice");
  return `${sample.length} pages, ${graded} answers, ${points} key points: the page grades as mlqa practice does`;
});

await check("offline (no network requests)", async () => {
  const counted = (list) => [...new Set(list)].map((u) => `${u} (${list.filter((x) => x === u).length}x)`);
  expectNone([...counted(networkRequests).map((u) => `network request: ${u}`), ...counted(failedFiles).map((u) => `missing local file: ${u}`)], "requests failed the offline rule");
  return "every request was for a local file, and every one loaded";
});

await context.close();
await browser.close();

const failed = results.filter((r) => !r.ok);
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
