// The aggregation engine: page visits, observations through the detectors, findings to the writer.
// Browser-free (the background wires browser events into it), so it is unit-tested with fake-indexeddb.
import type { CatalogEntry } from '../catalog/schema';
import type { Detector, DetectorContext } from '../detectors/types';
import type { TrackerDb } from '../detectors/tracker-db';
import type { FindingDraft } from '../model/finding';
import type { DomSnapshot, PageEvent, RequestObservation, VisitInfo } from '../model/observations';
import type { CandorDb } from '../storage/db';
import { hostOf, siteOf } from './site';
import type { BackgroundService, ServiceContext } from './services';
import { type Caps, CAPS } from './caps';
import { finaliseVisit } from './finalise';
import { FindingWriter } from './writer';
import { type BudgetKind, type Bucket, TabBudgets } from './budget';
import type { StateRow } from './table-caps';

export interface EngineDeps {
  db: CandorDb;
  detectors: readonly Detector[];
  trackers: TrackerDb;
  catalog: readonly CatalogEntry[];
  /** database-reading detectors (price history, learned trackers); see services.ts */
  services?: readonly BackgroundService[];
  now?: () => number;
  /** storage caps (src/background/caps.ts); tests pass small ones */
  caps?: Caps;
  /** called after findings of these visits were stored (badge updates) */
  onWritten?: (visitIds: Set<string>) => void;
  /**
   * The page a tab shows now (the background asks the browser). After a worker restart the stored
   * tab row may still name the previous page's visit (the new visit's rows had not committed when
   * the worker died); this lets the engine notice and start the right visit instead.
   */
  currentUrl?: (tabId: number) => Promise<string | undefined>;
  /** per-tab budgets (src/background/budget.ts); tests pass small ones */
  budgets?: Readonly<Record<BudgetKind, Bucket>>;
}

export type ObservationSource = 'network' | 'page' | 'dom';

export class Engine {
  readonly writer: FindingWriter;
  private visits = new Map<number, VisitInfo>();
  /** each tab's visit before its current one: a leaving document may still be sending (see documentVisit) */
  private previous = new Map<number, VisitInfo>();
  private now: () => number;
  private pageTypes: Set<string>;
  private seq = 0;
  /** tabs whose visit the person deleted: their next observation starts a fresh visit */
  private deleted = new Map<number, string>();
  /** while a deletion is being finished in the worker, no observation starts a visit */
  private purging: Promise<void> | null = null;
  /** service answers still on their way (ServiceContext.later) */
  private pendingLater = new Set<Promise<unknown>>();
  /** how much of the worker each tab may use (budget.ts) */
  private budget: TabBudgets;
  /** page event types a database-reading service consumes: the costly ones */
  private costlyTypes: Set<string>;
  private caps: Caps;

  constructor(private deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
    this.caps = deps.caps ?? { ...CAPS };
    this.budget = new TabBudgets(this.now, deps.budgets);
    this.costlyTypes = new Set((deps.services ?? []).flatMap((s) => (s.onPageEvent ? (s.pageEventTypes ?? []) : [])));
    this.writer = new FindingWriter(deps.db, deps.onWritten, this.now, this.caps, (v, raw) => finaliseVisit(v, raw, deps.detectors));
    this.pageTypes = new Set([...deps.detectors, ...(deps.services ?? [])].flatMap((d) => d.pageEventTypes ?? []));
  }

  /** MAIN-world event types some detector consumes; anything else from a page is dropped. */
  get acceptedPageEventTypes(): ReadonlySet<string> {
    return this.pageTypes;
  }

  /**
   * A new top-level page load in a tab starts a new visit. Its rows (visit, tab, site) go to the
   * writer's next transaction together with whatever findings queued meanwhile, instead of a
   * transaction of their own; the visit is usable at once from memory. See writer.ts for
   * when it is durable.
   */
  async startVisit(tabId: number, url: string): Promise<VisitInfo> {
    const now = this.now();
    const site = siteOf(hostOf(url));
    const visit: VisitInfo = { visitId: `${now.toString(36)}-${tabId}-${(this.seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`, tabId, url, site, startedAt: now };
    const before = this.visits.get(tabId);
    if (before) this.previous.set(tabId, before);
    else this.previous.delete(tabId);
    this.visits.set(tabId, visit);
    this.deleted.delete(tabId);
    void this.writer.start(visit);
    return visit;
  }

