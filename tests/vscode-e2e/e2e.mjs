// The browser half of tests/vscode-e2e/run.sh, which starts code-server with the extension
// installed and the broken-link fixture open, then runs this with Node 24:
//
//   MLQA_E2E_URL          the workbench, http://127.0.0.1:PORT/?folder=KB
//   MLQA_E2E_KB           the fixture folder (alpha/first.md links to secnd.md#example)
//   MLQA_E2E_EXPECTED     what alpha/first.md must be once fixed (tests/fixtures/base/alpha/first.md)
//   MLQA_E2E_SHOTS        where screenshots and the page's console go on failure
//   MLQA_E2E_PLAYWRIGHT   playwright-core's folder (setup.sh installs it outside the repo)
//
// Drives Debian's Chromium (never a downloaded browser). Every wait is bounded; a failure says
// which step and what it waited for, and leaves a screenshot.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set (run tests/vscode-e2e/run.sh)`);
  }
  return value;
};
const url = env('MLQA_E2E_URL');
const kb = env('MLQA_E2E_KB');
const shots = env('MLQA_E2E_SHOTS');
const expected = fs.readFileSync(env('MLQA_E2E_EXPECTED'), 'utf8');
const { chromium } = createRequire(import.meta.url)(env('MLQA_E2E_PLAYWRIGHT'));

const FILE = path.join(kb, 'alpha', 'first.md');
const MESSAGE = 'link target `alpha/secnd.md` does not exist';
const FIX = 'Link to second.md';
const FIXED_LINK = '[the second answer](second.md#example)';
// editors/vscode/src/coverage.ts statusText: `$(book) 3/3` (3 of the fixture's 3 questions
// answered), which the workbench renders as a book codicon followed by "3/3".
const COVERAGE = '3/3';
const TOOLTIP = 'mlqa coverage: 3/3 questions answered (100.0%)';

const t0 = Date.now();
const log = (message) => console.log(`vscode-e2e: [${((Date.now() - t0) / 1000).toFixed(1)} s] ${message}`);
const consoleLines = [];
let page;
let current = 'start';

async function step(name, fn) {
  current = name;
  log(name);
  try {
    return await fn();
  } catch (error) {
    throw new Error(`step "${name}": ${error.message.split('\n')[0]}`, { cause: error });
  }
}

/** Polls fn until it returns a truthy value, or fails with what it last saw. */
async function until(what, timeoutMs, fn) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last && last.ok) {
      return last;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${JSON.stringify(last && last.seen)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The Problems view's rows, as text. */
async function problemRows() {
  return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

/** The extension's status bar item (the workbench names it after the extension, mlqa.mlqa). */
function coverageItem() {
  return page.locator('.statusbar-item[id="mlqa.mlqa"]');
}

/** Checks the item shows the coverage: a book codicon, then "3/3". */
async function expectCoverage(item) {
  const text = (await item.innerText()).trim();
  const book = await item.locator('.codicon-book').count();
  if (text !== COVERAGE || book !== 1) {
    const html = await item.innerHTML();
    throw new Error(`the status bar item is not a book icon and "${COVERAGE}": ${html}`);
  }
}

async function main() {
  const browser = await step('launch /usr/bin/chromium (headless)', () =>
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
      timeout: 60_000,
    }),
  );
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    await run();
  } catch (error) {
    fs.mkdirSync(shots, { recursive: true });
    const shot = path.join(shots, 'failure.png');
    if (page) {
      await page.screenshot({ path: shot, timeout: 10_000 }).catch(() => {});
      const html = await page.content().catch(() => '');
      fs.writeFileSync(path.join(shots, 'failure.html'), html);
    }
    fs.writeFileSync(path.join(shots, 'browser-console.log'), consoleLines.join('\n') + '\n');
    console.error(`vscode-e2e: ${error.message}`);
    console.error(`vscode-e2e: screenshot of step "${current}": ${shot}`);
    process.exitCode = 1;
  } finally {
    await browser.close().catch(() => {});
  }
}

