// The history a person keeps (or throws away): delete one site, wipe everything, and the retention
// sweep. Pure Dexie over the passed-in database, so the dashboard, the background alarm and unit
// tests all run the same code.
import type { CandorDb, VisitRow } from './db';

const DAY = 86_400_000;

/**
 * The `meta` rows kept beside the history (src/background/services, handlers/prices.ts) belong to a
 * visit (`experiments|<visitId>|…`, `clean-check|<visitId>`) or to a site (`countdown|<site>|…`,
 * `gpc-well-known:<origin>`), and carry the time they were written (`at` / `checkedAt`). They go
 * with their visit or site, and expire like everything else.
 */
function metaVisitId(key: string): string | null {
  const m = /^(?:experiments|clean-check)\|([^|]+)/.exec(key);
  return m ? m[1]! : null;
}

function metaSite(key: string): string | null {
  const cd = /^countdown\|([^|]+)\|/.exec(key);
  if (cd) return cd[1]!;
  const gpc = /^gpc-well-known:https?:\/\/([^/:]+)/.exec(key);
  return gpc ? gpc[1]! : null;
}

function metaWrittenAt(value: unknown): number | null {
  const v = value as { at?: unknown; checkedAt?: unknown } | null;
  const t = typeof v?.at === 'number' ? v.at : typeof v?.checkedAt === 'number' ? v.checkedAt : null;
  return t;
}

const hostIsOf = (host: string, site: string) => host === site || host.endsWith(`.${site}`);

/** Everything Candor stored about one site: its row, visits, findings, prices and sightings. */
export async function deleteSite(db: CandorDb, site: string): Promise<void> {
  await db.transaction('rw', [db.sites, db.visits, db.findings, db.tabs, db.prices, db.sightings, db.meta], async () => {
    const visitIds = await db.visits.where('site').equals(site).primaryKeys();
    await db.findings.where('site').equals(site).delete();
    await db.visits.bulkDelete(visitIds);
    const ids = new Set(visitIds);
    await db.tabs.filter((t) => ids.has(t.visitId)).delete();
    await db.prices.where('site').equals(site).delete();
    await db.sightings.where('site').equals(site).delete();
    await db.sites.delete(site);
    await db.meta
      .filter((m) => {
        const v = metaVisitId(m.key);
        const s = metaSite(m.key);
        return (v !== null && ids.has(v)) || (s !== null && hostIsOf(s, site));
      })
      .delete();
  });
}

/** Every observation Candor holds. Settings stay (they are the person's choices, not their history). */
export async function wipeHistory(db: CandorDb): Promise<void> {
  await db.transaction('rw', [db.sites, db.visits, db.findings, db.tabs, db.prices, db.sightings, db.meta], async () => {
    // meta holds only caches derived from visits (which sites answered gpc.json, countdowns seen…)
    await Promise.all([db.sites.clear(), db.visits.clear(), db.findings.clear(), db.tabs.clear(), db.prices.clear(), db.sightings.clear(), db.meta.clear()]);
  });
}

/**
 * Deletes visits (with their findings), prices and sightings older than `retentionDays`. A site with
 * no visit left disappears; a site with some left has its counts recomputed from what remains.
 */
export async function sweepExpired(db: CandorDb, retentionDays: number, now = Date.now()): Promise<{ visits: number; sites: number }> {
  if (!(retentionDays > 0)) return { visits: 0, sites: 0 };
  const cutoff = now - retentionDays * DAY;
  return db.transaction('rw', [db.sites, db.visits, db.findings, db.tabs, db.prices, db.sightings, db.meta], async () => {
    const old = await db.visits.where('startedAt').below(cutoff).toArray();
    const oldIds = old.map((v) => v.id);
    for (let i = 0; i < oldIds.length; i += 500) await db.findings.where('visitId').anyOf(oldIds.slice(i, i + 500)).delete();
    await db.visits.bulkDelete(oldIds);
    const gone = new Set(oldIds);
    await db.tabs.filter((t) => gone.has(t.visitId)).delete();
    await db.prices.where('at').below(cutoff).delete();
    await db.sightings.filter((s) => s.at < cutoff).delete();
    await db.meta
      .filter((m) => {
        const v = metaVisitId(m.key);
        const at = metaWrittenAt(m.value);
        return (v !== null && gone.has(v)) || (at !== null && at < cutoff);
      })
      .delete();
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
