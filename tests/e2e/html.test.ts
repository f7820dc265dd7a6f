// Every built page is valid HTML, checked with html-validate against the committed
// .htmlvalidate.json (README "Valid HTML" says why each relaxed rule is relaxed).
import { readFileSync } from 'node:fs';
import { describe, test } from 'vitest';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import { expectNone, expectSome, pages } from './helpers.ts';

// The config is read explicitly: a file search would start from dist/, which may live elsewhere (DIST_DIR).
const config = JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')) as ConfigData;
const validator = new HtmlValidate(new StaticConfigLoader(config));

describe('html-validate', () => {
  test('finds no problems on any built page', async () => {
    expectSome(pages(), 'HTML pages');
    const problems: string[] = [];
    for (const { path, html } of pages()) {
      const report = await validator.validateString(html, path);
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
    }
    expectNone(problems, 'HTML problems');
  }, 120_000);
});
