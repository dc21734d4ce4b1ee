// `npm run bench [-- --json] [--quick] [--no-build]`: the benchmark figures, measured on this
// machine. Comparisons run side by side in the same run, alternating, because shared machines are
// noisy: the ratios are what count, absolute times are only indicative.
//   --json      print one JSON object { figure: number } on stdout and nothing else there
//   --quick     fewer repetitions (a smoke run; figures are noisier)
//   --no-build  measure the extension already in .output/chrome-mv3 instead of building it first
//   --pages=a.test,b.test  load only these fixture pages (each page costs ~1 min of page loads)
//   --only=popup_render_ms,store_visits_per_s  measure only these figures (the others print -1)
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrackerIndex } from '../../src/detectors/tracker-index-build';
import { benchAudit } from './audit';
import { fixturePages, startPair, workerHeapMb } from './browsers';
import { benchClassify } from './classify';
import { benchDashboard } from './dashboard';
import { FIGURES, type FigureName, type Result } from './figures';
import { benchHooks } from './hooks';
import { benchPageLoad } from './pageload';
import { benchPopup, FINDINGS } from './popup';
import { judgingModules, popupJs } from './popup-js';
import { seedSites, vendors } from './seed';
import { log, median, round } from './stats';
import { benchStoreNode, thirtyTrackerHosts } from './store-node';
import { benchStoreWorker } from './store-sw';
import { table } from './table';
import { contentStartKb } from './content-size';

// Loopback fixture pages only: as root (a container) Chromium runs without its sandbox, explicitly and
// with the launcher's warning (src/cli/launch.ts, sandboxOff); as any other user the sandbox stays on.
if (process.getuid?.() === 0) process.env.CANDOR_NO_SANDBOX ??= '1';


const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SITES = 10_000;
const args = new Set(process.argv.slice(2));
const onlyPages = process.argv.find((a) => a.startsWith('--pages='))?.slice('--pages='.length).split(',');
const json = args.has('--json');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').filter(Boolean);
/** whether any of these figures is asked for */
const wanted = (...names: FigureName[]) => !only || names.some((n) => only.includes(n));
const quick = args.has('--quick');

// Libraries that log to stdout must not break the JSON: everything but the result goes to stderr.
const toStderr = (...a: unknown[]) => process.stderr.write(a.map(String).join(' ') + '\n');
console.log = toStderr;
console.info = toStderr;

const results = new Map<FigureName, Result>();
let errors = 0;