async function run() {
  await step('open the workbench', async () => {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer lists the fixture: the folder is open.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'alpha' }).first().waitFor({ timeout: 60_000 });
  });

  await step(`the extension activates and shows the coverage (${COVERAGE}) in the status bar`, async () => {
    const item = coverageItem();
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    // Shown once `mlqa coverage` has answered (before that the item is not shown at all).
    await item.locator('.codicon-book').waitFor({ timeout: 15_000 });
    await expectCoverage(item);
  });

  await step('quick open alpha/first.md', async () => {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('first.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'first.md' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'first.md' }).waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines', { hasText: 'secnd.md' }).waitFor({ timeout: 30_000 });
  });

  await step('the Problems view shows the broken-link problem', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
    const seen = await until('a broken-link row in the Problems view', 60_000, async () => {
      const rows = await problemRows();
      const row = rows.find((r) => r.includes('secnd.md'));
      return { ok: row !== undefined, seen: rows, row };
    });
    const matching = seen.seen.filter((r) => r.includes('secnd.md'));
    if (matching.length !== 1) {
      throw new Error(`expected one problem for the link, found ${matching.length}: ${JSON.stringify(seen.seen)}`);
    }
    const row = seen.row.replace(/\s+/g, ' ');
    for (const part of [MESSAGE, 'broken-link', 'mlqa']) {
      if (!row.includes(part)) {
        throw new Error(`the problem row lacks "${part}": "${row}"`);
      }
    }
    log(`  problem: ${row}`);
  });

  await step(`apply the quick fix "${FIX}" (Ctrl+. on the link)`, async () => {
    // The diagnostic is on line 16 (1-based), columns 21-37: go there in the editor.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(':16:25');
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 15_000 });
    // The lightbulb says the code actions for the cursor are known; Ctrl+. pressed before that
    // (a busy machine) can find none. So: wait for it, then Ctrl+., and if the menu does not
    // come, Escape and click the lightbulb, alternately, within a bound.
    const lightbulb = page.locator('.monaco-editor .lightBulbWidget');
    await lightbulb.first().waitFor({ state: 'visible', timeout: 30_000 });
    const action = page.locator('.action-widget .monaco-list-row', { hasText: FIX });
    const end = Date.now() + 45_000;
    for (let attempt = 0; ; attempt++) {
      if (attempt % 2 === 0) {
        await page.keyboard.press('Control+.');
      } else {
        await lightbulb.first().click({ timeout: 5_000 }).catch(() => {});
      }
      try {
        await action.first().waitFor({ state: 'visible', timeout: 5_000 });
        break;
      } catch (error) {
        const menu = await page.locator('.action-widget').allInnerTexts().catch(() => []);
        log(`  no "${FIX}" in the code action menu yet (attempt ${attempt + 1}; menu: ${JSON.stringify(menu)})`);
        if (Date.now() > end) {
          throw error;
        }
        await page.keyboard.press('Escape');
      }
    }
    await action.first().click();
  });

  await step('the editor has the fixed link and the problem is gone', async () => {
    await page.locator('.monaco-editor .view-lines', { hasText: 'second.md#example' }).waitFor({ timeout: 15_000 });
    await until('no broken-link row in the Problems view', 30_000, async () => {
      const rows = await problemRows();
      return { ok: !rows.some((r) => r.includes('broken-link') || r.includes('secnd.md')), seen: rows };
    });
    await page.locator('.markers-panel', { hasText: 'No problems have been detected' }).waitFor({ timeout: 15_000 });
  });

  await step('save: the file on disk has the fixed link, and nothing else changed', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+S');
    await until(`${FIXED_LINK} in ${FILE}`, 15_000, async () => {
      const text = fs.readFileSync(FILE, 'utf8');
      return { ok: text.includes(FIXED_LINK), seen: text.split('\n')[15] };
    });
    const text = fs.readFileSync(FILE, 'utf8');
    if (text !== expected) {
      throw new Error(`alpha/first.md is not tests/fixtures/base/alpha/first.md after the fix:\n${text}`);
    }
  });

  await step(`after the save the status bar still shows ${COVERAGE}, with the coverage as tooltip`, async () => {
    const item = coverageItem();
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    await expectCoverage(item);
    await item.hover();
    await page.locator('.monaco-hover, .workbench-hover, .hover-contents', { hasText: TOOLTIP }).first().waitFor({ timeout: 15_000 });
  });

  log('passed');
}

await main();
