import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv';
import { mergeDraft } from '../../src/background/merge';
import type { FindingDraft } from '../../src/model/finding';
import { buildReport as buildSiteReport } from './build-report';
import { csvCell, exportCsv } from '../../src/report/export-csv';
import { exportHtml, exportHtmlMany } from '../../src/report/export-html';
import { visitFor } from './helpers';

const HOSTILE = '<img src=x onerror="alert(1)">';
const visit = visitFor('https://www.shop.example/p/42');
const tool = { version: '0.1.0', browser: 'chromium 156' };

function report(drafts: (Partial<FindingDraft> & Pick<FindingDraft, 'kind' | 'key'>)[], v = visit) {
  return buildSiteReport({
    visit: v,
    tool,
    now: new Date('2026-11-23T12:00:00Z'),
    findings: drafts.map((d) => mergeDraft(undefined, { source: 'network', confidence: 'certain', evidence: [{ url: 'https://t.example/x', at: '2026-01-01T00:00:00.000Z' }], details: {}, ...d }, v, 1)),
  });
}


describe('CSV export', () => {
  it('neutralises formula injection: cells starting with = + - @ (and tab/CR) get a leading quote', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    // spreadsheets skip leading blanks and line breaks before looking for the formula sign
    expect(csvCell('  =1+1')).toBe("'  =1+1");
    expect(csvCell('\n\n@SUM(A1)')).toBe(`"'\n\n@SUM(A1)"`);
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('writes one finding a row, reading back to the same values', () => {
    const r = report([
      { kind: 'tracker', key: 'tracker:GA', vendor: 'Google Analytics', company: 'Google', category: 'analytics' },
      { kind: 'tracker', key: 'tracker:evil', vendor: '=cmd|"/c calc"!A1', company: 'Evil, Inc. "Ltd"', category: 'advertising', evidence: [{ url: 'https://e.example/?a=1,b=2', detail: 'line1\nline2', at: 'x' }] },
    ]);
    const rows = parseCsv(exportCsv([r]));
    expect(rows).toHaveLength(3);
    const head = rows[0]!;
    expect(head.slice(0, 6)).toEqual(['site', 'url', 'generated_at', 'grade', 'principle', 'kind']);
    const col = (row: string[], name: string) => row[head.indexOf(name)];
    const evil = rows.find((x) => col(x, 'company') === 'Evil, Inc. "Ltd"')!;
    expect(col(evil, 'vendor')).toBe(`'=cmd|"/c calc"!A1`);
    // evidence text is whitespace-folded when stored (page text is capped and folded), so the cell holds one line
    expect(col(evil, 'evidence')).toBe('https://e.example/?a=1,b=2 line1 line2');
    expect(col(evil, 'site')).toBe('shop.example');
    expect(rows.every((x) => x.length === head.length)).toBe(true);
  });

  it('a report without findings contributes no rows (the header stays)', () => {
    expect(parseCsv(exportCsv([report([])]))).toHaveLength(1);
    // the UTF-8 byte order mark first: Excel otherwise reads the file in the local code page
    expect([...Buffer.from(exportCsv([report([])]), 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('HTML export', () => {
  it('escapes every page-derived string and contains no script or external asset', () => {
    const v = { ...visitFor('https://www.shop.example/'), site: `shop.example${HOSTILE}`, url: `https://www.shop.example/?q=${HOSTILE}` };
    const r = report(
      [{ kind: 'tracker', key: 'tracker:x', vendor: HOSTILE, company: `</title><script>alert(1)</script>`, category: 'advertising', title: HOSTILE, evidence: [{ url: `javascript:alert(1)`, detail: `<script>alert(2)</script>`, at: 'x' }] }],
      v,
    );
    const html = exportHtml(r);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<a [^>]*href="javascript:/i);
    expect(html).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;');
    expect(html).not.toMatch(/(src|href)="https?:/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('@media print');
  });

  it('puts many reports into one document with a contents list, one site a printed page', () => {
    const a = report([{ kind: 'tracker', key: 'tracker:GA', vendor: 'Google Analytics', company: 'Google', category: 'analytics' }]);
    const b = report([], { ...visitFor('https://calm.example/'), site: 'calm.example' });
    const html = exportHtmlMany([a, b], 'Candor: your history');
    expect(html.match(/<section class="site-report"/g)).toHaveLength(2);
    expect(html).toContain('<nav class="toc"');
    expect(html).toContain('href="#r1"');
    expect(html).toContain('break-before:page');
    expect(html).toContain('Who is present');
    expect(html).toContain('No trackers, AI or pricing tricks were found on this page.');
  });
});
