// Live reads of the history for the dashboard (useLiveQuery: the background's writes show up live).
import { useLiveQuery } from 'dexie-react-hooks';
import { KIND_PRINCIPLE, type FindingKind } from '../../model/finding';
import { type CompanyFinding } from '../../report/history';
import { visitSummary } from '../../report/facts';
import { type CandorDb, getDb, type SiteRow, type VisitRow } from '../../storage/db';
import { factsForVisits } from '../../storage/queries';
import { useEffect, useMemo, useState } from 'react';

const PRIVACY_KINDS = (Object.keys(KIND_PRINCIPLE) as FindingKind[]).filter((k) => KIND_PRINCIPLE[k] === 'privacy');

export interface HistoryData {
  sites: SiteRow[];
  findings: CompanyFinding[];
  /** false while the findings are still being read (the site list shows before the company counts) */
  findingsReady: boolean;
}

/**
 * Who sees you where, from each visit's stored summary (the worker writes it with the visit, so the
 * dashboard counts exactly what the popup shows). Visits stored without one (seeded or imported
 * rows) are summarised from their report rows (or older versions' finding rows).
 */
export async function companiesSeen(db: CandorDb): Promise<CompanyFinding[]> {
  const out: CompanyFinding[] = [];
  const missing: VisitRow[] = [];
  await db.visits.each((v) => {
    if (!v.summary) return void missing.push(v);
    for (const s of v.summary.seenBy) out.push({ site: v.site, company: s.company, ...(s.category ? { category: s.category } : {}) });
  });
  for (let i = 0; i < missing.length; i += 500) {
    const ids = missing.slice(i, i + 500).map((v) => v.id);
    const byVisit = await factsForVisits(db, ids);
    for (const v of missing.slice(i, i + 500)) {
      for (const s of visitSummary((byVisit.get(v.id) ?? []).filter((f) => PRIVACY_KINDS.includes(f.kind))).seenBy) out.push({ site: v.site, company: s.company, ...(s.category ? { category: s.category } : {}) });
    }
  }
  return out;
}

/** All sites and the privacy findings that name a company (what "who sees you" is built from). */
export function useHistory(): HistoryData | undefined {
  const sites = useLiveQuery(() => getDb().sites.toArray(), []);
  const findings = useLiveQuery(() => companiesSeen(getDb()), []);
  return useMemo(() => {
    if (!sites) return undefined;
    // A tab still open on a deleted site can store a few more findings for it (the background keeps
    // its visit until the next page load); without their site they are not part of the history.
    const known = new Set(sites.map((s) => s.site));
    return { sites, findings: (findings ?? []).filter((f) => known.has(f.site)), findingsReady: !!findings };
  }, [sites, findings]);
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
