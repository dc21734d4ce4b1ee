import { describe, expect, it } from 'vitest';
import { planGroups } from '../../../src/cli/audit';
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
