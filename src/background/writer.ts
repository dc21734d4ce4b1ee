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
import type { CandorDb, SiteRow, VisitRow } from '../storage/db';
import { type Caps, CAPS } from './caps';
import { capKey, findingId, mergeDraft } from './merge';

export interface WriteError {
  at: number;
  name: string;
  message: string;
}

/** per finding id: the drafts to merge, and repeats beyond those that only add to the count */
type Batch = Map<string, { visit: VisitInfo; items: { d: FindingDraft; at: number }[]; extra: number; lastAt: number }>;

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
  /** visits whose tab closed before they were stored: their tab row must not be written back */
  private tabClosed = new WeakSet<VisitInfo>();
  private running: Promise<void> | null = null;
  lastError: WriteError | null = null;

  constructor(
    private db: CandorDb,
    private onWritten: (visitIds: Set<string>) => void = () => {},
    private now: () => number = Date.now,
    private caps: Caps = { ...CAPS },
  ) {}

  add(visit: VisitInfo, drafts: FindingDraft[]): Promise<void> {
    if (drafts.length === 0) return this.running ?? Promise.resolve();
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
    while (this.pending.size > 0 || this.starts.length > 0) {
      const batch = this.pending;
      const starts = this.starts;
      this.pending = new Map();
      this.starts = [];
      this.writing = starts;
      try {
        await this.write(batch, starts);
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
          if (starts.length > 0 && batch.size > 0) await this.write(new Map(), starts).catch((e2) => console.error('[candor] storing visits failed', e2));
          return;
        }
        for (const [k, v] of batch) if (!this.pending.has(k)) this.pending.set(k, v);
        this.starts = [...starts, ...this.starts];
        await new Promise((r) => setTimeout(r, 50 * failures));
      } finally {
        this.writing = [];
      }
    }
  }

  private async write(batch: Batch, starts: VisitInfo[]): Promise<void> {
    const touched = new Set<string>();
    const { db, caps } = this;
    await db.transaction('rw', [db.findings, db.visits, db.tabs, db.sites], async () => {
      // a visit started in this batch has no stored findings yet (visit ids are unique): skip reading them
      const fresh = new Set(starts.map((v) => v.visitId));
      const ids = [...batch.keys()];
      const toRead = ids.filter((id) => !fresh.has(batch.get(id)!.visit.visitId));
      const visitIds = [...new Set([...batch.values()].map((b) => b.visit.visitId))].filter((id) => !fresh.has(id));
      const siteIds = [...new Set(starts.map((v) => v.site))];
      // independent reads in parallel: one round trip to the database instead of three
      const [existingRows, storedVisits, siteRows] = await Promise.all([db.findings.bulkGet(toRead), db.visits.bulkGet(visitIds), db.sites.bulkGet(siteIds)]);
      const existing = new Map(toRead.map((id, i) => [id, existingRows[i]]));
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
      const out: StoredFinding[] = [];
      for (const id of ids) {
        const { visit, items, extra, lastAt } = batch.get(id)!;
        let f: StoredFinding | undefined = existing.get(id);
        const row = visitRows.get(visit.visitId);
        if (!f && row) {
          // per-visit cap: a page that invents endless distinct observations stops adding rows here;
          // repeats of findings already stored are still counted
          if (row.findingCount >= caps.findingsPerVisit) {
            row.dropped = (row.dropped ?? 0) + 1;
            touched.add(visit.visitId);
            continue;
          }
          row.findingCount += 1;
        }
        const wasNew = !f;
        for (const { d, at } of items) f = mergeDraft(f, d, visit, at, caps.detailsChars);
        if (extra) f = { ...f!, count: f!.count + extra, lastAt: Math.max(f!.lastAt, lastAt) };
        out.push(f!);
        touched.add(visit.visitId);
        if (wasNew && row && f!.kind === 'tracker') row.trackerCount += 1;
      }
      await Promise.all([
        out.length ? db.findings.bulkPut(out) : undefined,
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
    await db.visits.delete(v.id);
    total -= v.findingCount;
    count -= 1;
    pruned++;
  }
  return pruned;
}
