// The history a person keeps (or throws away): delete one site, wipe everything, and the retention
// sweep. Pure Dexie over the passed-in database, so the dashboard, the background alarm and unit
// tests all run the same code.
import type { CandorDb, VisitRow } from './db';

const DAY = 86_400_000;

/** Everything Candor stored about one site: its row, visits, findings, prices and sightings. */
export async function deleteSite(db: CandorDb, site: string): Promise<void> {
  await db.transaction('rw', [db.sites, db.visits, db.findings, db.tabs, db.prices, db.sightings], async () => {
    const visitIds = await db.visits.where('site').equals(site).primaryKeys();
    await db.findings.where('site').equals(site).delete();
    await db.visits.bulkDelete(visitIds);
    const ids = new Set(visitIds);
    await db.tabs.filter((t) => ids.has(t.visitId)).delete();
    await db.prices.where('site').equals(site).delete();
    await db.sightings.where('site').equals(site).delete();
    await db.sites.delete(site);
  });
}

/** Every observation Candor holds. Settings stay (they are the person's choices, not their history). */
export async function wipeHistory(db: CandorDb): Promise<void> {
  await db.transaction('rw', [db.sites, db.visits, db.findings, db.tabs, db.prices, db.sightings], async () => {
    await Promise.all([db.sites.clear(), db.visits.clear(), db.findings.clear(), db.tabs.clear(), db.prices.clear(), db.sightings.clear()]);
  });
}

/**
 * Deletes visits (with their findings), prices and sightings older than `retentionDays`. A site with
 * no visit left disappears; a site with some left has its counts recomputed from what remains.
 */
export async function sweepExpired(db: CandorDb, retentionDays: number, now = Date.now()): Promise<{ visits: number; sites: number }> {
  if (!(retentionDays > 0)) return { visits: 0, sites: 0 };
  const cutoff = now - retentionDays * DAY;
  return db.transaction('rw', [db.sites, db.visits, db.findings, db.tabs, db.prices, db.sightings], async () => {
    const old = await db.visits.where('startedAt').below(cutoff).toArray();
    const oldIds = old.map((v) => v.id);
    for (let i = 0; i < oldIds.length; i += 500) await db.findings.where('visitId').anyOf(oldIds.slice(i, i + 500)).delete();
    await db.visits.bulkDelete(oldIds);
    const gone = new Set(oldIds);
    await db.tabs.filter((t) => gone.has(t.visitId)).delete();
    await db.prices.where('at').below(cutoff).delete();
    await db.sightings.filter((s) => s.at < cutoff).delete();
    let sitesGone = 0;
    for (const site of new Set(old.map((v) => v.site))) {
      const left: VisitRow[] = await db.visits.where('[site+startedAt]').between([site, 0], [site, Infinity]).toArray();
      if (left.length === 0) {
        await db.sites.delete(site);
        sitesGone++;
        continue;
      }
      const last = left[left.length - 1]!;
      await db.sites.update(site, { visits: left.length, firstSeen: left[0]!.startedAt, lastSeen: last.startedAt, lastUrl: last.url, lastVisitId: last.id });
    }
    return { visits: oldIds.length, sites: sitesGone };
  });
}
