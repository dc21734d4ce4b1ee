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
import { interleave, log, median, round } from './stats';

/** Exactly the decisions of trackersDetector.onRequest, without building the finding draft. */
export function classifyOurs(db: TrackerDb, it: CorpusItem): boolean {
  const host = hostOf(it.url);
  if (!host || siteOf(host) === it.pageSite) return false; // ctx.isThirdParty
  const m = db.lookup(host);
  if (!m || m.category === null) return false;
  return siteOf(host).length > 0; // the finding's `domain`
}

function classifyAdblocker(engine: FiltersEngine, it: CorpusItem): boolean {
  // The page's host and site are given precomputed, as our engine has them once per visit.
  const req = Request.fromRawDetails({ url: it.url, type: it.type, sourceHostname: it.pageHost, sourceDomain: it.pageSite });
  return engine.match(req).match;
}

/** µs per request over one pass of the corpus */
function pass(items: readonly CorpusItem[], f: (it: CorpusItem) => boolean): { us: number; hits: number } {
  let hits = 0;
  const t0 = process.hrtime.bigint();
  for (const it of items) if (f(it)) hits++;
  const ns = Number(process.hrtime.bigint() - t0);
  return { us: ns / 1000 / items.length, hits };
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
  const ctx = (it: CorpusItem): DetectorContext => ({
    visit: { visitId: 'v', tabId: 1, url: it.pageUrl, site: it.pageSite, startedAt: 0 },
    trackers: db,
    catalog: [],
    siteOf,
    isThirdParty: (h) => !!h && siteOf(h) !== it.pageSite,
  });
  const ctxs = items.map(ctx);
  const full = items.map((it) => ({ phase: 'request' as const, url: it.url, type: it.type, method: 'GET', tabId: 1, frameId: 0, topUrl: it.pageUrl, at: 0 }));
  const detectorPass = () => {
    const t0 = process.hrtime.bigint();
    let n = 0;
    for (let i = 0; i < full.length; i++) n += trackersDetector.onRequest!(full[i]!, ctxs[i]!).length;
    return { us: Number(process.hrtime.bigint() - t0) / 1000 / full.length, hits: n };
  };

  const warm = quick ? 3 : 8;
  for (let i = 0; i < warm; i++) {
    pass(items, ours);
    pass(items, theirs);
    detectorPass();
  }
  const runs = quick ? 10 : 40;
  log(`classify: ${items.length} URLs, ${runs} interleaved passes each`);
  const r = await interleave(runs, async () => pass(items, ours), async () => pass(items, theirs));
  const det = Array.from({ length: quick ? 5 : 15 }, detectorPass);
  const usOurs = median(r.a.map((x) => x.us));
  const usTheirs = median(r.b.map((x) => x.us));
  const corpusLine = `corpus: ${items.length} URLs (${mix.trackers} tracker hosts, ${mix.knownNonTrackers} known non-tracker third parties, ${mix.firstParty} first party, ${mix.unknownThirdParty} unknown third parties); ${r.a[0]!.hits} classified as third-party trackers`;
  return [
    {
      name: 'classify_us_median',
      value: round(usOurs, 3),
      baseline: `median of ${runs} passes; host + tldts first/third party + tracker lookup`,
      notes: [corpusLine, `whole trackersDetector.onRequest incl. building the finding draft: ${round(median(det.map((x) => x.us)), 3)} µs/request`],
    },
    {
      name: 'classify_vs_adblocker',
      value: round(usOurs / usTheirs, 3),
      baseline: `@ghostery/adblocker FiltersEngine.match (Request.fromRawDetails), ${trackerHosts.length} \`||host^$third-party\` rules: ${round(usTheirs, 3)} µs/request`,
      notes: [`both agree on ${round((100 * agree) / items.length, 2)}% of the corpus`],
    },
  ];
}
