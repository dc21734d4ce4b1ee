// The one Dexie database. Schema changes only ever add a version with an upgrade; version 1 is kept
// forever in tests/fixtures/db-v1 so every upgrade path stays tested.
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { StoredFinding } from '../model/finding';
import type { CleanCheckResult } from '../model/messages';
import { type VisitSummary, visitSummary } from '../report/facts';

export interface SiteRow {
  site: string;
  firstSeen: number;
  lastSeen: number;
  visits: number;
  lastUrl: string;
  lastVisitId: string;
}

export interface VisitRow {
  id: string;
  site: string;
  url: string;
  tabId: number;
  startedAt: number;
  /** trackers seen in this visit, kept current for the badge and the dashboard */
  trackerCount: number;
  findingCount: number;
  /** distinct findings not stored because the visit reached its cap (src/background/caps.ts) */
  dropped?: number;
  /** rows of page-keyed state (prices, countdowns, experiments, sightings) refused by their caps */
  rowsDropped?: number;
  /** page events and DOM snapshots not observed because the tab went over its budget (src/background/budget.ts) */
  throttled?: number;
  /** since schema 2: the visit's summary, written with its report row (src/report/facts.ts) */
  summary?: VisitSummary;
}

/**
 * Since schema 2: one row per visit holding its finalised findings, written by the worker when it
 * commits the visit (derived findings included, assessments decided). A report is built from this row
 * alone: the popup reads it with one lookup by primary key.
 */
export interface ReportRow {
  visitId: string;
  site: string;
  findings: StoredFinding[];
  /**
   * Since schema 3: the visit's findings as merged from what was observed, before the derive step:
   * the writer's state, from which it finalises `findings` again when more is observed. The visit's
   * one row: since schema 3 the writer stores no row per finding (v1/v2 finding rows stay readable).
   */
  raw?: StoredFinding[];
}

export interface TabRow {
  tabId: number;
  visitId: string;
}

export interface PriceRow {
  /** `${site}|${productKey}|${at}` */
  id: string;
  site: string;
  productKey: string;
  product: string;
  price: number;
  currency: string;
  url: string;
  at: number;
  visitId: string;
}

/** third party seen setting/reading identifiers on a first-party site (Privacy Badger's heuristic) */
export interface SightingRow {
  /** `${thirdParty}|${site}` */
  id: string;
  thirdParty: string;
  site: string;
  at: number;
  evidence: string;
}

/** Since schema 2: the result of "check this price in a clean visit", one per visit. */
export interface CleanCheckRow {
  visitId: string;
  site: string;
  at: number;
  result: CleanCheckResult;
}

/** Since schema 2: the deadline a countdown showed, per site, page and timer text (a restart on revisit is found from it). */
export interface CountdownRow {
  /** `${site}|${path}|${timer text with digits as #}` */
  id: string;
  site: string;
  visitId: string;
  deadline: number;
  at: number;
}

/** Since schema 2: a site's /.well-known/gpc.json, checked at most once a day per origin. */
export interface WellKnownRow {
  origin: string;
  /** the site (registrable domain) whose visit asked */
  site: string;
  gpc: boolean;
  lastUpdate?: string;
  checkedAt: number;
  url: string;
}

/** Since schema 2: the experiments a visit was found in so far, per vendor finding. */
export interface ExperimentsRow {
  /** `${visitId}|${finding key}` */
  id: string;
  visitId: string;
  site: string;
  at: number;
  list: { id: string }[];
}

export interface KeyValueRow {
  key: string;
  value: unknown;
}

/** The schema version this code writes (the highest `this.version(n)` below). */
export const DB_VERSION = 3;

/**
 * The database was written by a newer Candor (the person rolled an update back, or synced a profile
 * from a newer browser). Dexie 4 would open it anyway and this code would write rows of the older
 * shape into it; instead it stays closed, unchanged, and the person is told why.
 */
