// store_visits_per_s in the service worker: the same workload as store-node.ts (visits with 30
// tracker findings each, requests not awaited one by one) through the worker's own Engine
// (globalThis.candor.engine: detectors, services, FindingWriter, badge updates) into the browser's
// real IndexedDB. Fake tab ids; their rows and visits are cleaned up afterwards.
import type { Pair } from './browsers';
import { log } from './stats';

const FIRST_TAB = 900_000;

export interface WorkerStoreRun {
  visitsPerS: number[];
  /** the same rows written with nothing else going on: IndexedDB's ceiling for one row per finding */
  floorVisitsPerS: number[];
}

export async function benchStoreWorker(pair: Pair, hosts: string[], quick: boolean): Promise<WorkerStoreRun> {
  const batch = quick ? 30 : 100;
  const rounds = quick ? 3 : 5;
  log(`store (service worker, IndexedDB): ${rounds} rounds of ${batch} visits × ${hosts.length} trackers`);
  const sw = await pair.ext.worker();
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const res = (await sw.evaluate(
      `(async ({ hosts, batch, round, firstTab }) => {
        const e = globalThis.candor.engine;
        const db = globalThis.candor.db;
        const t0 = performance.now();
        const pending = [];
        let lastVisit = '';
        for (let v = 0; v < batch; v++) {
          const tabId = firstTab + (v % 8);
          const url = 'https://www.swsite' + round + '-' + v + '.example/page';
          lastVisit = (await e.startVisit(tabId, url)).visitId;
          hosts.forEach((h, n) => pending.push(e.onRequest({ phase: 'request', url: 'https://' + h + '/collect?v=' + n, type: 'script', method: 'GET', tabId, frameId: 0, topUrl: url, at: Date.now() })));
        }
        await Promise.all(pending);
        await e.writer.whenIdle();
        const ms = performance.now() - t0;
        const stored = await db.findings.where('visitId').equals(lastVisit).count();
        for (let k = 0; k < 8; k++) { e.forgetTab(firstTab + k); await db.tabs.delete(firstTab + k); }
        return { ms, stored };
      })(${JSON.stringify({ hosts, batch, round: r, firstTab: FIRST_TAB })})`,
    )) as { ms: number; stored: number };
    if (res.stored !== hosts.length) throw new Error(`store bench (worker): expected ${hosts.length} findings for a visit, found ${res.stored}`);
    out.push((batch * 1000) / res.ms);
  }
  // What the database alone allows, after the measured rounds (so it cannot disturb them): a round's
  // finding rows (copies of the last visit's, new ids) put in one transaction by the raw IndexedDB
  // API, no engine, no Dexie; then deleted. A figure close to this is bound by IndexedDB's cost per
  // stored row, not by Candor's code.
  const floor: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const ms = (await sw.evaluate(
      `(async ({ batch, round }) => {
        const db = globalThis.candor.db;
        const last = await db.visits.orderBy('startedAt').last();
        const sample = await db.findings.where('visitId').equals(last.id).toArray();
        const rows = [];
        for (let v = 0; v < batch; v++) for (const f of sample) rows.push({ ...f, id: 'floor-' + round + '-' + v + '|' + f.key, visitId: 'floor-' + round + '-' + v });
        const t0 = performance.now();
        await new Promise((resolve, reject) => {
          const tx = db.backendDB().transaction(['findings'], 'readwrite');
          const store = tx.objectStore('findings');
          for (const row of rows) store.put(row);
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
        const ms = performance.now() - t0;
        await db.findings.where('id').startsWith('floor-' + round + '-').delete();
        return ms;
      })(${JSON.stringify({ batch, round: r })})`,
    )) as number;
    floor.push((batch * 1000) / ms);
  }
  return { visitsPerS: out, floorVisitsPerS: floor };
}
