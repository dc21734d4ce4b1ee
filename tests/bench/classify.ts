// classify_us_median and classify_vs_adblocker: our per-request classification (the work
// src/detectors/trackers.ts does on every request: host, first/third party with tldts, tracker
// lookup, the tracker's site) against @ghostery/adblocker's FiltersEngine matching the same corpus
// with `||host^$third-party` rules for the same tracker hosts. The adblocker is a devDependency
// baseline only; it is never bundled.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FiltersEngine, Request } from '@ghostery/adblocker';
import { hostOf, siteOf } from '../../src/background/site';
import { createTrackerDb, type TrackerDb } from '../../src/detectors/tracker-db';
import type { TrackerIndex } from '../../src/detectors/tracker-index-build';
import { trackersDetector } from '../../src/detectors/trackers';
import type { DetectorContext } from '../../src/detectors/types';
import { buildCorpus, type CorpusItem } from './corpus';
import type { Result } from './figures';
import { log, median, round } from './stats';

/**
 * Exactly the decisions of trackersDetector.onRequest, in its order, without building the finding
 * draft: the tracker lookup first, then (for trackers only) the host's site, which decides first or
 * third party and is the finding's `domain`.
 */
export function classifyOurs(db: TrackerDb, it: CorpusItem): boolean {
  const host = hostOf(it.url);
  if (!host) return false;
  const m = db.lookup(host);
  if (!m || m.category === null) return false;
  return siteOf(host) !== it.pageSite; // the finding's `domain`, and first/third party
}

function classifyAdblocker(engine: FiltersEngine, it: CorpusItem): boolean {
  // The page's host and site are given precomputed, as our engine has them once per visit.
  const req = Request.fromRawDetails({ url: it.url, type: it.type, sourceHostname: it.pageHost, sourceDomain: it.pageSite });
  return engine.match(req).match;
}

/** ns to classify one chunk of the corpus */
function time<T>(items: readonly T[], f: (it: T) => boolean): { ns: number; hits: number } {
  let hits = 0;
  const t0 = process.hrtime.bigint();
  for (const it of items) if (f(it)) hits++;
  return { ns: Number(process.hrtime.bigint() - t0), hits };
}

/**
 * Both classifiers over the corpus in chunks of CHUNK URLs, alternating which goes first chunk by
 * chunk: on a shared, preempted machine a short chunk is either hit by another process or not, and
 * the median per chunk over the passes drops the hit ones. Returns µs per request for each side.
 */
const CHUNK = 500;
function race<T>(items: readonly T[], passes: number, a: (it: T) => boolean, b: (it: T) => boolean): { a: number; b: number; hitsA: number } {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) chunks.push(items.slice(i, i + CHUNK));
  const ta = chunks.map(() => [] as number[]);
  const tb = chunks.map(() => [] as number[]);
  let hitsA = 0;
  for (let p = 0; p < passes; p++) {
    hitsA = 0;
    chunks.forEach((c, i) => {
      if ((p + i) % 2 === 0) {
        const x = time(c, a);
        hitsA += x.hits;
        ta[i]!.push(x.ns);
        tb[i]!.push(time(c, b).ns);
      } else {
        tb[i]!.push(time(c, b).ns);
        const x = time(c, a);
        hitsA += x.hits;
        ta[i]!.push(x.ns);
      }
    });
  }
  const us = (t: number[][]) => t.reduce((sum, xs) => sum + median(xs), 0) / 1000 / items.length;
  return { a: us(ta), b: us(tb), hitsA };
}

export async function benchClassify(root: string, quick: boolean): Promise<Result[]> {
  const index = JSON.parse(readFileSync(join(root, 'src/generated/tracker-index.json'), 'utf8')) as TrackerIndex;
  const db = createTrackerDb(index);
  const { items, mix, trackerHosts } = buildCorpus(index);
  const list = trackerHosts.map((h) => `||${h}^$third-party`).join('\n');
  const engine = FiltersEngine.parse(list, { loadCosmeticFilters: false, loadNetworkFilters: true, enableCompression: false });

  // Do both classifiers agree? If not, the baseline is not doing the same job.
  let agree = 0;
  for (const it of items) if (classifyOurs(db, it) === classifyAdblocker(engine, it)) agree++;

  const ours = (it: CorpusItem) => classifyOurs(db, it);
  const theirs = (it: CorpusItem) => classifyAdblocker(engine, it);
  // the whole detector, with its request and context prepared as the engine would hand them over
  const prepared = items.map((it) => ({
    it,
    req: { phase: 'request' as const, url: it.url, type: it.type, method: 'GET', tabId: 1, frameId: 0, topUrl: it.pageUrl, at: 0 },
    ctx: {
      visit: { visitId: 'v', tabId: 1, url: it.pageUrl, site: it.pageSite, startedAt: 0 },
      trackers: db,
      catalog: [],
      siteOf,
      isThirdParty: (h: string) => !!h && siteOf(h) !== it.pageSite,
    } satisfies DetectorContext,
  }));
  type Prepared = (typeof prepared)[number];
  const wholeDetector = (p: Prepared) => trackersDetector.onRequest!(p.req, p.ctx).length > 0;

  const passes = quick ? 10 : 40;
  race(items, quick ? 3 : 8, ours, theirs); // warm-up: JIT both paths
  log(`classify: ${items.length} URLs, ${passes} passes, alternating chunk by chunk`);
  const r = race(items, passes, ours, theirs);
  const det = race(prepared, quick ? 5 : 15, wholeDetector, (p: Prepared) => ours(p.it));
  const usOurs = r.a;
  const usTheirs = r.b;
  const corpusLine = `corpus: ${items.length} URLs (${mix.trackers} tracker hosts, ${mix.knownNonTrackers} known non-tracker third parties, ${mix.firstParty} first party, ${mix.unknownThirdParty} unknown third parties); ${r.hitsA} classified as third-party trackers`;
  return [
    {
      name: 'classify_us_median',
      value: round(usOurs, 3),
      baseline: `sum of per-chunk medians over ${passes} passes; host + tracker lookup + (trackers only) tldts site for first/third party`,
      notes: [corpusLine, `whole trackersDetector.onRequest incl. building the finding draft: ${round(det.a, 3)} µs/request`],
    },
    {
      name: 'classify_vs_adblocker',
      value: round(usOurs / usTheirs, 3),
      baseline: `@ghostery/adblocker FiltersEngine.match (Request.fromRawDetails), ${trackerHosts.length} \`||host^$third-party\` rules: ${round(usTheirs, 3)} µs/request`,
      notes: [`both agree on ${round((100 * agree) / items.length, 2)}% of the corpus`],
    },
  ];
}
