// Seeds the extension's own database (in its service worker) with a fixture history.
import type { Launched } from '../../src/cli/launch';
import type { HistoryFixture } from '../fixtures/history';

export async function seedHistory(ext: Launched, h: HistoryFixture): Promise<void> {
  const sw = await ext.worker();
  // Passed as one JSON string: Playwright serialises a large object graph far more slowly.
  await sw.evaluate(async (json: string) => {
    const data = JSON.parse(json) as HistoryFixture;
    const db = (globalThis as unknown as { candor: { db: import('../../src/storage/db').CandorDb } }).candor.db;
    await db.transaction('rw', db.sites, db.visits, db.findings, async () => {
      await db.sites.bulkPut(data.sites);
      await db.visits.bulkPut(data.visits);
      await db.findings.bulkPut(data.findings);
    });
  }, JSON.stringify(h));
}

/** Reads a table's rows from the extension's database. */
export async function tableRows<T>(ext: Launched, table: 'sites' | 'visits' | 'findings' | 'reports' | 'settings'): Promise<T[]> {
  const sw = await ext.worker();
  return sw.evaluate(async (name: string) => {
    const db = (globalThis as unknown as { candor: { db: Record<string, { toArray(): Promise<unknown[]> }> } }).candor.db;
    return db[name]!.toArray();
  }, table) as Promise<T[]>;
}
