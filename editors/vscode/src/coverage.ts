// What the status bar and the coverage command show, from `mlqa coverage --format json`.
// Pure functions, so they are unit-tested without VS Code.

export interface CategoryCoverage {
  id: string;
  title: string;
  answered: number;
  questions: number;
  missing: string[];
}

export interface CoverageReport {
  answered: number;
  questions: number;
  percent: number;
  categories: CategoryCoverage[];
}

/** Parses the JSON that `mlqa coverage --format json` prints; throws on anything else. */
export function parseCoverage(text: string): CoverageReport {
  const value = JSON.parse(text) as Partial<CoverageReport>;
  if (typeof value.answered !== 'number' || typeof value.questions !== 'number' || !Array.isArray(value.categories)) {
    throw new Error('not an `mlqa coverage --format json` report');
  }
  const percent = typeof value.percent === 'number' ? value.percent : value.questions === 0 ? 100 : (100 * value.answered) / value.questions;
  return { answered: value.answered, questions: value.questions, percent, categories: value.categories };
}

/** The status bar text: `$(book) 84/84` with a warning icon when something is missing. */
export function statusText(report: CoverageReport): string {
  const icon = report.answered === report.questions ? '$(book)' : '$(warning)';
  return `${icon} ${report.answered}/${report.questions}`;
}

/** The tooltip and the "Show coverage" text: one line per category, missing ids listed. */
export function coverageSummary(report: CoverageReport): string {
  const lines = [`mlqa coverage: ${report.answered}/${report.questions} questions answered (${report.percent.toFixed(1)}%)`];
  for (const c of report.categories) {
    const missing = c.missing.length > 0 ? ` — missing: ${c.missing.join(', ')}` : '';
    lines.push(`${c.title}: ${c.answered}/${c.questions}${missing}`);
  }
  return lines.join('\n');
}
