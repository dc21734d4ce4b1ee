// Session-replay behaviour (MAIN world): which scripts observe the whole document's mutations, listen to
// the person's input, pointer and scrolling on the document, and upload growing payloads. Aggregated
// per script origin group; one `replay` event is emitted when a group has all three, and again only
// when its uploads double, so a recorder sending every second costs a handful of events per page.
import { emit } from './emit';
import { onOutgoing } from './outgoing';
import { callerScript } from './stack';
import { wrapMethod } from './wrap';

export const REPLAY_EVENT = 'replay';

/** event types a recorder listens to (rrweb, Clarity and Hotjar register all of these on the document);
 *  the detector says what each reveals (src/model/listen-words.ts) */
const LISTEN = new Set(['input', 'change', 'keydown', 'mousemove', 'pointermove', 'touchmove', 'click', 'scroll']);

interface Group {
  script: string;
  observes: boolean;
  listens: Set<string>;
  uploads: Map<string, { count: number; bytes: number; max: number }>;
  emittedAt: number;
}

const groups = new Map<string, Group>();
const MAX_STACKS = 400;
let stacks = 0;

/** A cheap same-company grouping in the MAIN world (no public-suffix list here): the last two labels,
 *  three under a two-letter country second level (co.uk). The detector re-checks with tldts. */
export function groupOf(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return '';
  }
  const parts = host.split('.');
  const n = parts.length >= 3 && /^(co|com|net|org|ac|gov)$/.test(parts[parts.length - 2]!) && parts[parts.length - 1]!.length === 2 ? 3 : 2;
  return parts.slice(-n).join('.');
}

function group(script: string | undefined): Group | undefined {
  if (!script) return undefined;
  const g = groupOf(script);
  // first-party code too: a self-hosted recorder sends to the site's own server (the detector decides)
  if (!g) return undefined;
  let s = groups.get(g);
  if (!s) groups.set(g, (s = { script, observes: false, listens: new Set(), uploads: new Map(), emittedAt: 0 }));
  return s;
}

function maybeEmit(g: Group): void {
  if (!g.observes || g.listens.size === 0 || g.uploads.size === 0) return;
  let total = 0;
  for (const u of g.uploads.values()) total += u.count;
  // emit at 1, 2, 4, 8 … uploads: the detector sees the payload growing without one event per upload
  if (total < g.emittedAt * 2 && g.emittedAt !== 0) return;
  g.emittedAt = total;
  emit(
    REPLAY_EVENT,
    {
      observesDocument: true,
      listens: [...g.listens].sort(),
      uploads: [...g.uploads.entries()].slice(0, 5).map(([host, u]) => ({ host, ...u })),
    },
    g.script,
  );
}

export function installReplayHooks(): void {
  wrapMethod(window.MutationObserver?.prototype, 'observe', {
    before: (_mo, a) => {
      const target = a[0] as Node | undefined;
      const opts = (a[1] ?? {}) as MutationObserverInit;
      const whole = target === document || target === document.documentElement || target === document.body;
      if (!whole || !opts.subtree || stacks >= MAX_STACKS) return;
      stacks++;
      const g = group(callerScript());
      if (g) {
        g.observes = true;
        maybeEmit(g);
      }
    },
  });
  wrapMethod(window.EventTarget?.prototype, 'addEventListener', {
    before: (target, a) => {
      const what = a[0] as string;
      if (!LISTEN.has(what) || stacks >= MAX_STACKS) return;
      if (target !== window && target !== document && target !== document.documentElement && target !== document.body) return;
      stacks++;
      const g = group(callerScript());
      if (g && !g.listens.has(what)) {
        g.listens.add(what);
        maybeEmit(g);
      }
    },
  });
  onOutgoing((o) => {
    if (groups.size === 0 || !o.url.startsWith('http')) return;
    const g = group(callerScript());
    if (!g || !g.observes) return;
    const host = new URL(o.url).hostname;
    const u = g.uploads.get(host) ?? { count: 0, bytes: 0, max: 0 };
    u.count++;
    u.bytes += o.size;
    u.max = Math.max(u.max, o.size);
    if (g.uploads.size < 10 || g.uploads.has(host)) g.uploads.set(host, u);
    maybeEmit(g);
  });
}
