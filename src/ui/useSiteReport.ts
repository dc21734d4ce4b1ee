// The popup's live report of a tab's current visit, read without Dexie (src/storage/stored.ts): one
// transaction reads the tab's row, its visit and the visit's report row (the findings the worker
// finalised when it stored them), and the one pure builder makes the report. It follows the tab to its
// next visit, and the visit as the worker stores more of it.
import type { SiteReport } from '../model/report';
import { buildSiteReport } from '../report/build';
import { readTabVisit, type StoredVisit } from '../storage/stored';
import { useStored } from './useStored';

export type ReportState =
  | { status: 'loading' }
  | { status: 'no-visit' }
  | { status: 'ready'; report: SiteReport };

const version = (): string => {
  try {
    return (globalThis as unknown as { chrome?: { runtime?: { getManifest?: () => { version: string } } } }).chrome?.runtime?.getManifest?.().version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
};

/** the report of one stored visit, as the popup shows it */
export function reportOfStored(s: StoredVisit | null): ReportState {
  if (!s) return { status: 'no-visit' };
  const v = s.visit;
  const report = buildSiteReport({
    visit: { visitId: v.id, tabId: v.tabId, url: v.url, site: v.site, startedAt: v.startedAt },
    findings: s.findings,
    limits: v,
    tool: { version: version(), browser: navigator.userAgent.match(/(Firefox|Chrome)\/(\d+)/)?.slice(1).join(' ').toLowerCase() ?? 'unknown' },
  });
  return { status: 'ready', report };
}

/** the tables whose rows the popup's report is read from */
const TABLES = ['tabs', 'visits', 'reports', 'findings'] as const;

/** The live report of a tab's current visit. */
export function useTabReport(tabId: number): ReportState & { visitId?: string } {
  return (
    useStored(
      TABLES,
      async (db) => {
        const s = db ? await readTabVisit(db, tabId) : null;
        const state = reportOfStored(s);
        return s ? { ...state, visitId: s.visit.id } : state;
      },
      [tabId],
    ) ?? { status: 'loading' }
  );
}
