import type { StoredFinding } from '../model/finding';
import type { CandorDb, VisitRow } from './db';

export async function visitForTab(db: CandorDb, tabId: number): Promise<VisitRow | undefined> {
  const tab = await db.tabs.get(tabId);
  return tab ? db.visits.get(tab.visitId) : undefined;
}

/**
 * A visit's findings as merged from what was observed (before the derive step): its report row's
 * `raw` (schema 3), else the finding rows of older versions by the visitId index.
 */
export async function findingsForVisit(db: CandorDb, visitId: string): Promise<StoredFinding[]> {
  const row = await db.reports.get(visitId);
  return row?.raw ?? db.findings.where('visitId').equals(visitId).toArray();
}

export async function latestVisitForSite(db: CandorDb, site: string): Promise<VisitRow | undefined> {
  return db.visits.where('[site+startedAt]').between([site, 0], [site, Infinity]).last();
}

/**
 * The finalised findings of a visit, as the worker stored them in its report row: one lookup by
 * primary key. A visit written without one (seeded or imported rows, before the worker touched it)
 * falls back to its stored findings as they are, by the visitId index.
 */
export async function factsForVisit(db: CandorDb, visitId: string): Promise<StoredFinding[]> {
  const row = await db.reports.get(visitId);
  return row ? row.findings : findingsForVisit(db, visitId);
}

/** The finalised findings of many visits (the dashboard's exports), grouped by visit id. */
export async function factsForVisits(db: CandorDb, visitIds: readonly string[]): Promise<Map<string, StoredFinding[]>> {
  const out = new Map<string, StoredFinding[]>();
  const rows = await db.reports.bulkGet([...visitIds]);
  const missing: string[] = [];
  visitIds.forEach((id, i) => {
    const r = rows[i];
    if (r) out.set(id, r.findings);
    else missing.push(id);
  });
  for (let i = 0; i < missing.length; i += 500) {
    for (const f of await db.findings.where('visitId').anyOf(missing.slice(i, i + 500)).toArray()) {
      const l = out.get(f.visitId);
      if (l) l.push(f);
      else out.set(f.visitId, [f]);
    }
  }
  return out;
}
