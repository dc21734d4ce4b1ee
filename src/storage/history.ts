// The history a person keeps (or throws away): delete one site, wipe everything, and the retention
// sweep. Pure Dexie over the passed-in database, so the dashboard, the background alarm and unit
// tests all run the same code.
import type { CandorDb, VisitRow } from './db';

const DAY = 86_400_000;

/** Every table that holds history (settings are the person's choices, not their history). */
function historyTables(db: CandorDb) {
  return [db.sites, db.visits, db.findings, db.reports, db.tabs, db.prices, db.sightings, db.cleanChecks, db.countdowns, db.wellKnown, db.experiments, db.meta];
}

/** The tables whose rows belong to a site and to one of its visits (both indexed). */
function perVisitTables(db: CandorDb) {
  return [db.reports, db.cleanChecks, db.experiments] as const;
}

/**
 * Everything Candor stored about one site: its row, visits, findings, report rows, prices, sightings,
 * price checks, countdowns, GPC checks and experiments. Every row is found by an exact lookup of the
 * site (or of one of its visits) on an index, never by matching a name: deleting `a.com` cannot touch
 * `aa.com` or `a.com.evil.net`.
 */
export async function deleteSite(db: CandorDb, site: string): Promise<void> {
  await db.transaction('rw', historyTables(db), async () => {
    const visitIds = await db.visits.where('site').equals(site).primaryKeys();
    await Promise.all([
      db.findings.where('site').equals(site).delete(),
      db.visits.bulkDelete(visitIds),
      visitIds.length ? db.tabs.where('visitId').anyOf(visitIds).delete() : 0,
      db.prices.where('site').equals(site).delete(),
      db.sightings.where('site').equals(site).delete(),
      db.sites.delete(site),
      db.countdowns.where('site').equals(site).delete(),
      db.wellKnown.where('site').equals(site).delete(),
      ...perVisitTables(db).flatMap((t) => [t.where('site').equals(site).delete(), visitIds.length ? t.where('visitId').anyOf(visitIds).delete() : 0]),
    ]);
  });
}

/** Every observation Candor holds. Settings stay (they are the person's choices, not their history). */
export async function wipeHistory(db: CandorDb): Promise<void> {
  // the caches beside the history (which sites answered gpc.json, countdowns seen…) go with it
  await db.transaction('rw', historyTables(db), async () => {
    await Promise.all(historyTables(db).map((t) => t.clear()));
  });
}

/**
 * Deletes visits (with their findings), prices and sightings older than `retentionDays`. A site with
 * no visit left disappears; a site with some left has its counts recomputed from what remains.
 */
export async function sweepExpired(db: CandorDb, retentionDays: number, now = Date.now()): Promise<{ visits: number; sites: number }> {
  if (!(retentionDays > 0)) return { visits: 0, sites: 0 };
  const cutoff = now - retentionDays * DAY;
  return db.transaction('rw', historyTables(db), async () => {
    const old = await db.visits.where('startedAt').below(cutoff).toArray();
    const oldIds = old.map((v) => v.id);
    for (let i = 0; i < oldIds.length; i += 500) {
      const ids = oldIds.slice(i, i + 500);
      await Promise.all([db.findings, db.tabs, ...perVisitTables(db)].map((t) => t.where('visitId').anyOf(ids).delete()));
    }
    await db.visits.bulkDelete(oldIds);
    await Promise.all([
      db.prices.where('at').below(cutoff).delete(),
      db.sightings.where('at').below(cutoff).delete(),
      db.cleanChecks.where('at').below(cutoff).delete(),
      db.experiments.where('at').below(cutoff).delete(),
      db.countdowns.where('at').below(cutoff).delete(),
      db.wellKnown.where('checkedAt').below(cutoff).delete(),
    ]);
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
