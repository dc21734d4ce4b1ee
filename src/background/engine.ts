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
import { FindingWriter } from './writer';

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
}

export type ObservationSource = 'network' | 'page' | 'dom';

export class Engine {
  readonly writer: FindingWriter;
  private visits = new Map<number, VisitInfo>();
  private now: () => number;
  private pageTypes: Set<string>;
  private seq = 0;

  constructor(private deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
    this.writer = new FindingWriter(deps.db, deps.onWritten, this.now, deps.caps ?? { ...CAPS });
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
    this.visits.set(tabId, visit);
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

  forgetTab(tabId: number): void {
    this.visits.delete(tabId);
    this.writer.forgetTab(tabId);
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
    const visit = await this.visitFor(req.tabId);
    if (!visit) return;
    await this.run(visit, 'network', (d, ctx) => d.onRequest?.(req, ctx));
    await this.runServices(visit, 'network', (s, ctx) => s.onRequest?.(req, ctx));
  }

  async onPageEvents(tabId: number, events: PageEvent[]): Promise<void> {
    const visit = await this.visitFor(tabId);
    if (!visit) return;
    for (const ev of events) {
      if (!this.pageTypes.has(ev.type)) continue;
      await this.run(visit, 'page', (d, ctx) => (d.pageEventTypes?.includes(ev.type) ? d.onPageEvent?.(ev, ctx) : undefined));
      await this.runServices(visit, 'page', (s, ctx) => (s.pageEventTypes?.includes(ev.type) ? s.onPageEvent?.(ev, ctx) : undefined));
    }
  }

  async onDom(tabId: number, snap: DomSnapshot): Promise<void> {
    const visit = await this.visitFor(tabId);
    if (!visit) return;
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
    const ctx: ServiceContext = { ...this.context(visit), db: this.deps.db, now: this.now() };
    const drafts: FindingDraft[] = [];
    for (const s of services) {
      try {
        const out = await call(s, ctx);
        if (out) drafts.push(...out);
      } catch (e) {
        console.error(`[candor] service ${s.id} failed`, e);
      }
    }
    await this.store(visit, channel, drafts);
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

  private store(visit: VisitInfo, channel: ObservationSource, drafts: FindingDraft[]): Promise<void> {
    // What a finding rests on is decided by the channel it came through, never by the payload:
    // a page cannot forge a network-sourced finding (docs/design.md, rules of the house).
    const safe = channel === 'network' ? drafts : drafts.map((d) => (d.source === 'network' ? { ...d, source: channel } : d));
    return this.writer.add(visit, safe);
  }
}
