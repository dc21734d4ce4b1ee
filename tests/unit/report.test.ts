import { describe, expect, it } from 'vitest';
import { mergeDraft } from '../../src/background/merge';
import { buildReport as buildSiteReport } from './build-report';
import { exportHtml } from '../../src/report/export-html';
import { gradeOf } from '../../src/report/score';
import type { FindingDraft, StoredFinding } from '../../src/model/finding';
import { PRINCIPLES } from '../../src/model/finding';
import { visitFor } from './helpers';

const visit = visitFor('https://www.shop.example/p/42');
function stored(d: Partial<FindingDraft> & Pick<FindingDraft, 'kind' | 'key'>): StoredFinding {
  return mergeDraft(undefined, { source: 'network', confidence: 'certain', evidence: [{ url: 'https://t.example/x', at: '2026-01-01T00:00:00.000Z' }], details: {}, ...d }, visit, 1);
}
const tool = { version: '0.1.0', browser: 'chromium 156' };

describe('buildSiteReport', () => {
  it('follows docs/report.md: all six principles in order, schemaVersion, site, tool, findings with the documented fields', () => {
    const r = buildSiteReport({
      visit,
      tool,
      now: new Date('2026-11-23T12:00:00Z'),
      findings: [stored({ kind: 'tracker', key: 'tracker:GA', vendor: 'Google Analytics', company: 'Google', category: 'analytics', details: { domain: 'google-analytics.com' } })],
    });
    expect(r.schemaVersion).toBe(1);
    expect(r.site).toBe('shop.example');
    expect(r.url).toBe('https://www.shop.example/p/42');
    expect(r.generatedAt).toBe('2026-11-23T12:00:00.000Z');
    expect(r.tool).toEqual({ name: 'candor', version: '0.1.0', browser: 'chromium 156' });
    expect(Object.keys(r.principles)).toEqual([...PRINCIPLES]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ kind: 'tracker', principle: 'privacy', vendor: 'Google Analytics', company: 'Google', category: 'analytics', source: 'network', confidence: 'certain', count: 1 });
    expect(f.title).toContain('Google Analytics');
    expect(f.why.length).toBeGreaterThan(10);
    expect(f.action.length).toBeGreaterThan(10);
    expect(f.details).toEqual({ domain: 'google-analytics.com' });
    expect(r.dataUse).toEqual([{ company: 'Google', data: ['pages-viewed'], vendors: ['Google Analytics'] }]);
  });

  it('does not penalise a principle with no evidence either way, and explains every point taken', () => {
    const r = buildSiteReport({ visit, tool, findings: [stored({ kind: 'tracker', key: 'tracker:A', vendor: 'Ads', company: 'AdCo', category: 'advertising' })] });
    expect(r.principles.privacy.assessed).toBe(true);
    expect(r.principles.privacy.score).toBeLessThan(100);
    expect(r.principles.privacy.reasons).toEqual([{ points: expect.any(Number), why: r.findings[0]!.title }]);
    expect(r.principles.privacy.summary).toBe('1 company is told about your visit.');
    for (const p of ['transparency', 'consent', 'fairness', 'human', 'rights'] as const) {
      expect(r.principles[p]).toMatchObject({ score: 100, assessed: false, reasons: [] });
    }
  });

  it('grades a page with nothing found A, and many advertisers lower', () => {
    expect(buildSiteReport({ visit, tool, findings: [] }).grade).toBe('A');
    const many = Array.from({ length: 12 }, (_, i) => stored({ kind: 'tracker', key: `tracker:${i}`, vendor: `Ad${i}`, company: `Co${i}`, category: 'advertising' }));
    const r = buildSiteReport({ visit, tool, findings: many });
    expect(r.principles.privacy.score).toBe(4);
    expect(r.grade).toBe('F');
  });

  it('gradeOf averages only assessed principles and caps by the worst one', () => {
    const p = (score: number, assessed = true) => ({ score, summary: '', reasons: [], assessed });
    const quiet = p(100, false);
    expect(gradeOf({ privacy: p(30), transparency: p(100), consent: p(100), fairness: p(100), human: p(100), rights: p(100) })).toBe('C');
    expect(gradeOf({ privacy: p(95), transparency: p(100), consent: p(100), fairness: p(100), human: p(100), rights: p(100) })).toBe('A');
    // a poor fairness score is not diluted by five principles with nothing found
    expect(gradeOf({ privacy: quiet, transparency: quiet, consent: quiet, fairness: p(53), human: quiet, rights: quiet })).toBe('E');
    expect(gradeOf({ privacy: p(92), transparency: quiet, consent: quiet, fairness: p(55), human: quiet, rights: p(100) })).toBe('B');
    expect(gradeOf({ privacy: quiet, transparency: quiet, consent: quiet, fairness: quiet, human: quiet, rights: quiet })).toBe('A');
  });

  it('a page that tells an advertising company about the visit cannot get an A; blocked, it can', () => {
    const ads = stored({ kind: 'tracker', key: 'tracker:Ads', vendor: 'Google/Doubleclick Ads', company: 'Google', category: 'advertising', details: { domain: 'doubleclick.net' } });
    const link = stored({ kind: 'rights-link', key: 'rights-link:privacy-policy', source: 'dom', details: { type: 'privacy-policy', href: 'https://www.shop.example/privacy' } });
    const told = buildSiteReport({ visit, tool, findings: [ads, link] });
    // privacy 92, rights 100: a mean of 96 would be an A
    expect(told.principles.privacy.score).toBe(92);
    expect(told.grade).toBe('B');
    const blocked = buildSiteReport({ visit, tool, findings: [{ ...ads, assessment: 'good', details: { domain: 'doubleclick.net', blockedRequests: 3 } }, link] });
    expect(blocked.grade).toBe('A');
    // the Facebook pixel is "social" in third-party-web: Facebook sells advertising on what it is told
    const pixel = stored({ kind: 'tracker', key: 'tracker:Facebook', vendor: 'Facebook', company: 'Facebook', category: 'social', details: { domain: 'facebook.com' } });
    expect(buildSiteReport({ visit, tool, findings: [pixel, link] }).grade).toBe('B');
    // an analytics tracker alone does not cap the grade, and what could not be observed costs nothing
    const analytics = buildSiteReport({ visit, tool, findings: [stored({ kind: 'tracker', key: 'tracker:GA', vendor: 'Google Analytics', company: 'Google', category: 'analytics', details: { domain: 'google-analytics.com' } })] });
    expect(analytics.grade).toBe('A');
    expect(buildSiteReport({ visit, tool, findings: [] }).grade).toBe('A');
  });
});

describe('exportHtml', () => {
  it('escapes page-derived text and never links non-http URLs', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const r = buildSiteReport({
      visit,
      tool,
      findings: [stored({ kind: 'tracker', key: 'tracker:x', vendor: evil, company: evil, category: 'other', evidence: [{ url: 'javascript:alert(1)', detail: evil, at: 'x' }] })],
    });
    const html = exportHtml(r);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).not.toMatch(/<script/i);
  });
});
