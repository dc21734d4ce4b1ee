// What `audit views` hands back: the views object and its reading back (the dashboard's validation),
// the terminal table, views.html (offline, escaped), and the folder names of --out DIR.
import { describe, expect, it } from 'vitest';
import { formatViews, viewDirNames, viewsFile, viewsHtml } from '../../../src/cli/views/output';
import type { ViewRun } from '../../../src/cli/views/run';
import { parseViewsFile, ViewsFileError, type ViewDifference } from '../../../src/model/views';
import { FB, report } from './reports';

const HOSTILE = '<img src=x onerror="alert(1)">\u001b[31mred\u001b[0m';
const now = new Date('2026-11-23T12:00:00.000Z');
const r = report('https://shop.example/', [FB]);
const runs: ViewRun[] = [
  { spec: { name: 'new', kind: 'new' }, report: r },
  { spec: { name: 'returning', kind: 'returning' }, report: r },
  { spec: { name: 'mobile', kind: 'mobile' }, error: 'the server answered HTTP 406' },
];
const diff: ViewDifference = {
  topic: 'price',
  subject: HOSTILE,
  values: { new: '49.00 USD', returning: `57.00 USD ${HOSTILE}` },
  evidence: [{ view: 'returning', url: 'javascript:alert(1)', detail: HOSTILE }],
};

describe('the views object', () => {
  it('has the contract shape: a failed view has its error and no report', () => {
    const f = viewsFile('https://shop.example/', runs, [diff], now);
    expect(Object.keys(f)).toEqual(['candorViews', 'url', 'generatedAt', 'views', 'differences']);
    expect(f).toMatchObject({ candorViews: 1, url: 'https://shop.example/', generatedAt: '2026-11-23T12:00:00.000Z' });
    expect(f.views.map((v) => Object.keys(v))).toEqual([['name', 'ok', 'report'], ['name', 'ok', 'report'], ['name', 'ok', 'error']]);
    expect(f.views[2]).toEqual({ name: 'mobile', ok: false, error: 'the server answered HTTP 406' });
  });

  it('reads back what it wrote, and refuses a damaged or foreign file in plain words', () => {
    const f = viewsFile('https://shop.example/', runs, [diff], now);
    expect(parseViewsFile(JSON.stringify(f))).toEqual(f);
    expect(() => parseViewsFile('{"candorViews":')).toThrow(new ViewsFileError('This file is not valid JSON.'));
    expect(() => parseViewsFile(JSON.stringify([r]))).toThrow(/not a Candor customer-views file/);
    expect(() => parseViewsFile(JSON.stringify({ ...f, candorViews: 2 }))).toThrow(/newer version of Candor/);
    expect(() => parseViewsFile(JSON.stringify({ ...f, differences: [{ ...diff, topic: 'weather' }] }))).toThrow(/damaged: .* \(at differences\.0\.topic\)/);
    expect(() => parseViewsFile(JSON.stringify({ ...f, views: [{ name: 'new', ok: true }] }))).toThrow(/a view that is ok has a report/);
    expect(() => parseViewsFile(JSON.stringify({ ...f, views: [{ name: 'new', ok: true, report: { ...r, grade: 'Z' } }] }))).toThrow(/at views\.0\.report\.grade/);
  });
});

describe('the terminal table', () => {
  it('one row per view that differs, page text stripped of control characters', () => {
    const out = formatViews(viewsFile('https://shop.example/', runs, [diff], now));
    expect(out).not.toMatch(/\u001b/);
    expect(out).toContain('✗ mobile: the server answered HTTP 406');
    expect(out).toMatch(/1 difference:/);
    // long subjects are cut to the column
    expect(out).toMatch(/price\s+<img src=x onerror="alert\(1\)"> \[3…\s+new\s+49\.00 USD/);
    expect(out).toMatch(/\n\s+returning\s+57\.00 USD/);
  });

  it('says "no differences" when there are none, and why nothing compares when the baseline failed', () => {
    expect(formatViews(viewsFile('https://a.test/', runs.slice(0, 2), [], now))).toContain('no differences');
    const noBase = formatViews(viewsFile('https://a.test/', [{ spec: { name: 'new', kind: 'new' }, error: 'DNS' }, runs[1]!], [], now));
    expect(noBase).toContain('The baseline view (new) could not be taken');
    expect(noBase).not.toContain('no differences');
  });
});

describe('views.html', () => {
  const html = viewsHtml(viewsFile('https://shop.example/?q="><script>alert(1)</script>', runs, [diff], now), [
    { screenshot: 'data:image/jpeg;base64,/9j/AAAA', headline: HOSTILE, reportHref: 'new/shop.example.html' },
    { screenshot: 'javascript:alert(1)' },
  ]);

  it('runs nothing and loads nothing: no script, a CSP that allows only inline style and data: images', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/onerror="/);
    expect(html).not.toMatch(/href="javascript:/);
  });

  it('escapes page text everywhere and shows the differences highlighted at the top', () => {
    expect(html).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;');
    expect(html.indexOf('Differences (1)')).toBeLessThan(html.indexOf('side by side'));
    expect(html).toMatch(/<td class="diff">57\.00 USD &#60;img/);
    expect(html).toMatch(/<td class="base">49\.00 USD<\/td>/);
    expect(html).toContain('<td class="same">not taken</td>');
    expect(html).toContain('Not taken: the server answered HTTP 406');
  });

  it('embeds a view’s screenshot as a data: image, and nothing that is not one', () => {
    expect(html).toContain('<img src="data:image/jpeg;base64,/9j/AAAA" alt="The page as the new view saw it">');
    expect(html.match(/<img src=/g)).toHaveLength(1);
    expect(html).toContain('<a href="new/shop.example.html">');
  });

  it('no differences: says so', () => {
    expect(viewsHtml(viewsFile('https://a.test/', runs.slice(0, 2), [], now))).toContain('No differences: every view was shown the same.');
  });
});

describe('--out folders', () => {
  it('one per view, inside DIR whatever the view name holds', () => {
    expect(viewDirNames(['new', 'locale=de-DE', 'from=https://compare.test/a?b=c', 'cookies=../../secret/loyal.txt', 'cookies=/tmp/loyal.txt', 'from=../../x'])).toEqual([
      'new',
      'locale-de-DE',
      'from-compare.test',
      'cookies-loyal.txt',
      'cookies-loyal.txt-2',
      'from-.._.._x',
    ]);
  });
});