/** runs one figure's measurement; a failure is reported as -1 with its reason, the rest still run */
async function measure(names: FigureName[], f: () => Promise<Result | Result[]>): Promise<void> {
  if (!wanted(...names)) return;
  try {
    const out = await f();
    for (const r of Array.isArray(out) ? out : [out]) results.set(r.name, r);
  } catch (e) {
    errors++;
    const msg = String((e as Error)?.stack ?? e).split('\n').slice(0, 3).join(' ');
    log(`FAILED ${names.join(', ')}: ${msg}`);
    for (const name of names) results.set(name, { name, value: -1, baseline: 'measurement failed', notes: [msg] });
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const loadBefore = loadavg();
  if (!args.has('--no-build')) {
    log('building the extension (npm run build:chrome)');
    const b = spawnSync('npm', ['run', 'build:chrome'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (b.status !== 0) throw new Error('npm run build:chrome failed');
  }
  const index = JSON.parse(readFileSync(join(ROOT, 'src/generated/tracker-index.json'), 'utf8')) as TrackerIndex;
  const hosts = thirtyTrackerHosts(index);

  await measure(['classify_us_median', 'classify_vs_adblocker'], () => benchClassify(ROOT, quick));
  let nodeStore: number[] = [];
  await measure(['store_visits_per_s'], async () => {
    nodeStore = (await benchStoreNode(ROOT, quick)).visitsPerS;
    return { name: 'store_visits_per_s', value: round(median(nodeStore), 1), baseline: 'Node, fake-indexeddb (the worker could not be measured)', notes: [] };
  });

  await measure(['popup_js_kb'], async () => {
    const p = popupJs(join(ROOT, '.output/chrome-mv3'));
    const judging = judgingModules(p.modules);
    return {
      name: 'popup_js_kb',
      value: round(p.bytes / 1000, 1),
      baseline: `popup entry and every chunk it imports, minified, as built in .output/chrome-mv3 (${p.files.join(', ')})`,
      notes: [judging.length ? `detector/worker modules in the popup: ${judging.join(', ')}` : 'no detector, catalog or worker module in the popup'],
    };
  });

  const PAIR_FIGURES: FigureName[] = ['pageload_overhead_ratio', 'script_overhead_ratio', 'hooks_overhead_ratio', 'popup_render_ms', 'dashboard_render_ms', 'store_visits_per_s', 'sw_heap_mb'];
  if (!wanted(...PAIR_FIGURES)) return finish(t0, loadBefore);
  const pair = await startPair(ROOT);
  try {
    await measure(['content_start_kb'], async () => contentStartKb(ROOT));
    await measure(['pageload_overhead_ratio', 'script_overhead_ratio', 'content_ms_per_page'], () =>
      benchPageLoad(pair, fixturePages(ROOT, pair.server).filter((u) => !onlyPages || onlyPages.includes(new URL(u).hostname)), quick));
    await measure(['hooks_overhead_ratio'], () => benchHooks(pair, ROOT, quick));
    const vs = vendors(index, FINDINGS);
    await measure(['popup_render_ms'], () => benchPopup(pair, vs, quick));
    let stored = 0;
    await measure(['dashboard_render_ms'], async () => {
      log(`seeding ${SITES} sites in the worker's database`);
      stored = await seedSites(await pair.ext.worker(), SITES, 3, vs.slice(0, 120));
      return benchDashboard(pair, ROOT, SITES, quick);
    });
    const nodeResult = results.get('store_visits_per_s');
    await measure(['store_visits_per_s'], async () => {
      const { visitsPerS: sw, floorVisitsPerS: floor, perFindingFloorVisitsPerS: perFinding } = await benchStoreWorker(pair, hosts, quick);
      return {
        name: 'store_visits_per_s',
        value: round(median(sw), 1),
        baseline: `reported: the service worker's Engine + FindingWriter on Chromium's IndexedDB; median of ${sw.length} rounds, ${hosts.length} findings a visit`,
        notes: [
          `same workload in Node on fake-indexeddb: ${round(median(nodeStore), 1)} visits/s`,
          `IndexedDB alone in the same worker (a round's rows put in one raw transaction, nothing else): ${round(median(floor), 1)} visits/s at most with one row per visit (the writer's layout), ${round(median(perFinding), 1)} with one row per finding`,
        ],
      };
    });
    // the worker could not be measured: report Node's figure, and why
    const swResult = results.get('store_visits_per_s');
    if (swResult && swResult.value === -1 && nodeResult && nodeResult.value !== -1) results.set('store_visits_per_s', { ...nodeResult, notes: [`worker: ${swResult.notes[0] ?? 'failed'}`] });
    await measure(['sw_heap_mb'], async () => {
      // the worker is alive and has just worked on the data: read something from every table
      const sw = await pair.ext.worker();
      const counts = await sw.evaluate(`(async () => { const db = globalThis.candor.db; return [await db.sites.count(), await db.visits.count(), await db.reports.count()]; })()`);
      const heap = await workerHeapMb(pair);
      return {
        name: 'sw_heap_mb',
        value: round(heap.afterGc, 2),
        baseline: `used JS heap of the service worker after a full GC (CDP Runtime.getHeapUsage), with ${SITES} sites stored and every other figure run`,
        notes: [`stored: sites/visits/report rows ${(counts as number[]).join(' / ')} (${stored} findings after seeding)`, `before the GC: ${round(heap.beforeGc, 2)} MB`],
      };
    });
  } finally {
    await pair.close();
  }
  await measure(['audit_pages_per_min'], () => benchAudit(ROOT, quick));
  finish(t0, loadBefore);
}

function finish(t0: number, loadBefore: number[]): void {
  const all = FIGURES.map((f) => results.get(f.name) ?? { name: f.name, value: -1, baseline: 'not measured', notes: [] });
  if (json) process.stdout.write(JSON.stringify(Object.fromEntries(all.map((r) => [r.name, r.value]))) + '\n');
  else process.stdout.write(table(all, (performance.now() - t0) / 1000, quick, loadBefore) + '\n');
  if (!json) log('every figure is measured on this machine now; ratios compare with and without, side by side');
}

main().then(
  () => process.exit(errors ? 1 : 0),
  (e) => {
    log(String((e as Error)?.stack ?? e));
    process.exit(1);
  },
);
