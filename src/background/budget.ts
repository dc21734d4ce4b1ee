// Per-tab budgets: how much of the worker's time one tab may take. Every page event and DOM snapshot
// is work in the worker (detectors, and for some event kinds database reads: a `gpc-signal` runs up to
// eleven queries, a `store` event a read and a write), and the worker is shared by every tab. A page
// that floods (its own scripts, or a hundred frames of its own) must not make the others wait, so each
// tab has a token bucket per kind of work: `rate` tokens a second, holding at most `burst`. Work over
// the budget is dropped and counted on the tab's visit; its report then says observation was limited.
//
// The numbers leave real pages far inside: the relay keeps at most 300 events of a kind per document
// and sends them in batches every 200 ms, a scanner sends a snapshot per frame and per rescan of what
// changed. A heavy page with twenty frames sends its first few thousand events in its first second,
// then a trickle; a flood runs out of its burst within a second and is held to the rate.
// Pure: the clock is passed in (tests use a fake one).

export interface Bucket {
  /** tokens added per second */
  rate: number;
  /** most tokens held (what a tab may spend at once) */
  burst: number;
}

export type BudgetKind = 'events' | 'costly' | 'snapshots';

export const BUDGETS: Readonly<Record<BudgetKind, Bucket>> = {
  /** page events for the pure detectors */
  events: { rate: 1_000, burst: 6_000 },
  /** page events a database-reading service consumes (gpc-signal, store, experiments) */
  costly: { rate: 50, burst: 600 },
  /** DOM snapshots, from every frame of the tab */
  snapshots: { rate: 20, burst: 120 },
};

export class TabBudgets {
  private tabs = new Map<number, Map<BudgetKind, { tokens: number; at: number }>>();

  constructor(
    private now: () => number = Date.now,
    private budgets: Readonly<Record<BudgetKind, Bucket>> = BUDGETS,
  ) {}

  /** Takes up to `n` units of `kind` for the tab; returns how many it may do (the rest is dropped). */
  take(tabId: number, kind: BudgetKind, n = 1): number {
    const b = this.budgets[kind];
    const now = this.now();
    let kinds = this.tabs.get(tabId);
    if (!kinds) this.tabs.set(tabId, (kinds = new Map()));
    let s = kinds.get(kind);
    if (!s) kinds.set(kind, (s = { tokens: b.burst, at: now }));
    // refill for the time since the last take; a clock going backwards refills nothing
    s.tokens = Math.min(b.burst, s.tokens + (Math.max(0, now - s.at) * b.rate) / 1000);
    s.at = now;
    const ok = Math.max(0, Math.min(n, Math.floor(s.tokens)));
    s.tokens -= ok;
    return ok;
  }

  /** the tab closed: its buckets go (a new tab starts full) */
  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}
