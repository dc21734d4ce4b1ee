// SiteReports for stored visits: what the dashboard shows and exports. One builder (src/report/build)
// for everything, so an export says exactly what the popup said.
import { buildSiteReport } from './build';
import type { SiteReport } from '../model/report';
import type { CandorDb, VisitRow } from '../storage/db';

export interface ToolInfo {
  version: string;
  browser: string;
}

/**
 * The report of one stored visit. `generatedAt` is the time of the visit: an exported history says
 * when each page was seen (and an import puts the visit back on that date).
 */
export async function reportForVisit(db: CandorDb, v: VisitRow, tool: ToolInfo): Promise<SiteReport> {
  const findings = await db.findings.where('visitId').equals(v.id).toArray();
  return buildSiteReport({
    visit: { visitId: v.id, tabId: v.tabId, url: v.url, site: v.site, startedAt: v.startedAt },
    findings,
    tool,
    now: new Date(v.startedAt),
  });
}

/** Every visit of one site (oldest first), or of all sites when `site` is undefined. */
export async function reportsForHistory(db: CandorDb, tool: ToolInfo, site?: string): Promise<SiteReport[]> {
  const visits = site
    ? await db.visits.where('[site+startedAt]').between([site, 0], [site, Infinity]).toArray()
    : await db.visits.orderBy('startedAt').toArray();
  const byVisit = new Map<string, import('../model/finding').StoredFinding[]>();
  const all = site ? await db.findings.where('site').equals(site).toArray() : await db.findings.toArray();
  for (const f of all) {
    const list = byVisit.get(f.visitId);
    if (list) list.push(f);
    else byVisit.set(f.visitId, [f]);
  }
  return visits.map((v) =>
    buildSiteReport({
      visit: { visitId: v.id, tabId: v.tabId, url: v.url, site: v.site, startedAt: v.startedAt },
      findings: byVisit.get(v.id) ?? [],
      tool,
      now: new Date(v.startedAt),
    }),
  );
}
