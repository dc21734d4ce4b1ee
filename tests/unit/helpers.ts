// Shared unit-test helpers: the real tracker index (built from third-party-web + our catalog) and a
// detector context for a page URL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogFromDir } from '../../src/catalog/load-node';
import { siteOf } from '../../src/background/site';
import { createTrackerDb, type TrackerDb } from '../../src/detectors/tracker-db';
import { buildTrackerIndex, type TrackerIndex } from '../../src/detectors/tracker-index-build';
import type { DetectorContext } from '../../src/detectors/types';
import type { RequestObservation, VisitInfo } from '../../src/model/observations';

export const ROOT = join(__dirname, '../..');
export const CATALOG = loadCatalogFromDir(join(ROOT, 'seeds/catalog'));
let index: TrackerIndex | undefined;
export function trackerIndex(): TrackerIndex {
  index ??= buildTrackerIndex(JSON.parse(readFileSync(join(ROOT, 'node_modules/third-party-web/dist/entities.json'), 'utf8')), CATALOG, 'third-party-web@test');
  return index;
}
let db: TrackerDb | undefined;
export function trackerDb(): TrackerDb {
  db ??= createTrackerDb(trackerIndex());
  return db;
}

export function visitFor(url: string, visitId = 'v1'): VisitInfo {
  return { visitId, tabId: 1, url, site: siteOf(new URL(url).hostname), startedAt: 1_700_000_000_000 };
}

export function ctxFor(url: string): DetectorContext {
  const visit = visitFor(url);
  return {
    visit,
    trackers: trackerDb(),
    catalog: CATALOG,
    siteOf,
    isThirdParty: (h) => !!h && siteOf(h) !== visit.site,
  };
}

export function req(url: string, over: Partial<RequestObservation> = {}): RequestObservation {
  return { phase: 'request', url, type: 'script', method: 'GET', tabId: 1, frameId: 0, topUrl: '', at: 1_700_000_000_000, ...over };
}

/** Every finding stored, as the writer keeps them: the merged findings in each visit's one report row. */
export async function storedFindings(db: import('../../src/storage/db').CandorDb): Promise<import('../../src/model/finding').StoredFinding[]> {
  return (await db.reports.toArray()).flatMap((r) => r.raw ?? []);
}
