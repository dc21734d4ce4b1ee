// `npm run audit -- --browser firefox`: the same command, flags and output as with Chromium, driving
// Firefox ESR with the built Firefox extension. The demo sites give the same findings in both browsers
// except for the parity table; the browser presents as an ordinary one; usage errors exit 2.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findFirefox, firefoxVersion } from '../../src/cli/firefox/find-firefox';
import { CANARY } from '../../src/cli/probes/canary-typing';
import { pickShard } from '../../src/cli/shard';
import { serveSites } from '../../src/cli/site-server';
import type { Finding } from '../../src/model/finding';
import type { AuditError, SiteReport } from '../../src/model/report';
import { expect, test } from './firefox-fixtures';
import { ROOT } from './fixtures';
import { parity } from './parity/compare';
import { capabilitiesOf } from './parity/session';
import { reportKeys } from './parity/signature';

const exec = promisify(execFile);

// Each test starts its own browsers (and audits): the two workers may take them one each.
test.describe.configure({ mode: 'parallel' });


async function audit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, maxBuffer: 50e6, env: { ...process.env, ...env } });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const of = (r: SiteReport, kind: string): Finding[] => r.findings.filter((f) => f.kind === kind);
const isReport = (r: SiteReport | AuditError): r is SiteReport => !('error' in r);

