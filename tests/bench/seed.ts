// Data for the UI figures: report rows shaped exactly as the FindingWriter stores them, written
// straight into the service worker's Dexie (globalThis.candor.db) over the DevTools protocol.
// Code sent to the worker is a string: tsx's helpers do not exist there.
import type { Worker } from 'playwright-core';
import type { TrackerIndex } from '../../src/detectors/tracker-index-build';
import type { StoredFinding } from '../../src/model/finding';

export interface Vendor {
  name: string;
  company: string;
  category: string;
  host: string;
}

/**
 * the first `n` tracker entities of the index with distinct names, each with one of its hosts. Names,
 * not entities: a finding's key is `tracker:${name}`, and a few names belong to two entities (our
 * catalog and third-party-web), whose findings would be one stored finding, not two.
 */
export function vendors(index: TrackerIndex, n: number): Vendor[] {
  const out: Vendor[] = [];
  const seen = new Set<string>();
  for (const [host, i] of Object.entries(index.suffixes)) {
    const e = index.entities[i]!;
    if (e.category === null || seen.has(e.name) || /^[\d.]+$/.test(host)) continue;
    seen.add(e.name);
    out.push({ name: e.name, company: e.company, category: e.category, host });
    if (out.length === n) break;
  }
  return out;
}

/** `n` tracker findings of one visit, three pieces of evidence each, as the writer merges them */
export function trackerFindings(vs: Vendor[], visitId: string, site: string, at: number): StoredFinding[] {
  return vs.map((v) => ({
    id: `${visitId}|tracker:${v.name}`,
    key: `tracker:${v.name}`,
    visitId,
    site,
    kind: 'tracker',
    vendor: v.name,
    company: v.company,
    category: v.category,
    source: 'network',
    confidence: 'certain',
    count: 3,
    firstAt: at,
    lastAt: at,
    evidence: [1, 2, 3].map((k) => ({ url: `https://${v.host}/collect?id=${k}&cid=1234567.89`, detail: `script request to ${v.host}`, at: new Date(at).toISOString() })),
    details: { domain: v.host },
  }));
}

/** Replaces the stored visit of tab `tabId` by one holding `findings`. */
export async function seedVisit(sw: Worker, tabId: number, url: string, site: string, visitId: string, findings: StoredFinding[]): Promise<void> {
  await sw.evaluate(
    `(async ({ tabId, url, site, visitId, findings }) => {
      const db = globalThis.candor.db;
      await globalThis.candor.whenIdle();
      // as the worker's writer stores a visit: its one report row, the findings as merged and as
      // finalised (these tracker findings are final as they are)
      await db.transaction('rw', db.visits, db.tabs, db.reports, async () => {
        await db.visits.put({ id: visitId, site, url, tabId, startedAt: Date.now(), trackerCount: findings.length, findingCount: findings.length });
        await db.reports.put({ visitId, site, findings, raw: findings });
        await db.tabs.put({ tabId, visitId });
      });
    })(${JSON.stringify({ tabId, url, site, visitId, findings })})`,
  );
}

/**
 * `sites` sites, one visit each with `perSite` tracker findings drawn from `vs`, in chunks so that no
 * single transaction holds everything. Returns how many findings are stored in all.
 */
export async function seedSites(sw: Worker, sites: number, perSite: number, vs: Vendor[]): Promise<number> {
  return sw.evaluate(
    `(async ({ sites, perSite, vs }) => {
      const db = globalThis.candor.db;
      const now = Date.now();
      let stored = 0;
      for (let start = 0; start < sites; start += 1000) {
        const siteRows = [], visitRows = [], reportRows = [];
        for (let i = start; i < Math.min(sites, start + 1000); i++) {
          const site = 'site' + i + '.bench-example.com';
          const visitId = 'bench-' + i;
          const at = now - i * 60000;
          siteRows.push({ site, firstSeen: at - 86400000, lastSeen: at, visits: 1 + (i % 7), lastUrl: 'https://www.' + site + '/', lastVisitId: visitId });
          // the summary the worker's writer stores with a visit (src/report/facts.ts visitSummary)
          const seen = new Map();
          for (let k = 0; k < perSite; k++) { const v = vs[(i * 7 + k * 13) % vs.length]; seen.set(v.company + '|' + v.category, { company: v.company, category: v.category }); }
          const seenBy = [...seen.values()].sort((x, y) => x.company.localeCompare(y.company) || x.category.localeCompare(y.category));
          visitRows.push({ id: visitId, site, url: 'https://www.' + site + '/', tabId: 1, startedAt: at, trackerCount: perSite, findingCount: perSite,
            summary: { findings: perSite, trackers: perSite, concerns: perSite, good: 0, seenBy } });
          const findingRows = [];
          for (let k = 0; k < perSite; k++) {
            const v = vs[(i * 7 + k * 13) % vs.length];
            findingRows.push({ id: visitId + '|tracker:' + v.name, key: 'tracker:' + v.name, visitId, site, kind: 'tracker', vendor: v.name, company: v.company,
              category: v.category, source: 'network', confidence: 'certain', count: 1, firstAt: at, lastAt: at,
              evidence: [{ url: 'https://' + v.host + '/collect', detail: 'script request to ' + v.host, at: new Date(at).toISOString() }], details: { domain: v.host } });
          }
          reportRows.push({ visitId, site, findings: findingRows, raw: findingRows });
          stored += findingRows.length;
        }
        await db.transaction('rw', db.sites, db.visits, db.reports, async () => {
          await db.sites.bulkPut(siteRows);
          await db.visits.bulkPut(visitRows);
          await db.reports.bulkPut(reportRows);
        });
      }
      return stored;
    })(${JSON.stringify({ sites, perSite, vs })})`,
  );
}
