// store_visits_per_s in the service worker: the same workload as store-node.ts (visits with 30
// tracker findings each, requests not awaited one by one) through the worker's own Engine
// (globalThis.candor.engine: detectors, services, FindingWriter, badge updates) into the browser's
// real IndexedDB. Fake tab ids; their rows and visits are cleaned up afterwards.
import type { Pair } from './browsers';
import { log } from './stats';

const FIRST_TAB = 900_000;

export interface WorkerStoreRun {
  visitsPerS: number[];
  /** the same rows written with nothing else going on: IndexedDB's ceiling for the writer's layout (one row per visit) */
  floorVisitsPerS: number[];
  /** IndexedDB's ceiling for the earlier layout, one row per finding (what schema 2 wrote besides) */
  perFindingFloorVisitsPerS: number[];
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
        // the visit's one row: its merged findings as observed, and the finalised ones
        const stored = ((await db.reports.get(lastVisit))?.raw ?? []).length;
        for (let k = 0; k < 8; k++) { e.forgetTab(firstTab + k); await db.tabs.delete(firstTab + k); }
        return { ms, stored };
      })(${JSON.stringify({ hosts, batch, round: r, firstTab: FIRST_TAB })})`,
    )) as { ms: number; stored: number };
    if (res.stored !== hosts.length) throw new Error(`store bench (worker): expected ${hosts.length} findings for a visit, found ${res.stored}`);
    out.push((batch * 1000) / res.ms);
  }
  // What the database alone allows, after the measured rounds (so it cannot disturb them): a round's
  // rows (copies of the last visit's, new ids) put in one transaction by the raw IndexedDB API, no
  // engine, no Dexie; then deleted. `perVisit`: one report row per visit, the writer's layout;
  // otherwise one row per finding, the layout before it. A figure close to the first is bound by
  // IndexedDB's cost per stored byte and row, not by Candor's code.
  const floorOf = async (r: number, perVisit: boolean) =>
    (await sw.evaluate(
      `(async ({ batch, round, perVisit }) => {
        const db = globalThis.candor.db;
        const last = await db.visits.orderBy('startedAt').last();
        const report = await db.reports.get(last.id);
        const rows = [];
        for (let v = 0; v < batch; v++) {
          const visitId = 'floor-' + round + '-' + v;
          if (perVisit) rows.push({ ...report, visitId });
          else for (const f of report.raw) rows.push({ ...f, id: visitId + '|' + f.key, visitId });
        }
        const table = perVisit ? 'reports' : 'findings';
        const t0 = performance.now();
        await new Promise((resolve, reject) => {
          const tx = db.backendDB().transaction([table], 'readwrite');
          const store = tx.objectStore(table);
          for (const row of rows) store.put(row);
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
        const ms = performance.now() - t0;
        if (perVisit) await db.reports.where('visitId').startsWith('floor-' + round + '-').delete();
        else await db.findings.where('id').startsWith('floor-' + round + '-').delete();
        return ms;
      })(${JSON.stringify({ batch, round: r, perVisit })})`,
    )) as number;
  const floor: number[] = [];
  const perFinding: number[] = [];
  for (let r = 0; r < rounds; r++) {
    floor.push((batch * 1000) / (await floorOf(r, true)));
    perFinding.push((batch * 1000) / (await floorOf(r, false)));
  }
  return { visitsPerS: out, floorVisitsPerS: floor, perFindingFloorVisitsPerS: perFinding };
}
