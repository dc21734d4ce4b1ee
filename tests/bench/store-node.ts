// store_visits_per_s in Node: page visits, each with 30 distinct third-party trackers (30 findings),
// pushed through the real Engine (detectors, services, FindingWriter) into Dexie on fake-indexeddb,
// the way the background feeds it: visits start one after another, requests are not awaited one by
// one, the writer batches whatever queued meanwhile.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import Dexie from 'dexie';
import type { TrackerIndex } from '../../src/detectors/tracker-index-build';
import type { RequestObservation } from '../../src/model/observations';
import { log } from './stats';

/** 30 tracker hosts of 30 different third-party-web entities (catalog vendors also yield vendor
 *  findings), so every visit stores exactly 30 findings */
export function thirtyTrackerHosts(index: TrackerIndex): string[] {
  const seen = new Set<number>();
  const out: string[] = [];
  for (const [host, i] of Object.entries(index.suffixes)) {
    if (index.entities[i]!.category === null || index.entities[i]!.catalogId || seen.has(i) || /^[\d.]+$/.test(host)) continue;
    seen.add(i);
    out.push(host);
    if (out.length === 30) break;
  }
  return out;
}

export function requestFor(tabId: number, host: string, n: number, topUrl: string): RequestObservation {
  return { phase: 'request', url: `https://${host}/collect?v=${n}`, type: 'script', method: 'GET', tabId, frameId: 0, topUrl, at: Date.now() };
}

export interface StoreRun {
  visitsPerS: number[];
  findingsPerVisit: number;
}

export async function benchStoreNode(root: string, quick: boolean): Promise<StoreRun> {
  // fake-indexeddb for Dexie, whatever imported Dexie first
  Dexie.dependencies.indexedDB = indexedDB;
  Dexie.dependencies.IDBKeyRange = IDBKeyRange;
  const [{ Engine }, { DETECTORS }, { SERVICES }, { CandorDb }, { createTrackerDb }, { loadCatalogFromDir }] = await Promise.all([
    import('../../src/background/engine'),
    import('../../src/detectors'),
    import('../../src/background/services'),
    import('../../src/storage/db'),
    import('../../src/detectors/tracker-db'),
    import('../../src/catalog/load-node'),
  ]);
  const index = JSON.parse(readFileSync(join(root, 'src/generated/tracker-index.json'), 'utf8')) as TrackerIndex;
  const hosts = thirtyTrackerHosts(index);
  const db = new CandorDb(`bench-${Date.now()}`);
  await db.open();
  const engine = new Engine({ db, detectors: DETECTORS, services: SERVICES, trackers: createTrackerDb(index), catalog: loadCatalogFromDir(join(root, 'seeds/catalog')) });
  const batch = quick ? 30 : 100;
  const rounds = quick ? 3 : 5;
  log(`store (node, fake-indexeddb): ${rounds} rounds of ${batch} visits × ${hosts.length} trackers`);
  const visitsPerS: number[] = [];
  let tab = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const pending: Promise<void>[] = [];
    for (let v = 0; v < batch; v++) {
      const tabId = 1 + (tab++ % 8); // eight tabs, as a person browses
      const url = `https://www.site${r}-${v}.example/page`;
      await engine.startVisit(tabId, url);
      hosts.forEach((h, n) => pending.push(engine.onRequest(requestFor(tabId, h, n, url))));
    }
    await Promise.all(pending);
    await engine.writer.whenIdle();
    visitsPerS.push((batch * 1000) / (performance.now() - t0));
  }
  // a run that stored less than it claims would be a fast lie
  const last = await db.visits.orderBy('startedAt').last();
  const stored = last ? ((await db.reports.get(last.id))?.raw ?? []).length : 0;
  if (stored !== hosts.length) throw new Error(`store bench: expected ${hosts.length} findings for a visit, found ${stored}`);
  db.close();
  await Dexie.delete(db.name);
  return { visitsPerS, findingsPerVisit: stored };
}
