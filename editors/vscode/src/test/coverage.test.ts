// Unit tests of what the status bar and "Show coverage" display (node:test, no VS Code needed).

import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import { coverageSummary, parseCoverage, statusText } from '../coverage';

// The shape `mlqa coverage --format json` prints (see tests/cli.rs in the repository).
const report = JSON.stringify({
  answered: 3,
  questions: 4,
  percent: 75,
  categories: [
    { id: 'alpha', title: 'Alpha', answered: 2, questions: 2, missing: [] },
    { id: 'beta', title: 'Beta', answered: 1, questions: 2, missing: ['fourth'] },
  ],
});

test('the status bar shows answered/total, with a warning while questions are missing', () => {
  assert.equal(statusText(parseCoverage(report)), '$(warning) 3/4');
  const complete = parseCoverage(JSON.stringify({ answered: 84, questions: 84, percent: 100, categories: [] }));
  assert.equal(statusText(complete), '$(book) 84/84');
});

test('the summary lists each category and the missing ids', () => {
  assert.equal(
    coverageSummary(parseCoverage(report)),
    'mlqa coverage: 3/4 questions answered (75.0%)\nAlpha: 2/2\nBeta: 1/2 — missing: fourth',
  );
});

test('anything but a coverage report is refused', () => {
  assert.throws(() => parseCoverage('{"errors": 1}'), /not an `mlqa coverage --format json` report/);
  assert.throws(() => parseCoverage('not json'));
});

test('percent is derived when absent', () => {
  const r = parseCoverage(JSON.stringify({ answered: 1, questions: 4, categories: [] }));
  assert.equal(r.percent, 25);
});
