// The Firefox package's lint gate: errors always fail; a warning passes only when it is justified,
// and only as many times as justified.
import { describe, expect, it } from 'vitest';
import { JUSTIFIED, lintProblems, noInnerHtmlInSources } from '../../scripts/lint-firefox';

const w = (code: string, file: string) => ({ code, message: code, file });

describe('web-ext lint gate', () => {
  it('passes the justified react-dom warnings, and no more of them', () => {
    const two = [w('UNSAFE_VAR_ASSIGNMENT', 'chunks/report-__HRBb6w.js'), w('UNSAFE_VAR_ASSIGNMENT', 'chunks/report-__HRBb6w.js')];
    expect(lintProblems({ errors: [], warnings: two })).toEqual([]);
    expect(lintProblems({ errors: [], warnings: [...two, w('UNSAFE_VAR_ASSIGNMENT', 'chunks/report-x.js')] })).toHaveLength(1);
  });

  it('fails on any error, and on a warning nobody justified', () => {
    expect(lintProblems({ errors: [w('MANIFEST_FIELD_REQUIRED', 'manifest.json')], warnings: [] })[0]).toMatch(/^error MANIFEST_FIELD_REQUIRED/);
    expect(lintProblems({ errors: [], warnings: [w('UNSAFE_VAR_ASSIGNMENT', 'content-scripts/content.js')] })[0]).toMatch(/justify it in scripts\/lint-firefox.ts/);
    expect(lintProblems({ errors: [], warnings: [w('KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION', 'manifest.json')] })).toHaveLength(1);
  });

  it('holds its premise: Candor’s own sources write no HTML into the DOM', () => {
    expect(JUSTIFIED.length).toBeGreaterThan(0);
    expect(noInnerHtmlInSources(process.cwd())).toEqual([]);
  });
});
