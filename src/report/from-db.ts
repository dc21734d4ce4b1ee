// SiteReports for stored visits: what the dashboard shows and exports. One builder (src/report/build)
// for everything, so an export says exactly what the popup said.
import { buildSiteReport } from './build';
import type { SiteReport } from '../model/report';
import type { CandorDb, VisitRow } from '../storage/db';
import { factsForVisit, factsForVisits } from '../storage/queries';

export interface ToolInfo {
  version: string;
  browser: string;
}

/**
 * The report of one stored visit. `generatedAt` is the time of the visit: an exported history says
 * when each page was seen (and an import puts the visit back on that date).
 */
export async function reportForVisit(db: CandorDb, v: VisitRow, tool: ToolInfo): Promise<SiteReport> {
  const findings = await factsForVisit(db, v.id);
  return buildSiteReport({
    visit: { visitId: v.id, tabId: v.tabId, url: v.url, site: v.site, startedAt: v.startedAt },
    findings,
    tool,
    now: new Date(v.startedAt),
    limits: v,
  });
}

/** Every visit of one site (oldest first), or of all sites when `site` is undefined. */
export async function reportsForHistory(db: CandorDb, tool: ToolInfo, site?: string): Promise<SiteReport[]> {
  const visits = site
    ? await db.visits.where('[site+startedAt]').between([site, 0], [site, Infinity]).toArray()
    : await db.visits.orderBy('startedAt').toArray();
  const byVisit = await factsForVisits(db, visits.map((v) => v.id));
  return visits.map((v) =>
    buildSiteReport({
      visit: { visitId: v.id, tabId: v.tabId, url: v.url, site: v.site, startedAt: v.startedAt },
      findings: byVisit.get(v.id) ?? [],
      tool,
      now: new Date(v.startedAt),
      limits: v,
    }),
  );
}
