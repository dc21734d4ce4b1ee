// Batched, crash-safe persistence of visits and findings. Visit starts and finding drafts queue while
// one transaction runs; the next transaction writes everything queued meanwhile, so one transaction
// covers many page visits (measured: a transaction per visit capped storage at ~60 visits/s in the
// worker). A transaction is atomic, so a dying service worker or a full disk never leaves half a batch
// behind: it is either all stored or all still pending. A visit start is queued before any finding of
// that visit can be, so a finding is never stored in an earlier transaction than its visit row.
//
// When a visit row becomes durable: when the next transaction after Engine.startVisit commits. It
// starts at once when the writer is idle, otherwise right after the running one, as a transaction of
// startVisit's own would have (IndexedDB runs overlapping read-write transactions one after the other);
// what is later than before is only the commit, by the time to write the findings queued in the same
// batch (milliseconds for a real page, up to a second in the benchmark's burst of 100 visits on a busy
// machine). startVisit no longer waits for it; whatever must be stored first awaits add()/whenIdle(),
// which resolve only after the batch holding the visit is committed.
// A worker killed in that window loses the visit row (and the findings queued with it, which were
// only in memory anyway). After the restart the tab's row still names the previous visit; the engine
// checks the tab's current URL when it recovers a visit (Engine.visitFor) and starts a visit of the
// site the tab now shows, so what the page re-sends is not credited to the previous site.
//
// What a killed worker cannot keep: drafts queued here in memory when the worker is stopped (the
// few milliseconds between a webRequest event and its transaction committing) are gone; Chrome does
// not redeliver webRequest events. Content-script messages are answered only after their findings
// are stored, so the content script re-sends what a dying worker did not store (content-main.ts).
import type { FindingDraft, StoredFinding } from '../model/finding';
import type { VisitInfo } from '../model/observations';
import { visitSummary } from '../report/facts';
import type { CandorDb, ReportRow, SiteRow, VisitRow } from '../storage/db';
import { type Caps, CAPS } from './caps';
import type { Finaliser } from './finalise';
import { capKey, findingId, mergeDraft } from './merge';
import { applyState, type StateRow, stateTables } from './table-caps';

export interface WriteError {
  at: number;
  name: string;
  message: string;
}

/** per finding id: the drafts to merge, and repeats beyond those that only add to the count */
type Batch = Map<string, { visit: VisitInfo; items: { d: FindingDraft; at: number }[]; extra: number; lastAt: number }>;

/** What was not observed or not stored for a visit because of a cap or a budget, to add to its row. */
export interface Limited {
  /** rows of page-keyed state refused by their cap (table-caps.ts) */
  rows?: number;
  /** page events and DOM snapshots dropped by the tab's budget (budget.ts) */
  observations?: number;
}

/** one transaction's work */
interface Work {
  batch: Batch;
  starts: VisitInfo[];
  state: StateRow[];
  limited: Map<string, { visit: VisitInfo; l: Required<Limited> }>;
}

/** IndexedDB reports a full disk as QuotaExceededError, or as an aborted transaction caused by one. */
export function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; message?: string; inner?: { name?: string } } | null;
  return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError' || /quota/i.test(String(err?.message ?? ''));
}

const RETRIES = 3;

export class FindingWriter {
  private pending: Batch = new Map();
  /** visits begun since the last transaction, in order */
  private starts: VisitInfo[] = [];
  /** the starts of the transaction under way */
  private writing: VisitInfo[] = [];
  /** state rows to store with the next transaction's findings */
  private state: StateRow[] = [];
  private limited: Work['limited'] = new Map();
  /** visits whose tab closed before they were stored: their tab row must not be written back */
  private tabClosed = new WeakSet<VisitInfo>();
  private running: Promise<void> | null = null;
  lastError: WriteError | null = null;

  constructor(
    private db: CandorDb,
    private onWritten: (visitIds: Set<string>) => void = () => {},
    private now: () => number = Date.now,
    private caps: Caps = { ...CAPS },
    /** the derive step (src/background/finalise.ts); the engine passes its detectors' */
    private finalise: Finaliser = (_visit, raw) => [...raw],
  ) {}

