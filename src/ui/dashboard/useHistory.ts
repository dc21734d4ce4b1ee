// Live reads of the history for the dashboard (useLiveQuery: the background's writes show up live).
import { useLiveQuery } from 'dexie-react-hooks';
import { KIND_PRINCIPLE, type FindingKind } from '../../model/finding';
import { type CompanyFinding } from '../../report/history';
import { getDb, type SiteRow, type VisitRow } from '../../storage/db';
import { useEffect, useState } from 'react';

const PRIVACY_KINDS = (Object.keys(KIND_PRINCIPLE) as FindingKind[]).filter((k) => KIND_PRINCIPLE[k] === 'privacy');

export interface HistoryData {
  sites: SiteRow[];
  findings: CompanyFinding[];
}

/** All sites and the privacy findings that name a company (what "who sees you" is built from). */
export function useHistory(): HistoryData | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const [sites, fs] = await Promise.all([db.sites.toArray(), db.findings.where('kind').anyOf(PRIVACY_KINDS).toArray()]);
    const findings: CompanyFinding[] = fs.map((f) => ({ site: f.site, kind: f.kind, company: f.company, vendor: f.vendor, category: f.category, assessment: f.assessment }));
    return { sites, findings };
  }, []);
}

export function useVisitsSince(since: number): VisitRow[] | undefined {
  return useLiveQuery(() => getDb().visits.where('startedAt').aboveOrEqual(since).toArray(), [since]);
}

/** The current hash route: "sites" | "companies" | "trends" | "data" | "site/<name>". */
export function useRoute(): string {
  const read = () => decodeURIComponent(location.hash.replace(/^#\/?/, '')) || 'sites';
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function siteHref(site: string): string {
  return `#site/${encodeURIComponent(site)}`;
}
