// `npm run audit -- views` end to end, on fixture sites built for it: each kind of customer finds
// its own difference with its evidence, a page that treats everyone alike finds none, a view that
// cannot load the page fails alone (exit 3), and bad views are usage errors (exit 2). The dashboard
// opens the views.json it writes.
import AxeBuilder from '@axe-core/playwright';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serveSites, type SiteServer } from '../../src/cli/site-server';
import type { ViewsFile } from '../../src/model/views';
import { expect, ROOT, SITES, test } from './fixtures';

const run = promisify(execFile);
const NODE = process.execPath;
const CLI = ['--import', 'tsx', 'src/cli/main.ts', 'views'];
const tmp = () => mkdtempSync(join(tmpdir(), 'candor-views-'));
// written by the views code itself (tests/unit/cli/views-fixture.test.ts keeps it in step)
const viewsFixture = () => JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/views.json'), 'utf8')) as ViewsFile;
const HOSTILE_HEADLINE = 'Kettle <img src=x onerror="window.__pwned=1">';

let server: SiteServer;

// Each test starts its own browsers (and audits): the two workers may take them one each.
test.describe.configure({ mode: 'parallel' });

test.beforeAll(async () => {
  server = await serveSites({ roots: [SITES], projectRoot: ROOT });
});
test.afterAll(async () => server.close());

type Out = { code: number; stdout: string; stderr: string };
async function views(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Out> {
  const res = await run(NODE, [...CLI, '--allow-private', '--host-resolver-rules', server.hostResolverRules, '--insecure', '--wait', '600', '--concurrency', '3', ...args], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  }).then(
    (r) => ({ ...r, code: 0 }),
    (e: Out) => e,
  );
  return { code: res.code, stdout: String(res.stdout), stderr: String(res.stderr) };
}

const parse = (o: Out) => JSON.parse(o.stdout) as ViewsFile;
const find = (f: ViewsFile, topic: string, subject: string) => f.differences.find((d) => d.topic === topic && d.subject === subject);
const evidenceOf = (f: ViewsFile, topic: string, subject: string, view: string) => (find(f, topic, subject)?.evidence ?? []).filter((e) => e.view === view);