test('the demo sites: the same findings in Firefox as in Chromium, except the parity table; --out and --concurrency as in Chromium', async ({ ff }) => {
  test.setTimeout(240_000);
  const demo = await serveSites({ roots: [join(ROOT, 'seeds/demo/sites')], projectRoot: ROOT });
  const out = mkdtempSync(join(tmpdir(), 'candor-ff-out-'));
  try {
    const { urls } = JSON.parse(readFileSync(join(ROOT, 'seeds/demo/demo.json'), 'utf8')) as { urls: string[] };
    const common = ['--json', '--insecure', '--no-progress', '--allow-private', '--host-resolver-rules', demo.hostResolverRules, ...urls];
    // both at once: each audit waits for its pages, not for the other
    const [firefox, chromium] = await Promise.all([audit(['--browser', 'firefox', '--concurrency', '2', '--out', out, ...common]), audit(common)]);
    expect(firefox.code, firefox.stderr).toBe(0);
    expect(chromium.code, chromium.stderr).toBe(0);
    const fr = JSON.parse(firefox.stdout) as SiteReport[];
    const cr = JSON.parse(chromium.stdout) as SiteReport[];
    expect(fr.map((r) => r.url)).toEqual(urls); // one entry per URL, in the order given
    // each report names the browser it was taken in
    const label = firefoxVersion(findFirefox()).label;
    expect(label).toMatch(/^firefox \d+$/);
    for (const r of fr) expect(r.tool.browser).toBe(label);
    for (const r of cr) expect(r.tool.browser).toMatch(/^chromium \d+$/);
    const caps = { chromium: { webgl: true }, firefox: await capabilitiesOf(ff) };
    for (let i = 0; i < urls.length; i++) {
      expect.soft(parity({ site: cr[i]!.site, keys: reportKeys(cr[i]) }, { site: fr[i]!.site, keys: reportKeys(fr[i]) }, caps), urls[i]).toEqual({ unexplained: [], unmet: [] });
    }
    // a URL given twice is a revisit, in Firefox too: the jacket costs more the second time
    expect(of(fr[3]!, 'price-change').length).toBe(1);
    // --out: the same dataset files as with Chromium
    for (const f of ['reports.jsonl', 'findings.csv', 'index.html', 'brightbank.test.json', 'brightbank.test.html']) expect(existsSync(join(out, f)), f).toBe(true);
    const lines = readFileSync(join(out, 'reports.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(urls.length);
    expect(JSON.parse(lines[0]!).tool.browser).toMatch(/^firefox /);
  } finally {
    rmSync(out, { recursive: true, force: true });
    await demo.close();
  }
});

test('--profile keeps a returning visitor across two Firefox runs; --interact types canaries, opens nothing it should not, and rejects the banner', async ({ server }) => {
  test.setTimeout(240_000);
  const profile = mkdtempSync(join(tmpdir(), 'candor-ff-profile-'));
  const base = ['--json', '--insecure', '--no-progress', '--browser', 'firefox', '--allow-private', '--host-resolver-rules', server.hostResolverRules];
  try {
    const lamp = server.url('price-shop.test', '/product/lamp');
    const urls = [server.url('form.test', '/', true), server.url('signup.test', '/', true), server.url('cc-tracks.test', '/')];
    // the chat and clean-price probes are exercised in Firefox by the parity suites; these pages have neither
    const interact = audit([...base, '--interact', '--no-probe-open-chat', '--no-probe-clean-price', '--wait', '1500', ...urls]);
    const first = await audit([...base, '--profile', profile, '--wait', '1500', lamp]);
    const second = await audit([...base, '--profile', profile, '--wait', '1500', lamp]);
    expect(first.code, first.stderr).toBe(0);
    expect(of(JSON.parse(first.stdout)[0], 'price-change')).toEqual([]);
    expect(of(JSON.parse(second.stdout)[0], 'price-change')[0]!.details).toMatchObject({ before: 100, after: 119 });

    const res = await interact;
    expect(res.code, res.stderr).toBe(0);
    const [form, signup, cc] = JSON.parse(res.stdout) as SiteReport[];
    expect(of(form!, 'keylogging').map((f) => f.details.fieldType).sort()).toEqual(['email', 'password', 'tel', 'text']);
    expect(of(signup!, 'keylogging')).toEqual([]);
    for (const v of [CANARY.email, CANARY.phone, CANARY.name, CANARY.password]) expect(res.stdout).not.toContain(v);
    expect(of(cc!, 'consent-banner')[0]!.details).toMatchObject({ cmp: 'cookieconsent3', choice: 'rejected', choiceBy: 'candor' });
    expect(of(cc!, 'tracking-before-consent').map((f) => f.details.phase).sort()).toEqual(['after-reject', 'before-choice']);
    expect(res.stderr).toContain('reject-consent on');
    expect(res.stderr).toContain('canary-typing: typed into 4 fields');
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('--shard picks the same URLs in Firefox, and a host that does not resolve is a failed URL (exit 3), said in plain words', async ({ server }) => {
  const urls = ['clean.test', 'shop.test', 'news-a.test', 'ua.test'].map((h) => server.url(h, '/'));
  const shard = pickShard(urls, { index: 1, total: 2 }).map((i) => urls[i]!);
  const [res, bad] = await Promise.all([
    audit(['--json', '--no-progress', '--browser', 'firefox', '--shard', '1/2', '--wait', '500', '--allow-private', '--host-resolver-rules', server.hostResolverRules, ...urls]),
    audit(['--json', '--no-progress', '--browser', 'firefox', '--retries', '0', '--wait', '500', '--allow-private', '--host-resolver-rules', server.hostResolverRules, server.url('clean.test', '/'), 'http://nowhere.invalid-site.test/']),
  ]);
  expect(res.code, res.stderr).toBe(0);
  expect((JSON.parse(res.stdout) as SiteReport[]).map((r) => r.url)).toEqual(shard);

  expect(bad.code).toBe(3);
  const [ok, failed] = JSON.parse(bad.stdout) as (SiteReport | AuditError)[];
  expect(isReport(ok!)).toBe(true);
  expect(failed).toEqual({ url: 'http://nowhere.invalid-site.test/', error: 'could not load the page: the host name could not be found (DNS)' });
});

test('usage errors exit 2 before any browser starts: an unknown browser, a missing Firefox, a Chromium build given to Firefox', async () => {
  const [unknown, missing, wrong] = await Promise.all([
    audit(['--browser', 'safari', 'https://example.test/']),
    audit(['--browser', 'firefox', 'https://example.test/'], { FIREFOX_PATH: '/nonexistent/firefox' }),
    audit(['--browser', 'firefox', '--extension', '.output/chrome-mv3', 'https://example.test/']),
  ]);
  expect(unknown).toMatchObject({ code: 2, stdout: '' });
  expect(unknown.stderr).toContain('--browser takes chromium or firefox, not "safari"');
  expect(missing).toMatchObject({ code: 2, stdout: '' });
  expect(missing.stderr).toContain('No Firefox at FIREFOX_PATH=/nonexistent/firefox');
  expect(missing.stderr).toContain('sudo apt-get install -y firefox-esr');
  expect(wrong).toMatchObject({ code: 2, stdout: '' });
  expect(wrong.stderr).toContain('is not a Firefox build of the extension');
});