export class DatabaseTooNewError extends Error {
  constructor(readonly found: number) {
    super(
      `Candor’s saved history was written by a newer version of Candor (database version ${found}; this version reads up to ${DB_VERSION}). Nothing was changed or deleted. Update Candor to see your history again; until then, Candor records nothing.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** The error a failed open of the database reports, unwrapped from Dexie's DatabaseClosedError/OpenFailedError. */
export function tooNew(e: unknown): DatabaseTooNewError | null {
  for (let x = e as { inner?: unknown } | null, i = 0; x && i < 4; x = x.inner as typeof x, i++) if (x instanceof DatabaseTooNewError) return x;
  return null;
}

export class CandorDb extends Dexie {
  sites!: EntityTable<SiteRow, 'site'>;
  visits!: EntityTable<VisitRow, 'id'>;
  findings!: EntityTable<StoredFinding, 'id'>;
  tabs!: EntityTable<TabRow, 'tabId'>;
  prices!: EntityTable<PriceRow, 'id'>;
  sightings!: EntityTable<SightingRow, 'id'>;
  settings!: EntityTable<KeyValueRow, 'key'>;
  meta!: EntityTable<KeyValueRow, 'key'>;
  reports!: EntityTable<ReportRow, 'visitId'>;
  cleanChecks!: EntityTable<CleanCheckRow, 'visitId'>;
  countdowns!: EntityTable<CountdownRow, 'id'>;
  wellKnown!: EntityTable<WellKnownRow, 'origin'>;
  experiments!: EntityTable<ExperimentsRow, 'id'>;

  constructor(name = 'candor') {
    super(name);
    this.version(1).stores({
      sites: '&site, lastSeen',
      visits: '&id, site, tabId, startedAt, [site+startedAt]',
      findings: '&id, visitId, site, kind, lastAt',
      tabs: '&tabId',
      prices: '&id, site, productKey, at, [site+productKey]',
      sightings: '&id, thirdParty, site',
      settings: '&key',
      meta: '&key',
    });
    // 2: a report row per visit (its finalised findings) and a summary on the visit row; typed tables
    // for what v1 kept in `meta` under string keys, each with the site and visit it belongs to as an
    // index, so deletion and retention look rows up instead of parsing keys. Report rows of v1 visits
    // are built from their stored findings as they are (no detector runs in an upgrade, which may
    // happen in the popup); the worker re-finalises a visit the next time it writes to it. `meta` keeps
    // only rows of no known kind (none are written any more).
    this.version(2)
      .stores({
        tabs: '&tabId, visitId',
        sightings: '&id, thirdParty, site, at',
        reports: '&visitId, site',
        cleanChecks: '&visitId, site, at',
        countdowns: '&id, site, visitId, at',
        wellKnown: '&origin, site, checkedAt',
        experiments: '&id, visitId, site, at',
      })
      .upgrade((tx) => upgradeToV2(tx));
    // 3: one row per visit. The report row also holds the visit's merged findings as observed (`raw`),
    // the writer's state, so that a commit reads and writes one row per visit instead of one per
    // finding. v2 report rows get theirs from the visit's finding rows, which stay where they are
    // (read by older rows' fallbacks, removed with their visit by deletion, retention and pruning).
    this.version(3)
      .stores({})
      .upgrade((tx) => upgradeToV3(tx));
    // Runs once the browser has opened the database, before any query: a newer database than this code
    // (an IndexedDB version above 10 × DB_VERSION; Dexie stores version n as 10n, +1 for its own schema
    // repairs) fails the open, so every query rejects with DatabaseTooNewError and nothing is written.
    // (Schemas here only ever add: a newer one holds every table and index of this one, so Dexie has
    // nothing to repair before this runs. A newer schema that dropped an index would be re-added first.)
    this.on('ready', (db) => {
      const found = Math.floor((db as Dexie).backendDB().version / 10);
      if (found > DB_VERSION) {
        throw new DatabaseTooNewError(found);
      }
    });
  }
}

async function upgradeToV3(tx: Transaction): Promise<void> {
  const byVisit = new Map<string, StoredFinding[]>();
  await tx.table('findings').each((f: StoredFinding) => {
    const l = byVisit.get(f.visitId);
    if (l) l.push(f);
    else byVisit.set(f.visitId, [f]);
  });
  await tx.table('reports').toCollection().modify((r: ReportRow) => {
    r.raw ??= byVisit.get(r.visitId) ?? r.findings;
  });
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  const byVisit = new Map<string, StoredFinding[]>();
  await tx.table('findings').each((f: StoredFinding) => {
    const l = byVisit.get(f.visitId);
    if (l) l.push(f);
    else byVisit.set(f.visitId, [f]);
  });
  const rows: ReportRow[] = [];
  const visits = new Map<string, { site: string; startedAt: number }>();
  await tx.table('visits').toCollection().modify((v: VisitRow) => {
    const findings = byVisit.get(v.id) ?? [];
    rows.push({ visitId: v.id, site: v.site, findings });
    v.summary = visitSummary(findings);
    visits.set(v.id, { site: v.site, startedAt: v.startedAt });
  });
  await tx.table('reports').bulkPut(rows);

  // v1's meta keys, parsed once here and never again: experiments|<visitId>|<key>, clean-check|<visitId>,
  // countdown|<site>|…, gpc-well-known:<origin>
  const sites = ((await tx.table('sites').toCollection().primaryKeys()) as string[]).sort((a, b) => b.length - a.length);
  const siteOfHost = (host: string) => sites.find((s) => host === s || host.endsWith(`.${s}`)) ?? host;
  const clean: CleanCheckRow[] = [];
  const countdowns: CountdownRow[] = [];
  const wellKnown: WellKnownRow[] = [];
  const experiments: ExperimentsRow[] = [];
  const moved: string[] = [];
  for (const { key, value } of (await tx.table('meta').toArray()) as KeyValueRow[]) {
    const v = (value ?? {}) as Record<string, unknown>;
    if (/^(clean-check|experiments|countdown)\||^gpc-well-known:/.test(key)) moved.push(key);
    if (key.startsWith('clean-check|')) {
      const visitId = key.slice('clean-check|'.length);
      clean.push({ visitId, site: visits.get(visitId)?.site ?? '', at: Number(v.at) || 0, result: v as unknown as CleanCheckResult });
    } else if (key.startsWith('experiments|')) {
      const visitId = key.split('|')[1] ?? '';
      const visit = visits.get(visitId);
      experiments.push({ id: key.slice('experiments|'.length), visitId, site: visit?.site ?? '', at: visit?.startedAt ?? 0, list: Array.isArray(value) ? value : [] });
    } else if (key.startsWith('countdown|')) {
      countdowns.push({ id: key.slice('countdown|'.length), site: key.split('|')[1] ?? '', visitId: String(v.visitId ?? ''), deadline: Number(v.deadline) || 0, at: Number(v.at) || 0 });
    } else if (key.startsWith('gpc-well-known:')) {
      const origin = key.slice('gpc-well-known:'.length);
      let host = '';
      try {
        host = new URL(origin).hostname;
      } catch {
        moved.pop(); // not a URL: left in meta as it was
        continue;
      }
      wellKnown.push({ origin, site: siteOfHost(host), gpc: v.gpc === true, ...(typeof v.lastUpdate === 'string' ? { lastUpdate: v.lastUpdate } : {}), checkedAt: Number(v.checkedAt) || 0, url: String(v.url ?? `${origin}/.well-known/gpc.json`) });
    }
  }
  await Promise.all([
    tx.table('cleanChecks').bulkPut(clean),
    tx.table('countdowns').bulkPut(countdowns),
    tx.table('wellKnown').bulkPut(wellKnown),
    tx.table('experiments').bulkPut(experiments),
  ]);
  // rows of these four kinds now live in their tables; anything else in meta stays as it was
  await tx.table('meta').bulkDelete(moved);
}

let shared: CandorDb | undefined;
/** The database every part of the extension uses (background, popup, dashboard). */
export function getDb(): CandorDb {
  shared ??= new CandorDb();
  return shared;
}