test('a shop that prices each kind of customer: every price with its evidence, the files of --out', async () => {
  test.setTimeout(180_000);
  const dir = tmp();
  const cookies = join(dir, 'loyal.txt');
  writeFileSync(cookies, '# Netscape HTTP Cookie File\nviews-shop.test\tFALSE\t/\tFALSE\t0\tvs_member\tgold\n');
  const out = join(dir, 'out');
  const from = 'https://compare.test/kettles?sort=price';
  const list = ['returning', 'mobile', 'locale=de-DE', `from=${from}`, `cookies=${cookies}`].join(',');
  const res = await views(['--json', '--out', out, '--views', list, server.url('views-shop.test', '/kettle')]);
  expect(res.stderr).not.toMatch(/Error|✗/);
  expect(res.code).toBe(0);
  const f = parse(res);
  expect(f).toMatchObject({ candorViews: 1, url: 'http://views-shop.test/kettle' });
  expect(f.views.map((v) => [v.name, v.ok])).toEqual([['new', true], ['returning', true], ['mobile', true], ['locale=de-DE', true], [`from=${from}`, true], [`cookies=${cookies}`, true]]);
  expect(find(f, 'price', 'Trail Kettle')?.values).toEqual({
    new: '49.00 USD',
    returning: '57.00 USD',
    mobile: '54.00 USD',
    'locale=de-DE': '52.00 EUR',
    [`from=${from}`]: '42.00 USD',
    [`cookies=${cookies}`]: '39.00 USD',
  });
  // each price rests on the extension's own reading of that view's page
  for (const [view, shown] of [['new', '$49.00'], ['returning', '$57.00'], ['locale=de-DE', '€52.00'], [`from=${from}`, '$42.00']] as const) {
    expect(evidenceOf(f, 'price', 'Trail Kettle', view)[0], view).toMatchObject({ url: 'http://views-shop.test/kettle', detail: expect.stringContaining(`your page: ${shown}`) });
  }
  // the returning visitor is also told stock is short; the visitor from the comparison site and the member get their own headline
  expect(find(f, 'urgency', 'low-stock')?.values).toEqual({ new: 'none', returning: 'Only 2 left in stock!' });
  expect(evidenceOf(f, 'urgency', 'low-stock', 'returning')[0]?.detail).toBe('Only 2 left in stock!');
  expect(find(f, 'content', 'headline')?.values).toEqual({ new: 'Trail Kettle', [`from=${from}`]: 'Trail Kettle — matched for Compare.test shoppers', [`cookies=${cookies}`]: 'Trail Kettle — member price' });
  expect(f.differences.map((d) => d.topic)).toEqual(['price', 'urgency', 'content']);

  // --out: the same object, an offline page with a screenshot per view, each view's own report
  expect(JSON.parse(readFileSync(join(out, 'views.json'), 'utf8'))).toEqual(f);
  const html = readFileSync(join(out, 'views.html'), 'utf8');
  expect(html.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(6);
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain('<td class="diff">57.00 USD</td>');
  expect(readdirSync(out).sort()).toEqual(['cookies-loyal.txt', 'from-compare.test', 'locale-de-DE', 'mobile', 'new', 'returning', 'views.html', 'views.json']);
  for (const d of ['new', 'mobile', 'locale-de-DE']) {
    expect(readdirSync(join(out, d)).sort()).toEqual(['screenshot.jpg', 'views-shop.test.html', 'views-shop.test.json']);
  }
  const mobileReport = JSON.parse(readFileSync(join(out, 'mobile', 'views-shop.test.json'), 'utf8'));
  expect(mobileReport).toEqual(f.views[2]!.report);
});

test('consent: a pixel that ignores "no", analytics that waits for "yes"; a site that honours GPC', async () => {
  test.setTimeout(180_000);
  const res = await views(['--json', server.url('views-consent.test', '/')]);
  expect(res.code).toBe(0);
  const f = parse(res);
  expect(f.views.map((v) => v.name)).toEqual(['new', 'returning', 'gpc', 'rejected', 'accepted']);
  expect(find(f, 'trackers', 'Facebook')?.values).toEqual({ new: 'loads', gpc: 'loads despite GPC', rejected: 'loads after you said no' });
  expect(evidenceOf(f, 'trackers', 'Facebook', 'rejected')[0]?.url).toMatch(/^https:\/\/www\.facebook\.com\/tr\?/);
  expect(find(f, 'trackers', 'Google Analytics (Google)')?.values).toEqual({ new: 'does not load', accepted: 'loads' });
  expect(evidenceOf(f, 'trackers', 'Google Analytics (Google)', 'accepted')[0]?.url).toContain('https://www.google-analytics.com/');
  const banner = find(f, 'consent', 'consent banner')!;
  expect(banner.values).toEqual({
    new: 'shown (cookieconsent3); “reject” on the first screen; buttons: Accept all · Reject all · Choose',
    rejected: 'you rejected it; after a reload it is not shown again',
    accepted: 'you accepted it; after a reload it is not shown again',
  });
  expect(banner.evidence).toContainEqual({ view: 'rejected', url: 'http://views-consent.test/', detail: 'Candor asked the extension to reject the banner: Rejected the cookieconsent3 banner for you.' });
  expect(banner.evidence).toContainEqual({ view: 'accepted', url: 'http://views-consent.test/', detail: 'Candor asked the extension to accept the banner: Accepted the cookieconsent3 banner.' });
  // the accepted view's own report says the extension answered, not the person
  const accepted = f.views.find((v) => v.name === 'accepted')!.report!;
  expect(accepted.findings.some((x) => x.kind === 'tracker' && x.vendor === 'Google Analytics')).toBe(true);

  const gpc = parse(await views(['--json', '--views', 'gpc', server.url('views-gpc.test', '/')]));
  expect(gpc.differences.map((d) => [d.topic, d.subject, d.values])).toEqual([
    ['trackers', 'Facebook', { new: 'loads', gpc: 'does not load' }],
    ['gpc', 'Global Privacy Control', { new: 'not opted out of sale (US Privacy 1YNN)', gpc: 'GPC honoured: opted out of sale (US Privacy 1YYN)' }],
  ]);
  expect(evidenceOf(gpc, 'trackers', 'Facebook', 'new')[0]?.url).toMatch(/^https:\/\/www\.facebook\.com\/tr\?/);
  expect(evidenceOf(gpc, 'gpc', 'Global Privacy Control', 'gpc')[0]?.detail).toContain('US Privacy string 1YYN');
});

test('an A/B test that splits visitors: the variant each view was put in, and the headline it saw', async () => {
  test.setTimeout(120_000);
  const f = parse(await views(['--json', '--views', 'returning,mobile', server.url('views-split.test', '/')]));
  expect(f.differences.map((d) => [d.topic, d.subject, d.values])).toEqual([
    ['experiments', 'Optimizely: hero_copy_test', { new: 'variant control', mobile: 'variant benefit_headline' }],
    ['content', 'headline', { new: 'Split Stove', mobile: 'Boil water in 90 seconds' }],
  ]);
  // Optimizely was told, over the network, which variant each visitor got
  expect(evidenceOf(f, 'experiments', 'Optimizely: hero_copy_test', 'mobile')[0]?.url).toMatch(/^https:\/\/logx\.optimizely\.com\/v1\/events/);
  expect(evidenceOf(f, 'experiments', 'Optimizely: hero_copy_test', 'new')[0]?.detail).toContain('hero_copy_test=control');
});

test('the visitor each view presents as: language, time zone, phone, where it came from', async () => {
  test.setTimeout(120_000);
  const from = 'https://compare.test/stoves?q=kettle&utm_source=compare';
  const f = parse(await views(['--json', '--views', `mobile,locale=de-DE,from=${from}`, server.url('views-greeter.test', '/')]));
  const hello = find(f, 'content', 'headline')!.values;
  expect(hello['mobile']).toMatch(/^Hello: en-US \(en-US\) · \S+ · 412px, touch · direct$/);
  expect(hello['locale=de-DE']).toMatch(/^Hello: de-DE \(de-DE\) · Europe\/Berlin · 1366px · direct$/);
  expect(hello[`from=${from}`]).toMatch(new RegExp(`· 1366px · from ${from.replace(/[?.]/g, '\\$&')}$`));
  expect(hello.new).toMatch(/^Hello: en-US \(en-US\) · \S+ · 1366px · direct$/);
});

test('a view that cannot load the page fails alone: its column says why, exit 3', async () => {
  test.setTimeout(120_000);
  const out = join(tmp(), 'out');
  const res = await views(['--json', '--out', out, '--views', 'mobile,locale=de-DE', server.url('views-greeter.test', '/desktop-only')]);
  expect(res.code).toBe(3);
  const f = parse(res);
  expect(f.views.map((v) => [v.name, v.ok, v.error])).toEqual([
    ['new', true, undefined],
    ['mobile', false, 'the server answered HTTP 406'],
    ['locale=de-DE', true, undefined],
  ]);
  // the views that were taken are still compared
  expect(f.differences.map((d) => Object.keys(d.values))).toEqual([['new', 'locale=de-DE']]);
  expect(readFileSync(join(out, 'views.html'), 'utf8')).toContain('Not taken: the server answered HTTP 406');
  expect(existsSync(join(out, 'mobile'))).toBe(false);
});

test('a page that treats every visitor alike: no differences at all, and no profile left behind', async () => {
  test.setTimeout(240_000);
  const scratch = tmp();
  const cookies = join(scratch, 'loyal.json');
  writeFileSync(cookies, JSON.stringify([{ name: 'member', value: 'gold', domain: 'views-alike.test', path: '/' }]));
  const all = ['returning', 'gpc', 'rejected', 'accepted', 'mobile', 'locale=de-DE', 'from=https://compare.test/', `cookies=${cookies}`].join(',');
  const res = await views(['--views', all, '--concurrency', '4', server.url('views-alike.test', '/')], { TMPDIR: scratch });
  expect(res.code).toBe(0);
  expect(res.stdout).toContain('no differences');
  expect(res.stdout).toMatch(/✓ new {3}✓ returning {3}✓ gpc {3}✓ rejected {3}✓ accepted {3}✓ mobile {3}✓ locale=de-DE {3}✓ from=https:\/\/compare\.test\/ {3}✓ cookies=/);
  // every view ran in a profile of its own, removed when it was done
  expect(readdirSync(scratch).filter((d) => d.startsWith('candor-profile-'))).toEqual([]);
});

test('bad views are usage errors before any browser starts: exit 2 with the list of views', async () => {
  const unknown = await views(['--views', 'tablet', server.url('views-alike.test', '/')]);
  expect(unknown.code).toBe(2);
  expect(unknown.stdout).toBe('');
  expect(unknown.stderr).toMatch(/unknown view "tablet"[\s\S]*returning[\s\S]*locale=xx-YY[\s\S]*cookies=FILE[\s\S]*from=URL/);
  const file = join(tmp(), 'cookies.txt');
  writeFileSync(file, '# Netscape HTTP Cookie File\nviews-alike.test\tFALSE\t/\tFALSE\t0\tok\t1\nviews-alike.test FALSE / FALSE 0 spaces instead of tabs\n');
  const bad = await views(['--views', `cookies=${file}`, server.url('views-alike.test', '/')]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain(`cookie file ${file}, line 3: expected 7 tab-separated fields`);
  // an unreadable file and the other malformed views: tests/unit/cli/views-args.test.ts
});

test.describe('the dashboard opens a views.json', () => {
  const open = async (ext: import('../../src/cli/launch').Launched) => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`chrome-extension://${ext.extensionId}/dashboard.html#views`);
    return page;
  };
  const asFile = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

  test('side by side, the differences highlighted, page text kept as text; light and dark pass axe', async ({ ext }) => {
    const page = await open(ext);
    const f = viewsFixture();
    await page.getByLabel('Open a customer-views file (views.json)').setInputFiles(asFile('views.json', JSON.stringify(f)));
    const rows = page.getByTestId('views-difference');
    await expect(rows).toHaveCount(f.differences.length);
    const price = rows.filter({ hasText: 'Trail Kettle' }).first();
    await expect(price.locator('td.base')).toHaveText('49.00 USD');
    await expect(price.locator('td.diff')).toHaveText(['57.00 USD', '42.00 USD']);
    await expect(price.locator('td.same')).toHaveText(['same as new', 'not taken']);
    await expect(rows.filter({ hasText: 'Facebook' }).locator('td.diff')).toHaveText('loads after you said no');
    // the hostile headline is shown as the text it is
    await expect(rows.filter({ hasText: 'headline' }).locator('td.diff')).toHaveText(HOSTILE_HEADLINE);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const columns = page.getByTestId('view-column');
    await expect(columns).toHaveCount(5);
    await expect(columns.filter({ hasText: 'mobile' })).toContainText('Not taken: the server answered HTTP 406');
    await expect(columns.filter({ hasText: 'returning' })).toContainText('You are shown $57.00');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const r = await new AxeBuilder({ page }).analyze();
      expect(r.passes.length).toBeGreaterThan(10);
      expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), scheme).toEqual([]);
    }
  });

  test('dropped on the page it opens the same way; a malformed file is refused with a clear error', async ({ ext }) => {
    const page = await open(ext);
    const drop = async (text: string) => {
      const dt = await page.evaluateHandle((t: string) => {
        const d = new DataTransfer();
        d.items.add(new File([t], 'views.json', { type: 'application/json' }));
        return d;
      }, text);
      await page.dispatchEvent('[data-testid="views-drop"]', 'drop', { dataTransfer: dt });
    };
    const f = viewsFixture();
    await drop(JSON.stringify(f));
    await expect(page.getByTestId('views-difference')).toHaveCount(f.differences.length);
    await drop(JSON.stringify({ ...f, differences: [{ ...f.differences[0], topic: '<b>weather</b>' }] }));
    await expect(page.getByRole('alert')).toHaveText(/^This file cannot be shown: This customer-views file is damaged: .* \(at differences\.0\.topic\)\.$/);
    await expect(page.getByTestId('views-shown')).toHaveCount(0);
    await page.getByLabel('Open a customer-views file (views.json)').setInputFiles(asFile('x.json', '{"candorViews": 1,'));
    await expect(page.getByRole('alert')).toHaveText('This file cannot be shown: This file is not valid JSON.');
    await page.getByLabel('Open a customer-views file (views.json)').setInputFiles(asFile('reports.json', '[]'));
    await expect(page.getByRole('alert')).toContainText('not a Candor customer-views file');
    // a good file after a bad one is shown again
    await drop(JSON.stringify(f));
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByTestId('views-difference')).toHaveCount(f.differences.length);
  });
});
