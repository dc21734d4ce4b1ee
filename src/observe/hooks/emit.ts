// The MAIN world's only output: compact event tuples into a buffer, flushed in batches to the content
// script over the private channel (bridge.ts) when the page is idle, when the buffer reaches its size
// cap, and on pagehide. Budgets are per kind and per calling script, and the buffer keeps the first
// events of each kind: one noisy script cannot crowd out another's events.
import { ASK, HELLO, TO_CONTENT, TO_PAGE, type EventTuple } from '../bridge';
import { CE, MouseEv, addListener, createElement, detailOf, dispatch, idle, mapGet, mapSet, now, removeListener, setT, stringify } from './safe';

const MAX_QUEUE = 1000;
/** flush early when this many are waiting */
const FLUSH_AT = 200;
const PER_KIND = 300;
const PER_KIND_SCRIPT = 40;

let queue: EventTuple[] = [];
let scheduled = false;
const perKind = new Map<string, number>();
let channel: Element | undefined;
const probeListeners: ((detail: string) => void)[] = [];

function take(key: string, cap: number): boolean {
  const n = (mapGet(perKind, key) as number | undefined) ?? 0;
  if (n >= cap) return false;
  mapSet(perKind, key, n + 1);
  return true;
}

export function emit(type: string, data: Record<string, unknown>, script?: string): void {
  if (queue.length >= MAX_QUEUE) return;
  if (!take(type, PER_KIND) || (script && !take(`${type}\n${script}`, PER_KIND_SCRIPT))) return;
  queue[queue.length] = [type, now(), script ?? '', data];
  if (queue.length >= FLUSH_AT) flush();
  else schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  const run = () => {
    scheduled = false;
    flush();
  };
  if (idle) idle(run, { timeout: 1000 });
  else setT(run, 250);
}

export function flush(): void {
  if (!channel || queue.length === 0) return;
  const batch = queue;
  queue = [];
  try {
    dispatch(channel, new CE(TO_CONTENT, { detail: stringify(batch) }));
  } catch {
    // never throw into the page
  }
}

/** Probe requests from the content script (the globals probe, the experiments read). */
export function onProbe(l: (detail: string) => void): void {
  probeListeners[probeListeners.length] = l;
}

/** Opens the private channel; call once, at document_start, before any page script. */
export function openChannel(): void {
  const el = createElement(document, 'candor-relay');
  addListener(el, TO_PAGE, (e: Event) => {
    const d = detailOf(e);
    if (typeof d !== 'string') return;
    for (let i = 0; i < probeListeners.length; i++) {
      try {
        probeListeners[i]!(d);
      } catch {
        // a probe's failure stays ours
      }
    }
  });
  const hello = () => {
    dispatch(window, new MouseEv(HELLO, { relatedTarget: el as unknown as EventTarget }));
  };
  const onAsk = () => {
    hello();
    removeListener(window, ASK, onAsk, true);
  };
  addListener(window, ASK, onAsk, true);
  // the content script may already be listening (it ran first) …
  hello();
  channel = el;
  // … or it runs right after this script, in the same task; after that the page could ask too
  setT(() => removeListener(window, ASK, onAsk, true), 0);
}
