import type { StoredFinding } from '../model/finding';
import type { CandorDb, VisitRow } from './db';

export async function visitForTab(db: CandorDb, tabId: number): Promise<VisitRow | undefined> {
  const tab = await db.tabs.get(tabId);
  return tab ? db.visits.get(tab.visitId) : undefined;
}

export async function findingsForVisit(db: CandorDb, visitId: string): Promise<StoredFinding[]> {
  return db.findings.where('visitId').equals(visitId).toArray();
}

export async function latestVisitForSite(db: CandorDb, site: string): Promise<VisitRow | undefined> {
  return db.visits.where('[site+startedAt]').between([site, 0], [site, Infinity]).last();
}