  /**
   * Queues findings of a visit, and the state rows they rest on (stored in the same transaction, so a
   * dying worker keeps both or neither).
   */
  add(visit: VisitInfo, drafts: FindingDraft[], state: readonly StateRow[] = []): Promise<void> {
    this.state.push(...state);
    if (drafts.length === 0 && state.length === 0) return this.running ?? Promise.resolve();
    const at = this.now();
    for (const d of drafts) {
      const id = findingId(visit.visitId, capKey(d.key));
      let p = this.pending.get(id);
      if (!p) this.pending.set(id, (p = { visit, items: [], extra: 0, lastAt: at }));
      // a flood of one key (thousands of requests to one tracker) keeps memory flat: the first
      // drafts carry the evidence and details, later ones only add to the count
      if (p.items.length < 20) p.items.push({ d, at });
      else p.extra++;
      p.lastAt = at;
    }
    return this.schedule();
  }

  /**
   * Queues a new visit (its row, the tab's current visit, the site's counters, the site's caps) for
   * the next transaction. The row's url is read at write time, so updateVisitUrl before the flush is
   * kept. Resolves like add().
   */
  /** Counts on the visit's row what a cap or the tab's budget kept out (shown by its report). */
  noteLimited(visit: VisitInfo, l: Limited): Promise<void> {
    const e = this.limited.get(visit.visitId) ?? { visit, l: { rows: 0, observations: 0 } };
    e.l.rows += l.rows ?? 0;
    e.l.observations += l.observations ?? 0;
    this.limited.set(visit.visitId, e);
    return this.schedule();
  }

  start(visit: VisitInfo): Promise<void> {
    this.starts.push(visit);
    return this.schedule();
  }

  /**
   * The tab closed (or stopped being observed): a visit of it not yet stored must not write the tab's
   * row back after the caller deleted it. A transaction already under way has its tab rows ordered
   * before any deletion the caller makes now (IndexedDB runs them in creation order), unless it has
   * not built them yet, which this also covers.
   */
  forgetTab(tabId: number): void {
    for (const v of [...this.starts, ...this.writing]) if (v.tabId === tabId) this.tabClosed.add(v);
  }

  /** resolves when everything queued so far is stored (or has failed and been reported) */
  whenIdle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private schedule(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    let failures = 0;
    while (this.pending.size > 0 || this.starts.length > 0 || this.state.length > 0 || this.limited.size > 0) {
      const batch = this.pending;
      const starts = this.starts;
      const work: Work = { batch, starts, state: this.state, limited: this.limited };
      this.pending = new Map();
      this.starts = [];
      this.state = [];
      this.limited = new Map();
      this.writing = starts;
      try {
        await this.write(work);
        this.lastError = null;
        failures = 0;
      } catch (e) {
        const err = e as Error;
        const quota = isQuotaError(err);
        this.lastError = { at: this.now(), name: quota ? 'QuotaExceededError' : (err?.name ?? 'Error'), message: String(err?.message ?? e) };
        console.error('[candor] storing findings failed', err);
        // Nothing was written (the transaction rolled back). A full disk will not free itself in a
        // moment: drop the batch (the user is told, see status/get) instead of spinning. Other errors
        // (a transaction aborted by a closing database) get a few more tries.
        if (quota || ++failures >= RETRIES) {
          // the visits themselves are a few small rows: keep them if they fit, so the visit, its
          // counts and its tab survive even when its findings could not be stored
          if (starts.length > 0) await this.write({ batch: new Map(), starts, state: [], limited: new Map() }, true).catch((e2) => console.error('[candor] storing visits failed', e2));
          return;
        }
        for (const [k, v] of batch) if (!this.pending.has(k)) this.pending.set(k, v);
        this.starts = [...starts, ...this.starts];
        this.state = [...work.state, ...this.state];
        for (const [k, v] of work.limited) if (!this.limited.has(k)) this.limited.set(k, v);
        await new Promise((r) => setTimeout(r, 50 * failures));
      } finally {
        this.writing = [];
      }
    }
  }

