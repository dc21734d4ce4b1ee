// store_visits_per_s in the service worker: the same workload as store-node.ts (visits with 30
// tracker findings each, requests not awaited one by one) through the worker's own Engine
// (globalThis.candor.engine: detectors, services, FindingWriter, badge updates) into the browser's
// real IndexedDB. Fake tab ids; their rows and visits are cleaned up afterwards.
import type { Pair } from './browsers';
import { log } from './stats';

const FIRST_TAB = 900_000;

export async function benchStoreWorker(pair: Pair, hosts: string[], quick: boolean): Promise<number[]> {
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
  return out;
}
