// `npm run audit -- views --browser firefox`: the customer views driven in Firefox ESR with the
// Firefox build, through the same seam as the audit. A shop that prices each kind of customer and a
// site whose consent banner and GPC change what loads give the same differences as in Chromium
// (tests/e2e/views.spec.ts asserts the same values there); a view Firefox cannot take (a referrer) is
// a usage error before any browser starts.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findFirefox } from '../../src/cli/firefox/find-firefox';
import { serveSites, type SiteServer } from '../../src/cli/site-server';
import type { ViewsFile } from '../../src/model/views';
import { expect, ROOT, SITES, test } from './fixtures';

const run = promisify(execFile);
// each test runs its own CLI and browsers (the server is per worker): either worker can take any of them
test.describe.configure({ mode: 'parallel' });

let server: SiteServer;
test.beforeAll(async () => {
  findFirefox(); // fails with how to install it (.ci/run installs firefox-esr)
  server = await serveSites({ roots: [SITES], projectRoot: ROOT });
});
test.afterAll(async () => server.close());

type Out = { code: number; stdout: string; stderr: string };
async function views(args: string[]): Promise<Out> {
  const argv = ['--import', 'tsx', 'src/cli/main.ts', 'views', '--browser', 'firefox', '--allow-private', '--host-resolver-rules', server.hostResolverRules, '--insecure', '--wait', '600', '--concurrency', '3', ...args];
  const res = await run(process.execPath, argv, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ ...r, code: 0 }),
    (e: Out) => e,
  );
  return { code: res.code, stdout: String(res.stdout), stderr: String(res.stderr) };
}
const find = (f: ViewsFile, topic: string, subject: string) => f.differences.find((d) => d.topic === topic && d.subject === subject);

test('Firefox views: each kind of customer gets its own price, the phone presents as Firefox for Android', async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'candor-ffviews-'));
  const cookies = join(dir, 'loyal.txt');
  writeFileSync(cookies, '# Netscape HTTP Cookie File\nviews-shop.test\tFALSE\t/\tFALSE\t0\tvs_member\tgold\n');
  const res = await views(['--json', '--views', ['returning', 'mobile', 'locale=de-DE', `cookies=${cookies}`].join(','), server.url('views-shop.test', '/kettle')]);
  expect(res.stderr).not.toMatch(/Error|✗/);
  expect(res.code).toBe(0);
  const f = JSON.parse(res.stdout) as ViewsFile;
  expect(f.views.map((v) => [v.name, v.ok])).toEqual([['new', true], ['returning', true], ['mobile', true], ['locale=de-DE', true], [`cookies=${cookies}`, true]]);
  expect(f.views.every((v) => /^firefox \d+/.test(v.report?.tool.browser ?? ''))).toBe(true);
  expect(find(f, 'price', 'Trail Kettle')?.values).toEqual({
    new: '49.00 USD',
    returning: '57.00 USD',
    mobile: '54.00 USD',
    'locale=de-DE': '52.00 EUR',
    [`cookies=${cookies}`]: '39.00 USD',
  });
  expect(find(f, 'urgency', 'low-stock')?.values).toEqual({ new: 'none', returning: 'Only 2 left in stock!' });

  // what the page itself is told: language, time zone, screen and touch
  const g = JSON.parse((await views(['--json', '--views', 'mobile,locale=de-DE', server.url('views-greeter.test', '/')])).stdout) as ViewsFile;
  const hello = find(g, 'content', 'headline')!.values;
  expect(hello['mobile']).toMatch(/^Hello: en-US \(en-US,en\) · \S+ · 412px, touch · direct$/);
  expect(hello['locale=de-DE']).toMatch(/^Hello: de-DE \(de-DE,de\) · Europe\/Berlin · 1366px · direct$/);
  expect(hello.new).toMatch(/^Hello: en-US \(en-US,en\) · \S+ · 1366px · direct$/);
});

test('Firefox views: a pixel that ignores "no", analytics that waits for "yes", GPC honoured', async () => {
  test.setTimeout(240_000);
  const res = await views(['--json', server.url('views-consent.test', '/')]);
  expect(res.code).toBe(0);
  const f = JSON.parse(res.stdout) as ViewsFile;
  expect(f.views.map((v) => v.name)).toEqual(['new', 'returning', 'gpc', 'rejected', 'accepted']);
  expect(find(f, 'trackers', 'Facebook')?.values).toEqual({ new: 'loads', gpc: 'loads despite GPC', rejected: 'loads after you said no' });
  expect(find(f, 'trackers', 'Google Analytics (Google)')?.values).toEqual({ new: 'does not load', accepted: 'loads' });
  expect(find(f, 'consent', 'consent banner')?.values).toEqual({
    new: 'shown (cookieconsent3); “reject” on the first screen; buttons: Accept all · Reject all · Choose',
    rejected: 'you rejected it; after a reload it is not shown again',
    accepted: 'you accepted it; after a reload it is not shown again',
  });
});

test('Firefox views: a visitor arriving from another page is a usage error, exit 2, before any browser starts', async () => {
  const res = await views(['--views', 'mobile,from=https://compare.test/', server.url('views-alike.test', '/')]);
  expect(res.code).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr).toContain('the view from=https://compare.test/ cannot be taken in Firefox');
});