  /** `visitsOnly`: the visits' own rows, no report rows (what is kept when their findings did not fit) */
  private async write({ batch, starts, state, limited }: Work, visitsOnly = false): Promise<void> {
    const touched = new Set<string>();
    const { db, caps } = this;
    await db.transaction('rw', [db.findings, db.visits, db.tabs, db.sites, db.reports, db.experiments, db.cleanChecks, ...stateTables(db)], async () => {
      // a visit started in this batch has no stored findings yet (visit ids are unique): skip reading
      // them. The others' findings are read whole, from their one report row (schema 3: `raw`, the
      // merged findings as observed): the derive step below needs all of a visit's.
      const fresh = new Set(starts.map((v) => v.visitId));
      const ids = [...batch.keys()];
      const visitIds = [...new Set([...batch.values()].map((b) => b.visit.visitId))].filter((id) => !fresh.has(id));
      // visits with only counters to add: their rows, not their findings
      const counted = [...limited.keys(), ...state.map((s) => s.row.visitId)].filter((id) => !fresh.has(id) && !visitIds.includes(id));
      const siteIds = [...new Set(starts.map((v) => v.site))];
      // independent reads in parallel: one round trip to the database instead of three
      const [reportRows, storedVisits, siteRows] = await Promise.all([db.reports.bulkGet(visitIds), db.visits.bulkGet([...visitIds, ...new Set(counted)]), db.sites.bulkGet(siteIds)]);
      // a visit stored by an older version (or seeded) without `raw`: its finding rows, by the visitId index
      const legacy = visitIds.filter((_, i) => !reportRows[i]?.raw);
      const existingRows = [
        ...reportRows.flatMap((r) => r?.raw ?? []),
        ...(legacy.length ? await db.findings.where('visitId').anyOf(legacy).toArray() : []),
      ];
      const existing = new Map(existingRows.map((f) => [f.id, f]));
      const visitRows = new Map<string, VisitRow>(storedVisits.filter((v) => !!v).map((v) => [v!.id, v!]));
      const sites = new Map<string, SiteRow>(siteRows.filter((s) => !!s).map((s) => [s!.site, s!]));
      const tabs = new Map<number, string>();
      const keep = new Map<string, string>(); // site → its newest visit, never pruned
      for (const v of starts) {
        visitRows.set(v.visitId, { id: v.visitId, site: v.site, url: v.url, tabId: v.tabId, startedAt: v.startedAt, trackerCount: 0, findingCount: 0 });
        if (!this.tabClosed.has(v)) tabs.set(v.tabId, v.visitId);
        const s = sites.get(v.site);
        sites.set(v.site, { site: v.site, firstSeen: s?.firstSeen ?? v.startedAt, lastSeen: v.startedAt, visits: (s?.visits ?? 0) + 1, lastUrl: v.url, lastVisitId: v.visitId });
        keep.set(v.site, v.visitId);
      }
      // the state the findings rest on, in the same transaction; rows over their cap are counted
      const refused = await applyState(db, state, caps);
      for (const [id, n] of refused) {
        const e = limited.get(id);
        if (e) e.l.rows += n;
        else {
          const visit = state.find((s) => s.row.visitId === id)!.row;
          limited.set(id, { visit: { visitId: id, site: visit.site } as VisitInfo, l: { rows: n, observations: 0 } });
        }
      }
      for (const [id, { l }] of limited) {
        const row = visitRows.get(id);
        if (!row) continue;
        if (l.rows) row.rowsDropped = (row.rowsDropped ?? 0) + l.rows;
        if (l.observations) row.throttled = (row.throttled ?? 0) + l.observations;
        touched.add(id);
      }
      // new findings per visit and class (network, or page-claimed), counted from what is stored
      const classes = new Map<string, { network: number; page: number }>();
      const classCount = (visitId: string) => {
        let c = classes.get(visitId);
        if (!c) {
          c = { network: 0, page: 0 };
          for (const f of existingRows) if (f.visitId === visitId) c[f.source === 'network' ? 'network' : 'page']++;
          classes.set(visitId, c);
        }
        return c;
      };
      const out: StoredFinding[] = [];
      for (const id of ids) {
        const { visit, items, extra, lastAt } = batch.get(id)!;
        let f: StoredFinding | undefined = existing.get(id);
        const row = visitRows.get(visit.visitId);
        if (!f && row) {
          // per-visit cap: a page that invents endless distinct observations stops adding rows here;
          // repeats of findings already stored are still counted. What the page can claim (page and DOM
          // sources) and what the network showed have a cap each, so a page's inventions cannot
          // crowd out the trackers its requests revealed.
          const cls = items[0]!.d.source === 'network' ? 'network' : 'page';
          const n = classCount(visit.visitId);
          if (n[cls] >= caps.findingsPerVisit) {
            row.dropped = (row.dropped ?? 0) + 1;
            touched.add(visit.visitId);
            continue;
          }
          n[cls] += 1;
          row.findingCount += 1;
        }
        const wasNew = !f;
        for (const { d, at } of items) f = mergeDraft(f, d, visit, at, caps.detailsChars);
        if (extra) f = { ...f!, count: f!.count + extra, lastAt: Math.max(f!.lastAt, lastAt) };
        out.push(f!);
        touched.add(visit.visitId);
        if (wasNew && row && f!.kind === 'tracker') row.trackerCount += 1;
      }
      // the derive step: every touched visit's findings, finalised, in its report row
      const infos = new Map<string, VisitInfo>([...batch.values()].map((b) => [b.visit.visitId, b.visit]));
      for (const v of starts) infos.set(v.visitId, v);
      const raw = new Map<string, Map<string, StoredFinding>>();
      for (const f of [...existingRows, ...out]) {
        let m = raw.get(f.visitId);
        if (!m) raw.set(f.visitId, (m = new Map()));
        m.set(f.id, f);
      }
      const reports: ReportRow[] = [];
      for (const id of visitsOnly ? [] : new Set([...touched, ...fresh])) {
        const row = visitRows.get(id);
        const info = infos.get(id);
        if (!info) continue;
        // a visit whose row is gone (imported, pruned) still keeps what its tab goes on sending
        const merged = [...(raw.get(id)?.values() ?? [])];
        const facts = this.finalise({ ...info, url: row?.url ?? info.url }, merged);
        if (row) row.summary = visitSummary(facts);
        reports.push({ visitId: id, site: row?.site ?? info.site, findings: facts, raw: merged });
      }
      // one row per visit: its report row holds both its merged findings and its finalised ones
      await Promise.all([
        reports.length ? db.reports.bulkPut(reports) : undefined,
        visitRows.size ? db.visits.bulkPut([...visitRows.values()]) : undefined,
        tabs.size ? db.tabs.bulkPut([...tabs].map(([tabId, visitId]) => ({ tabId, visitId }))) : undefined,
        sites.size ? db.sites.bulkPut([...sites.values()]) : undefined,
      ]);
      // caps per site once the new visits and their findings are counted; sites are independent
      await Promise.all([...keep].map(([site, visitId]) => pruneSite(db, site, visitId, caps)));
    });
    this.onWritten(touched);
  }
}

/**
 * Per-site cap, applied when a new visit of the site starts: the oldest visits (and their findings)
 * go first, the newest visit is never pruned. Runs inside the caller's transaction when there is one.
 */
export async function pruneSite(db: CandorDb, site: string, keepVisitId: string, caps: Caps = { ...CAPS }): Promise<number> {
  const visits = await db.visits.where('[site+startedAt]').between([site, -Infinity], [site, Infinity]).toArray();
  let total = visits.reduce((n, v) => n + v.findingCount, 0);
  let count = visits.length;
  let pruned = 0;
  for (const v of visits) {
    if (total <= caps.findingsPerSite && count <= caps.visitsPerSite) break;
    if (v.id === keepVisitId) continue;
    await db.findings.where('visitId').equals(v.id).delete();
    await db.reports.delete(v.id);
    // the visit's page-keyed rows go with it (a hostile visit's experiment rows are not kept forever)
    await db.experiments.where('visitId').equals(v.id).delete();
    await db.cleanChecks.delete(v.id);
    await db.visits.delete(v.id);
    total -= v.findingCount;
    count -= 1;
    pruned++;
  }
  return pruned;
}