  /** The tab's current visit, from memory or (after the worker was restarted) from the database. */
  async visitFor(tabId: number): Promise<VisitInfo | undefined> {
    const v = this.visits.get(tabId);
    if (v) return v;
    const { db } = this.deps;
    const tab = await db.tabs.get(tabId);
    const row = tab && (await db.visits.get(tab.visitId));
    if (!row) return undefined; // never observed (e.g. a private window): stays unobserved
    const now = await this.deps.currentUrl?.(tabId).catch(() => undefined);
    if (this.visits.has(tabId)) return this.visits.get(tabId);
    // the tab moved on to another site while the worker was down: findings go to a visit of that site
    if (now && /^https?:/i.test(now) && siteOf(hostOf(now)) !== row.site) return this.startVisit(tabId, now);
    const info: VisitInfo = { visitId: row.id, tabId, url: row.url, site: row.site, startedAt: row.startedAt };
    if (!this.visits.has(tabId)) this.visits.set(tabId, info);
    return this.visits.get(tabId);
  }

  /** the URL changed without a new document (redirect committed, history.pushState) */
  async updateVisitUrl(tabId: number, url: string): Promise<void> {
    const v = await this.visitFor(tabId);
    if (!v || v.url === url) return;
    v.url = url;
    await this.deps.db.visits.update(v.visitId, { url });
  }

  /** resolves when every service answer on its way has been handed to the writer (tests, the audit) */
  async settled(): Promise<void> {
    while (this.pendingLater.size) await Promise.allSettled([...this.pendingLater]);
    await this.writer.whenIdle();
  }

  forgetTab(tabId: number): void {
    this.visits.delete(tabId);
    this.previous.delete(tabId);
    this.budget.forget(tabId);
    this.deleted.delete(tabId);
    this.writer.forgetTab(tabId);
  }

  /**
   * The person deleted a site (or, with no site, all history) from the dashboard, which removed its
   * rows. Open tabs of it still had their visit in memory and would go on writing findings under it,
   * rows no visit owns and no cap or retention sweep finds. Here the worker drops those visits, lets
   * what was already queued for them be stored, and runs the same deletion again (`redo`), so nothing
   * of the site is left whatever tabs are open. The tabs' next observation starts a fresh visit; until
   * then their popup and badge show nothing. Resolves with the tabs that showed the site.
   * Not covered: a tab whose visit was only in the database (the worker had restarted) has its tab row
   * deleted with the site, so its page is observed again from its next navigation.
   */
  async afterDelete(site: string | undefined, redo: (db: CandorDb) => Promise<void>): Promise<number[]> {
    const tabs: number[] = [];
    for (const [tabId, v] of this.visits) {
      if (site !== undefined && v.site !== site) continue;
      tabs.push(tabId);
      this.visits.delete(tabId);
      this.previous.delete(tabId);
      this.writer.forgetTab(tabId);
      this.deleted.set(tabId, v.url);
    }
    const before = this.purging;
    let done = () => {};
    const mine = new Promise<void>((r) => (done = r));
    this.purging = mine;
    try {
      await before;
      await this.writer.whenIdle();
      await redo(this.deps.db);
    } finally {
      if (this.purging === mine) this.purging = null;
      done();
    }
    return tabs;
  }

  /** The visit an observation of this tab belongs to: after a deletion, a fresh one. */
  private async observedVisit(tabId: number): Promise<VisitInfo | undefined> {
    // the tab's visit is read from memory at once, as before: only a deletion under way is waited for
    if (this.purging) await this.purging;
    const v = await this.visitFor(tabId);
    if (v) return v;
    const url = this.deleted.get(tabId);
    if (url === undefined) return undefined;
    const now = await this.deps.currentUrl?.(tabId).catch(() => undefined);
    if (this.visits.has(tabId)) return this.visits.get(tabId);
    return this.startVisit(tabId, now && /^https?:/i.test(now) ? now : url);
  }

  /**
   * The visit a top document's message belongs to. A tab's next visit starts when its next page is
   * requested, while the leaving page still runs and sends what it batched (its last events, a scan):
   * a message whose document URL is the previous visit's and not the current one's is the leaving
   * page's, and is filed there, never in the next page's report. `documentUrl` is the sender's URL as
   * the browser gives it (never the payload); subframes pass none and go to the current visit.
   */
  private async documentVisit(tabId: number, documentUrl?: string): Promise<VisitInfo | undefined> {
    const visit = await this.observedVisit(tabId);
    const prev = this.previous.get(tabId);
    if (!visit || !prev || !documentUrl) return visit;
    return sameDocument(documentUrl, prev.url) && !sameDocument(documentUrl, visit.url) ? prev : visit;
  }

  context(visit: VisitInfo): DetectorContext {
    const site = visit.site;
    return {
      visit,
      trackers: this.deps.trackers,
      catalog: this.deps.catalog,
      siteOf,
      isThirdParty: (host: string) => !!host && siteOf(host) !== site,
    };
  }

