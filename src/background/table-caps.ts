// Caps on the tables whose rows a page can make the worker write under keys the page chooses (see
// caps.ts for the numbers): price observations and countdown deadlines, which the writer stores in the
// same transaction as the findings that rest on them (`StateRow`, writer.ts), and experiment lists and
// learned-tracker sightings, which their services keep up to date themselves. Pure Dexie over the
// passed-in database; each function runs inside the caller's transaction when there is one.
import type { CandorDb, CountdownRow, PriceRow } from '../storage/db';
import type { Caps } from './caps';

/**
 * A row of detector state that must be stored with the finding it leads to, never before it: a price
 * seen on this visit, the deadline a countdown showed. Stored earlier, a worker killed before the
 * finding is written leaves the state saying "seen on this visit" and the finding is never made again;
 * stored later, the next visit does not compare against it. The first row of a visit for a key
 * stands: rescans of the same page change nothing.
 */
export type StateRow = { table: 'prices'; row: PriceRow } | { table: 'countdowns'; row: CountdownRow };

/** Tables StateRows go to (the writer's transaction spans them). */
export function stateTables(db: CandorDb) {
  return [db.prices, db.countdowns] as const;
}

/**
 * Stores state rows within their caps. Returns, per visit id, how many rows were refused (a visit over
 * its cap); a site over its cap loses its oldest rows instead.
 */
export async function applyState(db: CandorDb, rows: readonly StateRow[], caps: Caps): Promise<Map<string, number>> {
  const refused = new Map<string, number>();
  const trim = new Map<string, Set<StateRow['table']>>();
  for (const s of rows) {
    const { row } = s;
    const table = s.table === 'prices' ? db.prices : db.countdowns;
    const existing = (await table.get(row.id)) as PriceRow | CountdownRow | undefined;
    if (existing?.visitId === row.visitId) continue; // the first reading of this visit stands
    if (!existing) {
      // a new key: within the visit's cap
      const ofVisit =
        s.table === 'prices'
          ? await db.prices.where('site').equals(row.site).filter((r) => r.visitId === row.visitId).count()
          : await db.countdowns.where('visitId').equals(row.visitId).count();
      if (ofVisit >= (s.table === 'prices' ? caps.pricesPerVisit : caps.countdownsPerVisit)) {
        refused.set(row.visitId, (refused.get(row.visitId) ?? 0) + 1);
        continue;
      }
      let t = trim.get(row.site);
      if (!t) trim.set(row.site, (t = new Set()));
      t.add(s.table);
    }
    if (s.table === 'prices') await db.prices.put(s.row);
    else await db.countdowns.put(s.row);
  }
  for (const [site, tables] of trim) {
    if (tables.has('prices')) await trimSite(db.prices, site, caps.pricesPerSite);
    if (tables.has('countdowns')) await trimSite(db.countdowns, site, caps.countdownsPerSite);
  }
  return refused;
}

/** Deletes a site's oldest rows (by `at`) beyond `cap`. */
async function trimSite(table: CandorDb['prices'] | CandorDb['countdowns'], site: string, cap: number): Promise<void> {
  const n = await table.where('site').equals(site).count();
  if (n <= cap) return;
  const rows = (await table.where('site').equals(site).sortBy('at')) as { id: string }[];
  await table.bulkDelete(rows.slice(0, n - cap).map((r) => r.id));
}

/** Whether a visit may add an experiments row for a new vendor (rows already there are updated). */
export async function experimentsRoom(db: CandorDb, visitId: string, key: string, caps: Caps): Promise<boolean> {
  if (await db.experiments.get(key)) return true;
  return (await db.experiments.where('visitId').equals(visitId).count()) < caps.experimentsPerVisit;
}

/** Whether a site may record a sighting of a third party not sighted on it yet. */
export async function sightingsRoom(db: CandorDb, id: string, site: string, caps: Caps): Promise<boolean> {
  if (await db.sightings.get(id)) return true;
  return (await db.sightings.where('site').equals(site).count()) < caps.sightingsPerSite;
}
