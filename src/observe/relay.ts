// The content script's document_start part (ISOLATED world): takes the private channel from the
// MAIN-world hooks (bridge.ts), keeps their events (the first of each kind) and forwards them to the
// worker in batches. Small on purpose: everything else the content side does starts after load
// (scan-main.ts) and finds this relay on the isolated world's global, which the page cannot see.
import type { Message } from '../model/messages';
import type { PageEvent } from '../model/observations';
import { ASK, HELLO, READS, READ_TYPES, TO_CONTENT, TO_PAGE } from './bridge';

/** far above a real batch (at most 200 compact events a flush from hooks/emit.ts) */
const MAX_BATCH_CHARS = 2_000_000;
const MAX_PER_BATCH = 500;
const PER_KIND = 300;
const MAX_KINDS = 40;
const MAX_PENDING = 2000;
const SEND_AFTER_MS = 200;

export interface Relay {
  send(msg: Message): Promise<void>;
  /** a request with a reply (undefined when the worker cannot be reached) */
  ask<T>(msg: Message): Promise<T | undefined>;
  /** ask the MAIN world (globals probe, experiments read) */
  probe(detail: string): void;
}

const RELAY_KEY = '__candorRelay';

type Runtime = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
const api = (): Runtime => ((globalThis as unknown as { browser?: Runtime }).browser ?? (globalThis as unknown as { chrome: Runtime }).chrome);

// A stopped worker is started again by the next message, but on a busy machine that can take seconds:
// the tries span about 9 s before a batch is given up.
export async function ask<T>(msg: Message, tries = 8): Promise<T | undefined> {
  for (let i = 0; i < tries; i++) {
    try {
      return (await api().runtime.sendMessage(msg)) as T;
    } catch (e) {
      const m = String((e as Error)?.message ?? e);
      if (/context invalidated/i.test(m)) return undefined; // the extension was reloaded: this script is orphaned
      // the service worker may be (re)starting: wait and try again
      await new Promise((r) => setTimeout(r, Math.min(300 * (i + 1), 1500)));
    }
  }
  return undefined;
}

export async function send(msg: Message, tries = 8): Promise<void> {
  await ask(msg, tries);
}

/** Keeps the first PER_KIND events of each kind (and at most MAX_KINDS kinds) of this document. */
export function keeper() {
  const counts = new Map<string, number>();
  let pending: PageEvent[] = [];
  return {
    /** `only`: the kinds accepted from this source */
    add(batch: unknown, only?: readonly string[]): void {
      if (!Array.isArray(batch)) return;
      for (const t of batch.slice(0, MAX_PER_BATCH)) {
        if (!Array.isArray(t) || typeof t[0] !== 'string' || pending.length >= MAX_PENDING) continue;
        const [type, at, script, data] = t as [string, unknown, unknown, unknown];
        if (only && !only.includes(type)) continue;
        const n = counts.get(type);
        if (n === undefined && counts.size >= MAX_KINDS) continue;
        if ((n ?? 0) >= PER_KIND) continue;
        counts.set(type, (n ?? 0) + 1);
        pending.push({ type, data: (data ?? {}) as Record<string, unknown>, at: typeof at === 'number' ? at : 0, ...(typeof script === 'string' && script ? { script } : {}) } as PageEvent);
      }
    },
    take(): PageEvent[] {
      const out = pending;
      pending = [];
      return out;
    },
  };
}

export function relayOf(): Relay | undefined {
  return (globalThis as unknown as Record<string, Relay | undefined>)[RELAY_KEY];
}

export function startRelay(): Relay {
  const existing = relayOf();
  if (existing) return existing;
  let channel: EventTarget | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const kept = keeper();
  let hiding = false;
  const forward = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const events = kept.take();
    if (events.length) void send({ type: 'observe/page-events', events });
  };
  const onBatch = (e: Event, only?: readonly string[]) => {
    const detail = (e as CustomEvent).detail;
    if (typeof detail !== 'string' || detail.length > MAX_BATCH_CHARS) return;
    try {
      kept.add(JSON.parse(detail), only);
    } catch {
      return;
    }
    // a document going away (a measuring iframe removed right after use) has no timers left to run
    if (hiding) forward();
    else timer ??= setTimeout(forward, SEND_AFTER_MS);
  };
  // A frame removed right after use (FingerprintJS measures fonts in an iframe it then removes) has no
  // timers left to run: forward what it kept as it goes, whichever runs first, the hooks' pagehide flush
  // or this. Not when the whole tab navigates on (the top document, or a frame whose parent is hiding
  // too): a removed frame's events would be filed under whatever its tab shows next (the worker tells
  // a leaving top document's messages by their sender URL, a frame's it cannot).
  window.addEventListener(
    'pagehide',
    () => {
      try {
        if (window === top || parent.document.hidden) return;
      } catch {
        // a cross-origin parent cannot be asked; a removed ad frame is the common case
      }
      hiding = true;
      forward();
    },
    true,
  );
  const onHello = (e: Event) => {
    const el = (e as MouseEvent).relatedTarget as EventTarget | null;
    if (channel || !el || typeof el.addEventListener !== 'function') return;
    channel = el;
    el.addEventListener(TO_CONTENT, (ev) => onBatch(ev));
    window.removeEventListener(HELLO, onHello, true);
  };
  window.addEventListener(HELLO, onHello, true);
  // the page-state readouts (reads/emit.ts) post on window: only their kinds are taken from there
  window.addEventListener(READS, (e) => onBatch(e, READ_TYPES), true);
  // the MAIN script may have run first: ask it to hand the channel over again
  window.dispatchEvent(new Event(ASK));
  // both scripts run at document_start, in the same task; after it, a HELLO could only be the page's
  setTimeout(() => window.removeEventListener(HELLO, onHello, true), 0);
  const relay: Relay = {
    send,
    ask,
    probe(detail) {
      channel?.dispatchEvent(new CustomEvent(TO_PAGE, { detail }));
    },
  };
  (globalThis as unknown as Record<string, Relay>)[RELAY_KEY] = relay;
  return relay;
}