  async onRequest(req: RequestObservation): Promise<void> {
    const visit = await this.observedVisit(req.tabId);
    if (!visit) return;
    await this.run(visit, 'network', (d, ctx) => d.onRequest?.(req, ctx));
    await this.runServices(visit, 'network', (s, ctx) => s.onRequest?.(req, ctx));
  }

  /** `documentUrl`: the sending top document's URL (see documentVisit) */
  async onPageEvents(tabId: number, events: PageEvent[], documentUrl?: string): Promise<void> {
    const visit = await this.documentVisit(tabId, documentUrl);
    if (!visit) return;
    // the tab's budget first: what is over it is dropped unread, and counted on the visit
    const admitted: PageEvent[] = [];
    let dropped = 0;
    for (const ev of events) {
      if (!this.pageTypes.has(ev.type)) continue;
      if (this.budget.take(tabId, this.costlyTypes.has(ev.type) ? 'costly' : 'events') === 1) admitted.push(ev);
      else dropped++;
    }
    const noted = dropped ? this.writer.noteLimited(visit, { observations: dropped }) : undefined;
    for (const ev of admitted) {
      await this.run(visit, 'page', (d, ctx) => (d.pageEventTypes?.includes(ev.type) ? d.onPageEvent?.(ev, ctx) : undefined));
      await this.runServices(visit, 'page', (s, ctx) => (s.pageEventTypes?.includes(ev.type) ? s.onPageEvent?.(ev, ctx) : undefined));
    }
    await noted;
  }

  async onDom(tabId: number, snap: DomSnapshot, documentUrl?: string): Promise<void> {
    const visit = await this.documentVisit(tabId, documentUrl);
    if (!visit) return;
    if (this.budget.take(tabId, 'snapshots') === 0) {
      await this.writer.noteLimited(visit, { observations: 1 });
      return;
    }
    await this.run(visit, 'dom', (d, ctx) => d.onDom?.(snap, ctx));
    await this.runServices(visit, 'dom', (s, ctx) => s.onDom?.(snap, ctx));
  }

  private async runServices(
    visit: VisitInfo,
    channel: ObservationSource,
    call: (s: BackgroundService, ctx: ServiceContext) => Promise<FindingDraft[]> | undefined,
  ): Promise<void> {
    const services = this.deps.services ?? [];
    if (services.length === 0) return;
    const state: StateRow[] = [];
    let refused = 0;
    const ctx: ServiceContext = {
      ...this.context(visit),
      db: this.deps.db,
      now: this.now(),
      caps: this.caps,
      remember: (s) => void state.push(s),
      refused: (n) => void (refused += n),
      later: (p) => {
        const stored: Promise<void> = p
          .then((drafts) => this.store(visit, channel, drafts))
          .catch((e) => console.error('[candor] service failed later', e))
          .finally(() => this.pendingLater.delete(stored));
        this.pendingLater.add(stored);
      },
    };
    const drafts: FindingDraft[] = [];
    for (const s of services) {
      try {
        const out = await call(s, ctx);
        if (out) drafts.push(...out);
      } catch (e) {
        console.error(`[candor] service ${s.id} failed`, e);
      }
    }
    const noted = refused ? this.writer.noteLimited(visit, { rows: refused }) : undefined;
    await this.store(visit, channel, drafts, state);
    await noted;
  }

  private run(
    visit: VisitInfo,
    channel: ObservationSource,
    call: (d: Detector, ctx: DetectorContext) => FindingDraft[] | undefined,
  ): Promise<void> {
    const ctx = this.context(visit);
    const drafts: FindingDraft[] = [];
    for (const d of this.deps.detectors) {
      try {
        const out = call(d, ctx);
        if (out) drafts.push(...out);
      } catch (e) {
        console.error(`[candor] detector ${d.id} failed`, e);
      }
    }
    return this.store(visit, channel, drafts);
  }

  private store(visit: VisitInfo, channel: ObservationSource, drafts: FindingDraft[], state: readonly StateRow[] = []): Promise<void> {
    // What a finding rests on is decided by the channel it came through, never by the payload:
    // a page cannot forge a network-sourced finding (docs/design.md, rules of the house).
    const safe = channel === 'network' ? drafts : drafts.map((d) => (d.source === 'network' ? { ...d, source: channel } : d));
    return this.writer.add(visit, safe, state);
  }
}

/** one document's URL, as it may differ in the fragment only */
function sameDocument(a: string, b: string): boolean {
  return a.split('#')[0] === b.split('#')[0];
}
