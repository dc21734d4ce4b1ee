import { describe, expect, it } from 'vitest';
import { planGroups, RETRY_MAX_MS, retryDelay, REVISIT_GAP_MS, revisitWait, withRetries } from '../../../src/cli/audit';
import { countdownSlackMs } from '../../../src/detectors/fairness/urgency-classify';
import { countdownReset } from '../../../src/detectors/fairness/price-logic';
import { Dataset } from '../../../src/cli/dataset';
import { siteFileName } from '../../../src/cli/output';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexHtml, topCompanies } from '../../../src/cli/index-page';
import { Progress, summaryTable } from '../../../src/cli/progress';
import { mergePageReports } from '../../../src/cli/site-summary';
import { isPermanent, pickLinks } from '../../../src/cli/visit';
import { FB, GA, HOTJAR, report } from './reports';

describe('visiting plan under --concurrency', () => {
  const urls = ['https://www.a.example/', 'https://b.example/', 'https://a.example/cart', 'https://c.example/', 'https://www.a.example/'];

  it('one worker visits the whole list in the order given (docs/report.md)', () => {
    expect(planGroups(urls, 1)).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('several workers: every URL of a site in one group, in order, so a revisit stays a revisit', () => {
    expect(planGroups(urls, 3)).toEqual([[0, 2, 4], [1], [3]]);
    expect(planGroups(urls, 3).flat().sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('a URL given twice', () => {
  it('is revisited only after the gap, so a timer restarted on return is told from one read twice', () => {
    expect(revisitWait(undefined, 1000)).toBe(0); // a first visit goes at once
    expect(revisitWait(10_000, 11_200)).toBe(REVISIT_GAP_MS - 1200);
    expect(revisitWait(10_000, 10_000 + REVISIT_GAP_MS + 1)).toBe(0);
    // a timer restarting at 15:00 on each page load: the quickest revisit the gap allows (page loads
    // at least the gap apart, each read up to a second late) still moves its deadline past the slack
    const text = 'Flash sale ends in 00:15:00';
    const first = { deadline: 0 + 900_000 + 1000, visitId: 'a', at: 1000 };
    expect(countdownReset(first, REVISIT_GAP_MS + 900_000, 'b', REVISIT_GAP_MS, countdownSlackMs(text))).toBe(true);
    // without the gap, Firefox came back 3.3 s later and read deadlines 3 s apart: inside the slack
    expect(countdownReset({ deadline: 900_000, visitId: 'a', at: 0 }, 903_000, 'b', 3300, countdownSlackMs(text))).toBe(false);
  });
});

describe('--pages: which links to follow', () => {
  const here = 'https://www.shop.example/';
  it('same-site http(s) links in page order, without the page itself, duplicates, files or sign-out', () => {
    const hrefs = [
      'https://www.shop.example/#top', 'https://www.shop.example/about', 'https://other.example/', 'mailto:x@shop.example',
      'https://shop.example/brochure.pdf', 'https://www.shop.example/logout', 'https://www.shop.example/about#team',
      'https://blog.shop.example/', 'https://www.shop.example/products', 'javascript:alert(1)',
    ];
    expect(pickLinks(here, hrefs, 3)).toEqual(['https://www.shop.example/about', 'https://blog.shop.example/', 'https://www.shop.example/products']);
    expect(pickLinks(here, hrefs, 1)).toEqual(['https://www.shop.example/about']);
  });
});

describe('a site summary over several pages', () => {
  it('holds the findings of every page once, scored like one page', () => {
    const home = report('https://shop.example/', [GA]);
    const products = report('https://shop.example/products', [GA, FB]);
    const m = mergePageReports([home, products]);
    expect(m.url).toBe('https://shop.example/products');
    expect(m.findings.map((f) => f.vendor)).toEqual(['Google Analytics', 'Facebook']);
    expect(m.findings[0]!.count).toBe(2);
    // the same two trackers on one page score the same as spread over two pages
    expect(m.principles).toEqual(report('https://shop.example/products', [GA, FB], 2).principles);
    expect(m.grade).toBe(report('https://shop.example/products', [GA, FB]).grade);
    expect(m.dataUse.map((d) => d.company).sort()).toEqual(['Facebook', 'Google']);
  });

  it('one page is returned as it is', () => {
    const r = report('https://shop.example/', [GA]);
    expect(mergePageReports([r])).toBe(r);
  });
});

describe('retries', () => {
  it.each([
    ['could not load the page: the host name could not be found (DNS)', true],
    ['the server answered HTTP 404', true],
    ['not a valid http(s) URL', true],
    ['could not load the page: it did not finish loading in time', false],
    ['could not audit the page: the browser closed (it may have crashed)', false],
    ['could not load the page: the server refused the connection', false],
    ['the extension did not see this page (no browser tab matched it)', false],
  ])('%s → permanent %s', (error, permanent) => {
    expect(isPermanent(error)).toBe(permanent);
  });

  it('waits longer before each retry, with jitter, up to a cap', () => {
    expect([1, 2, 3].map((n) => retryDelay(n, () => 0))).toEqual([1000, 2000, 4000]);
    expect([1, 2, 3].map((n) => retryDelay(n, () => 0.999999))).toEqual([2000, 4000, 8000]);
    // two browsers whose URLs failed at the same moment come back at different moments
    expect(retryDelay(1, () => 0.1)).not.toBe(retryDelay(1, () => 0.9));
    expect(retryDelay(20, () => 0.999999)).toBeLessThanOrEqual(RETRY_MAX_MS);
  });

  it('sleeps the jittered delay between attempts, and not after a permanent failure or a report', async () => {
    const slept: number[] = [];
    const rolls = [0.5, 0.25];
    const o = { retries: 3, sleep: async (ms: number) => void slept.push(ms), random: () => rolls.shift() ?? 0, log: () => {} };
    let calls = 0;
    const ok = report('https://shop.example/', []);
    const r = await withRetries('https://shop.example/', o, async () => (++calls < 3 ? { url: 'https://shop.example/', error: 'could not load the page: the connection timed out' } : ok));
    expect(r).toBe(ok);
    expect(calls).toBe(3);
    expect(slept).toEqual([1500, 2500]);
    slept.length = 0;
    calls = 0;
    await withRetries('https://gone.example/', o, async () => (calls++, { url: 'https://gone.example/', error: 'the server answered HTTP 404' }));
    expect([calls, slept]).toEqual([1, []]);
    // a stop (Ctrl-C) during the wait starts no further attempt
    let stop = false;
    calls = 0;
    await withRetries('https://shop.example/', { ...o, sleep: async () => void (stop = true), stopped: () => stop }, async () => (calls++, { url: 'x', error: 'could not load the page: the connection timed out' }));
    expect(calls).toBe(1);
  });
});

describe('file names in --out', () => {
  it('a site called index, reports, findings or views never replaces the dataset\'s own files', () => {
    expect(['index', 'INDEX', 'reports', 'findings', 'views'].map(siteFileName)).toEqual(['_index', '_index', '_reports', '_findings', '_views']);
    expect(siteFileName('index.example')).toBe('index.example');
    const dir = mkdtempSync(join(tmpdir(), 'candor-names-'));
    const ds = new Dataset(dir);
    const r = { ...report('http://index/', [GA]), site: 'index' };
    ds.writeSite(r);
    ds.writeDerived([{ ...r, input: 'http://index/', visit: 1 }]);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('<h1>Candor audit</h1>');
    expect(existsSync(join(dir, '_index.html'))).toBe(true);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('href="_index.html"');
  });
});

describe('index.html and the summary table', () => {
  const entries = [
    { input: 'https://shop.example/', result: report('https://shop.example/', [GA, FB, HOTJAR]) },
    { input: 'https://news.example/', result: report('https://news.example/', [GA, { ...FB, vendor: '<img src=x onerror=alert(1)>' }]) },
    { input: 'https://down.example/"><script>', result: { url: 'https://down.example/', error: 'could not load the page: <b>refused</b>' } },
  ];

  it('ranks companies by the number of sites they are on', () => {
    expect(topCompanies(entries).slice(0, 2)).toEqual([{ company: 'Facebook', sites: 2 }, { company: 'Google', sites: 2 }]);
  });

  it('lists sites with grades and links, the errors, and escapes page-derived text', () => {
    const html = indexHtml(entries);
    expect(html).toContain('<a href="shop.example.html">shop.example</a>');
    expect(html).toContain(`<td class="g">${(entries[0]!.result as { grade: string }).grade}</td>`);
    expect(html).toContain('Companies on the most sites');
    expect(html).toContain('Could not be audited');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>refused');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain("default-src 'none'");
  });

  it('summary table: a row per URL in list order and the totals', () => {
    const t = summaryTable(entries.map((e) => e.input), entries.map((e) => e.result));
    const lines = t.trim().split('\n');
    expect(lines[1]).toMatch(/^1\s+[A-F]\s.*shop\.example$/);
    expect(lines[2]).toMatch(/^2\s+[A-F]\s.*news\.example$/);
    expect(lines[3]).toContain('✗');
    expect(lines.at(-1)).toMatch(/^2 audited, 1 failed · grades/);
  });

  it('progress: plain lines when stderr is not a terminal, a redrawn bar when it is', () => {
    let plain = '';
    const p = new Progress(3, { write: (s: string) => (plain += s), isTTY: false });
    p.tick(entries[0]!.result, entries[0]!.input);
    p.tick(entries[2]!.result, entries[2]!.input);
    expect(plain.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^\[1\/3\] https:\/\/shop\.example\/ [A-F] shop\.example$/),
      expect.stringMatching(/^\[2\/3\] .* failed: could not load/),
    ]);
    let tty = '';
    const bar = new Progress(2, { write: (s: string) => (tty += s), isTTY: true, columns: 100 });
    bar.tick(entries[0]!.result, entries[0]!.input);
    expect(tty).toMatch(/^\r\[#{12}\.{12}\] 1\/2 · 0 failed/);
    expect(tty).not.toContain('\n');
    bar.log('a line');
    expect(tty).toContain('\r\x1b[Ka line\n\r[');
    let quiet = '';
    new Progress(1, { write: (s: string) => (quiet += s), isTTY: false }, false).tick(entries[0]!.result, 'x');
    expect(quiet).toBe('');
  });
});
