// The audit at scale, end to end: 100 local sites with --concurrency 2, a run killed with SIGKILL and
// resumed, shards that partition a list and merge back, --pages, and diff between two reports.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serveSites, type SiteServer } from '../../src/cli/site-server';
import { expect, ROOT, SITES, test } from './fixtures';

const run = promisify(execFile);
// The audit runs as `node --import tsx` (what `npm run audit` runs): one process, so a signal reaches
// the audit itself. tsx's own CLI is a second process that relays signals and gives the audit 30 ms to
// acknowledge one; on a loaded machine it missed that and exited 143 instead of the audit's 130.
const NODE = process.execPath;
const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
const BULK = join(ROOT, 'tests/fixtures/bulk');
const site = (n: number) => `http://site${String(n).padStart(3, '0')}.github.io/`;
const tmp = () => mkdtempSync(join(tmpdir(), 'candor-scale-'));

// The tests are independent (own --out folders, own browsers): let Playwright's workers share them.
test.describe.configure({ mode: 'parallel' });

let server: SiteServer;
test.beforeAll(async () => {
  server = await serveSites({ roots: [SITES, BULK], projectRoot: ROOT });
});
test.afterAll(async () => server.close());

type Out = { code: number; stdout: string; stderr: string };
async function audit(args: string[]): Promise<Out> {
  const res = await run(NODE, [...CLI, ...args], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 }).then(
    (r) => ({ ...r, code: 0 }),
    (e: Out) => e,
  );
  return { code: res.code, stdout: String(res.stdout), stderr: String(res.stderr) };
}

