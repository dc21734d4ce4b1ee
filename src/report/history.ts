// The cross-site picture for the dashboard, from stored rows: which companies see you on how many
// sites (Lightbeam's idea), the site list with search and sort, and daily trends. Pure functions, so
// they are unit-tested and stay fast on 10,000 sites (one pass each, no per-site queries).
import type { StoredFinding } from '../model/finding';
import { isSeeing } from './facts';
import type { SiteRow, VisitRow } from '../storage/db';

/**
 * A company seen on a site: a stored finding, or an entry of a visit's summary (`seenBy`, which has
 * no kind: the worker already decided it sees you, with the same rule, src/report/facts.ts).
 */
export type CompanyFinding = Pick<StoredFinding, 'site' | 'company' | 'vendor' | 'category' | 'assessment'> & { kind?: StoredFinding['kind'] };

const seeing = (f: CompanyFinding): boolean => (f.kind === undefined ? !!(f.company ?? f.vendor) : isSeeing(f as Parameters<typeof isSeeing>[0]));

export interface CompanyReach {
  company: string;
  /** the sites it was seen on, sorted */
  sites: string[];
  /** sites.length / all sites seen, 0…1 */
  share: number;
  categories: string[];
}

export function companyReach(findings: readonly CompanyFinding[], totalSites: number): CompanyReach[] {
  const by = new Map<string, { sites: Set<string>; cats: Set<string> }>();
  for (const f of findings) {
    if (!seeing(f)) continue;
    const who = (f.company ?? f.vendor)!;
    const e = by.get(who) ?? { sites: new Set<string>(), cats: new Set<string>() };
    e.sites.add(f.site);
    if (f.category) e.cats.add(f.category);
    by.set(who, e);
  }
  const total = Math.max(totalSites, 1);
  return [...by.entries()]
    .map(([company, e]) => ({ company, sites: [...e.sites].sort(), share: Math.min(1, e.sites.size / total), categories: [...e.cats].sort() }))
    .sort((a, b) => b.sites.length - a.sites.length || a.company.localeCompare(b.company));
}

/** How many distinct companies see you on each site. */
export function companiesPerSite(findings: readonly CompanyFinding[]): Map<string, number> {
  const by = new Map<string, Set<string>>();
  for (const f of findings) {
    if (!seeing(f)) continue;
    const s = by.get(f.site) ?? new Set<string>();
    s.add((f.company ?? f.vendor)!);
    by.set(f.site, s);
  }
  return new Map([...by].map(([site, s]) => [site, s.size]));
}

export interface SiteListRow {
  site: string;
  visits: number;
  companies: number;
  lastSeen: number;
  firstSeen: number;
}

export type SiteSortKey = 'site' | 'visits' | 'companies' | 'lastSeen';
export type SortDir = 'asc' | 'desc';

export function siteListRows(sites: readonly SiteRow[], perSite: ReadonlyMap<string, number>): SiteListRow[] {
  return sites.map((s) => ({ site: s.site, visits: s.visits, companies: perSite.get(s.site) ?? 0, lastSeen: s.lastSeen, firstSeen: s.firstSeen }));
}

/** Case-insensitive substring search on the site name, then a stable sort (ties by name). */
export function filterSortSites(rows: readonly SiteListRow[], query: string, key: SiteSortKey, dir: SortDir): SiteListRow[] {
  const q = query.trim().toLowerCase();
  const out = q ? rows.filter((r) => r.site.includes(q)) : [...rows];
  const sign = dir === 'asc' ? 1 : -1;
  out.sort((a, b) => {
    const c = key === 'site' ? a.site.localeCompare(b.site) : (a[key] as number) - (b[key] as number);
    return c !== 0 ? sign * c : a.site.localeCompare(b.site);
  });
  return out;
}

export interface DayPoint {
  /** local date, YYYY-MM-DD */
  day: string;
  pages: number;
  sites: number;
  /** trackers per page that day (mean) */
  trackersPerPage: number;
}

function localDay(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** One point per day for the last `days` days (days without visits included, as zeros). */
export function dailyTrend(visits: readonly Pick<VisitRow, 'startedAt' | 'site' | 'trackerCount'>[], days: number, now = Date.now()): DayPoint[] {
  const acc = new Map<string, { pages: number; sites: Set<string>; trackers: number }>();
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - (days - 1));
  const order: string[] = [];
  for (let i = 0; i < days; i++) {
    const d = new Date(start);
    d.setDate(start.getDate() + i);
    const k = localDay(d.getTime());
    order.push(k);
    acc.set(k, { pages: 0, sites: new Set(), trackers: 0 });
  }
  for (const v of visits) {
    const a = acc.get(localDay(v.startedAt));
    if (!a) continue;
    a.pages++;
    a.sites.add(v.site);
    a.trackers += v.trackerCount;
  }
  return order.map((day) => {
    const a = acc.get(day)!;
    return { day, pages: a.pages, sites: a.sites.size, trackersPerPage: a.pages ? Math.round((a.trackers / a.pages) * 10) / 10 : 0 };
  });
}
