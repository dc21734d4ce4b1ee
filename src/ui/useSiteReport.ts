import { useLiveQuery } from 'dexie-react-hooks';
import type { SiteReport } from '../model/report';
import { buildSiteReport } from '../report/build';
import { getDb } from '../storage/db';
import { findingsForVisit } from '../storage/queries';

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

/** the report of one stored visit, as the popup and dashboard show it */
async function reportOfVisit(visitId: string | null | undefined): Promise<ReportState> {
  if (!visitId) return { status: 'no-visit' };
  const db = getDb();
  const v = await db.visits.get(visitId);
  if (!v) return { status: 'no-visit' };
  const findings = await findingsForVisit(db, visitId);
  const report = buildSiteReport({
    visit: { visitId: v.id, tabId: v.tabId, url: v.url, site: v.site, startedAt: v.startedAt },
    findings,
    tool: { version: version(), browser: navigator.userAgent.match(/(Firefox|Chrome)\/(\d+)/)?.slice(1).join(' ').toLowerCase() ?? 'unknown' },
  });
  return { status: 'ready', report };
}

/** The live report of one page visit: rebuilt whenever the background stores a finding for it. */
export function useVisitReport(visitId: string | null | undefined): ReportState {
  return useLiveQuery(() => reportOfVisit(visitId), [visitId]) ?? { status: 'loading' };
}

/** The current visit id of a tab, live. */
export function useTabVisitId(tabId: number | null): string | null | undefined {
  return useLiveQuery(async () => (tabId === null ? null : ((await getDb().tabs.get(tabId))?.visitId ?? null)), [tabId]);
}

/**
 * The live report of a tab's current visit, in one query: the tab's visit, then its findings. (Two
 * chained live queries cost the popup an extra render and round trip before the report shows.) It
 * follows the tab to its next visit, and the visit as findings are stored.
 */
export function useTabReport(tabId: number): ReportState & { visitId?: string } {
  const r = useLiveQuery(async () => {
    const visitId = (await getDb().tabs.get(tabId))?.visitId;
    const state = await reportOfVisit(visitId);
    return visitId ? { ...state, visitId } : state;
  }, [tabId]);
  return r ?? { status: 'loading' };
}