function jsonl(dir: string): { input: string; visit: number; site?: string; error?: string; findings?: { vendor?: string }[] }[] {
  return readFileSync(join(dir, 'reports.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

const hasGA = (r: { findings?: { vendor?: string }[] }) => !!r.findings?.some((f) => f.vendor === 'Google Analytics');

test('100 sites with --concurrency 2: every report, in order, none lost or mixed up', async () => {
  test.setTimeout(600_000);
  const urls = Array.from({ length: 100 }, (_, i) => site(i + 1));
  const list = join(tmp(), 'sites.txt');
  writeFileSync(list, urls.join('\n') + '\n');
  const out = tmp();
  const res = await audit(['--json', '--urls', list, '--concurrency', '2', '--wait', '300', '--out', out, '--allow-private', '--host-resolver-rules', server.hostResolverRules]);
  expect(res.stderr).not.toContain('Error');
  expect(res.code).toBe(0);
  const reports = JSON.parse(res.stdout) as { site: string; findings: { vendor?: string }[] }[];
  expect(reports.map((r) => r.site)).toEqual(urls.map((u) => new URL(u).hostname));
  // odd-numbered sites load Google Analytics, even ones are first-party only
  expect(reports.map(hasGA)).toEqual(urls.map((_, i) => (i + 1) % 2 === 1));
  const lines = jsonl(out);
  expect(lines).toHaveLength(100);
  expect(new Set(lines.map((l) => l.input))).toEqual(new Set(urls));
  expect(readdirSync(out).filter((f) => f.endsWith('.json'))).toHaveLength(100);
  const csv = readFileSync(join(out, 'findings.csv'), 'utf8').trim().split('\r\n');
  // one row per finding of every report; exactly the 50 Google Analytics sites have a tracker row
  expect(csv).toHaveLength(1 + reports.reduce((n, r) => n + r.findings.length, 0));
  expect(csv.filter((row) => row.includes(',privacy,tracker,'))).toHaveLength(50);
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  expect(index).toContain('100 audited, 0 failed');
  expect(index).toMatch(/<td>Google<\/td><td>50<\/td>/);
  // the summary table went to stderr with --json
  expect(res.stderr).toMatch(/100 audited, 0 failed · grades/);
});

test('a run killed with SIGKILL resumes where it stopped: no report lost, none doubled', async () => {
  test.setTimeout(300_000);
  const urls = Array.from({ length: 16 }, (_, i) => site(i + 101));
  urls.push(urls[0]!); // a revisit: its own entry
  const list = join(tmp(), 'sites.txt');
  writeFileSync(list, urls.join('\n') + '\n');
  const out = tmp();
  const args = [...CLI, '--urls', list, '--concurrency', '2', '--wait', '300', '--out', out, '--allow-private', '--host-resolver-rules', server.hostResolverRules];
  const scratch = tmp(); // the run's temp profiles go here, not into the machine's temp folder
  const child = spawn(NODE, args, { cwd: ROOT, stdio: 'ignore', detached: true, env: { ...process.env, TMPDIR: scratch } });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
  await expect.poll(() => (existsSync(join(out, 'reports.jsonl')) ? jsonl(out).length : 0), { timeout: 120_000, intervals: [200] }).toBeGreaterThanOrEqual(5);
  process.kill(-child.pid!, 'SIGKILL'); // the whole group, as a crash or `kill -9` would
  expect(await exited).toBe('SIGKILL');
  const before = readFileSync(join(out, 'reports.jsonl'), 'utf8');
  const doneBefore = jsonl(out).length;
  expect(doneBefore).toBeLessThan(urls.length);

  const res = await audit(args.slice(CLI.length));
  expect(res.code).toBe(0);
  expect(res.stderr).toContain(`resuming ${out}: ${doneBefore} already audited there, ${urls.length - doneBefore} to go`);
  const after = readFileSync(join(out, 'reports.jsonl'), 'utf8');
  expect(after.startsWith(before.endsWith('\n') ? before : before.slice(0, before.lastIndexOf('\n') + 1))).toBe(true);
  const lines = jsonl(out);
  const keys = lines.map((l) => JSON.stringify([l.input, l.visit]));
  expect(new Set(keys).size).toBe(keys.length);
  const expected = [...urls.slice(0, -1).map((u) => JSON.stringify([u, 1])), JSON.stringify([urls[0], 2])];
  expect(keys.sort()).toEqual(expected.sort());
  expect(lines.every((l) => !l.error)).toBe(true);
  const rows = readFileSync(join(out, 'findings.csv'), 'utf8').trim().split('\r\n');
  expect(rows.length).toBe(1 + lines.reduce((n, l) => n + ((l as { findings?: unknown[] }).findings?.length ?? 0), 0));
  expect(rows.filter((row) => row.includes(',privacy,tracker,')).length).toBe(lines.filter(hasGA).length);

  // a third run has nothing left to do
  const again = await audit([...args.slice(CLI.length), '--json']);
  expect(again.code).toBe(0);
  expect(again.stderr).toContain(`${urls.length} already audited there, 0 to go`);
  expect(JSON.parse(again.stdout)).toHaveLength(urls.length);
  expect(jsonl(out)).toHaveLength(urls.length);
  rmSync(scratch, { recursive: true, force: true });
});

test('Ctrl-C / SIGTERM stops at once, cleans up, records no failure, and the run resumes', async () => {
  test.setTimeout(300_000);
  const urls = Array.from({ length: 10 }, (_, i) => site(i + 151));
  const out = tmp();
  const scratch = tmp();
  const args = [...CLI, '--concurrency', '2', '--wait', '300', '--out', out, '--allow-private', '--host-resolver-rules', server.hostResolverRules, ...urls];
  const child = spawn(NODE, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: scratch } });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  await expect.poll(() => (existsSync(join(out, 'reports.jsonl')) ? jsonl(out).length : 0), { timeout: 120_000, intervals: [200] }).toBeGreaterThanOrEqual(2);
  child.kill('SIGTERM');
  expect(await exited).toBe(130);
  expect(stderr).toContain('stopped (SIGTERM). Run the same command again to resume');
  expect(readdirSync(scratch).filter((f) => f.startsWith('candor-profile-'))).toEqual([]);
  const kept = jsonl(out);
  expect(kept.every((l) => !l.error)).toBe(true);
  const res = await audit(args.slice(CLI.length));
  expect(res.code).toBe(0);
  expect(res.stderr).toContain(`${kept.length} already audited there`);
  expect(jsonl(out).map((l) => l.input).sort()).toEqual([...urls].sort());
  rmSync(scratch, { recursive: true, force: true });
});

test('a browser that dies mid-run is started again and the run completes', async () => {
  test.setTimeout(300_000);
  const urls = Array.from({ length: 8 }, (_, i) => site(i + 171));
  const out = tmp();
  const scratch = tmp();
  const args = [...CLI, '--json', '--concurrency', '1', '--wait', '300', '--out', out, '--allow-private', '--host-resolver-rules', server.hostResolverRules, ...urls];
  const child = spawn(NODE, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: scratch } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  await expect.poll(() => (existsSync(join(out, 'reports.jsonl')) ? jsonl(out).length : 0), { timeout: 120_000, intervals: [200] }).toBeGreaterThanOrEqual(2);
  // the browser's main process (not a renderer or helper) of this run, found by its profile folder
  const ps = (await run('ps', ['-eo', 'pid=,args='])).stdout.split('\n');
  const main = ps.filter((l) => l.includes(`--user-data-dir=${scratch}`) && !l.includes('--type=')).map((l) => Number(l.trim().split(' ')[0]));
  expect(main).toHaveLength(1);
  process.kill(main[0]!, 'SIGKILL');
  expect(await exited).toBe(0);
  const reports = JSON.parse(stdout) as { site?: string; error?: string }[];
  expect(reports.map((r) => r.site)).toEqual(urls.map((u) => new URL(u).hostname));
  expect(jsonl(out).filter((l) => !l.error)).toHaveLength(urls.length);
  rmSync(scratch, { recursive: true, force: true });
});

test('--shard I/N: three shards partition the list exactly, and merge puts them back together', async () => {
  test.setTimeout(300_000);
  const urls = Array.from({ length: 12 }, (_, i) => site(i + 201));
  const list = join(tmp(), 'sites.txt');
  writeFileSync(list, urls.join('\n') + '\n');
  const dirs = [tmp(), tmp(), tmp()];
  const runs = [];
  for (let k = 0; k < 3; k++) {
    runs.push(await audit(['--json', '--urls', list, '--shard', `${k + 1}/3`, '--concurrency', '1', '--wait', '200', '--out', dirs[k]!, '--allow-private', '--host-resolver-rules', server.hostResolverRules]));
  }
  const shares = runs.map((r) => (JSON.parse(r.stdout) as { url: string }[]).map((x) => x.url));
  for (const r of runs) expect(r.code).toBe(0);
  expect(shares.flat().sort()).toEqual([...urls].sort());
  expect(shares.filter((s) => s.length > 0).length).toBeGreaterThan(1);
  // each shard keeps list order
  for (const s of shares) expect(s).toEqual(urls.filter((u) => s.includes(u)));

  const merged = join(tmp(), 'all');
  const m = await audit(['merge', ...dirs.map((d) => join(d, 'reports.jsonl')), '--out', merged]);
  expect(m.code).toBe(0);
  expect(jsonl(merged).map((l) => l.input).sort()).toEqual([...urls].sort());
  expect(readFileSync(join(merged, 'index.html'), 'utf8')).toContain('12 audited, 0 failed');
  expect(readdirSync(merged).filter((f) => f.endsWith('.html'))).toHaveLength(13);
});

test('--pages follows same-site links and reports the site over all of them', async () => {
  test.setTimeout(120_000);
  // site 302 loads no tracker on its home page; its /products page has a Facebook pixel
  const url = site(302);
  const one = await audit(['--json', '--wait', '300', '--allow-private', '--host-resolver-rules', server.hostResolverRules, url]);
  const three = await audit(['--json', '--wait', '300', '--pages', '3', '--allow-private', '--host-resolver-rules', server.hostResolverRules, url]);
  expect(one.code).toBe(0);
  expect(three.code).toBe(0);
  const [a] = JSON.parse(one.stdout);
  const [b] = JSON.parse(three.stdout);
  expect(a.findings.filter((f: { kind: string }) => f.kind === 'tracker')).toEqual([]);
  expect(b.findings.filter((f: { kind: string }) => f.kind === 'tracker').map((f: { vendor: string }) => f.vendor)).toEqual(['Facebook']);
  expect(b.site).toBe('site302.github.io');
  expect(b.url).not.toBe(url); // the last page visited
});

test('diff: what changed between two reports of a site, for people and as JSON', async () => {
  test.setTimeout(120_000);
  const before = tmp();
  const after = tmp();
  // the "release": the products page adds a Facebook pixel to what the home page has
  expect((await audit(['--wait', '300', '--out', before, '--allow-private', '--host-resolver-rules', server.hostResolverRules, site(303)])).code).toBe(0);
  expect((await audit(['--wait', '300', '--out', after, '--allow-private', '--host-resolver-rules', server.hostResolverRules, `${site(303)}products`])).code).toBe(0);
  const a = join(before, 'site303.github.io.json');
  const b = join(after, 'site303.github.io.json');
  const text = await audit(['diff', a, b]);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain('New trackers (1)');
  expect(text.stdout).toMatch(/\+ Facebook .* told about your visit/);
  expect(text.stdout).toMatch(/privacy\s+\d+ →\s+\d+\s+\(-\d+\)/);
  const json = await audit(['diff', a, b, '--json']);
  const d = JSON.parse(json.stdout);
  expect(d.trackers.added.map((t: { vendor: string }) => t.vendor)).toEqual(['Facebook']);
  expect(d.trackers.removed).toEqual([]);
  const same = await audit(['diff', a, a]);
  expect(same.stdout).toContain('No change');
  const bad = await audit(['diff', a, join(before, 'nope.json')]);
  expect(bad.code).toBe(2);
  expect(bad.stdout).toBe('');
});
