// The content script's after-load part (ISOLATED world, document_idle): scans the DOM once the page
// has loaded, then only what the page changes (debounced mutations, deduplicated to their top-most
// subtrees), always in idle slices of at most 5 ms, and asks the MAIN world which vendor globals
// exist. The relay that forwards MAIN-world events started at document_start (relay.ts).
import type { PageKit } from '../model/dom';
import type { Message } from '../model/messages';
import { cmpHint } from './consent/hints';
import { PageScan, type ScanPlan } from './dom';
import { planRescan, type Change, type RescanPlan } from './dom/roots';
import { runInSlices, SLICE_MS, type IdleScheduler } from './dom/slices';
import { relayOf, startRelay } from './relay';

/** mutations come in bursts: a rescan waits this long after the first one */
const DEBOUNCE_MS = 300;
/** between the end of one scan and the start of the next */
const MIN_SCAN_GAP_MS = 1000;
/** rescans of a document (a page that never stops changing is read for a few minutes) */
const MAX_RESCANS = 240;
/** a person's click may show what no mutation says (a panel shown by a class): the page is read whole again, this often at most */
const MAX_CLICK_SCANS = 12;
/** mutation records kept between scans; more, and the next scan reads the whole page (a few times at most) */
const MAX_CHANGES = 3000;
const MAX_OVERFLOW_SCANS = 3;
/** cookies and storage are read through synchronous trips to the browser: not on every rescan */
const IDENTIFIERS_GAP_MS = 4000;
/** a slice waits for the page to be idle, but no longer than this */
const IDLE_TIMEOUT_MS = 1000;

const parentOf = (n: Node): Node | null => n.parentElement;
const connected = (n: Node): boolean => n.isConnected;
const isElement = (n: Node): n is Element => n.nodeType === 1;
/** deep roots are added elements already; a shallow target may be a shadow root (no text of its own) */
const asElements = (p: RescanPlan<Node>): RescanPlan<Element> => ({ deep: p.deep.filter(isElement), shallow: p.shallow.filter(isElement) });

export function runContentScript(): void {
  const isTop = window === window.top;
  const relay = relayOf() ?? startRelay();
  const send = relay.send;
  // the catalog's lists and the detectors' narrowing patterns come from the worker, once per frame
  let kit: PageKit | undefined;
  const kitReady = relay.ask<PageKit>({ type: 'observe/kit' } as Message).then((k) => {
    if (k && Array.isArray(k.globals) && Array.isArray(k.selectors) && k.patterns) kit = k;
  });

  const idle: IdleScheduler =
    typeof requestIdleCallback === 'function'
      ? (cb) => requestIdleCallback(cb, { timeout: IDLE_TIMEOUT_MS })
      : (cb) => setTimeout(() => cb({ didTimeout: true, timeRemaining: () => SLICE_MS }), 0);
  const now = () => performance.now();

  let observer: MutationObserver | undefined;
  const page = new PageScan(document, isTop, (sr) => observer?.observe(sr, { childList: true, subtree: true }));
  let pending: Change<Node>[] = [];
  let overflow = false;
  let wantFull = true;
  let overflowScans = 0;
  let rescans = 0;
  let clickScans = 0;
  let lastScanEnd = 0;
  let lastIdentifiers = -Infinity;
  let lastSent = '';
  let scanTimer: ReturnType<typeof setTimeout> | undefined;
  let scanning = false;

  // Consent platforms are detected by autoconsent, which the background loads only into
  // the top frame and first-level frames, and only when a hint says a CMP may be here or the URL
  // is one of its site rules: asked once without a hint (for the URL), once more when a hint shows.
  const consentFrame = isTop || window.parent === window.top;
  let consentAsked: 'no' | 'url' | 'hint' = consentFrame ? 'no' : 'hint';
  const askConsent = (plan: 'full' | { deep: readonly Element[] }) => {
    if (consentAsked === 'hint') return;
    if (plan !== 'full' && plan.deep.length === 0 && consentAsked === 'url') return; // nothing added: no new banner
    const hint = cmpHint(document, plan === 'full' ? undefined : plan.deep);
    if (!hint && consentAsked === 'url') return;
    consentAsked = hint ? 'hint' : 'url';
    void send({ type: 'consent/load', hint: hint ?? '' });
  };

  /** records are only collected here: the work waits for the rescan */
  const collect = (records: MutationRecord[]) => {
    for (const r of records) {
      if (r.type !== 'childList') continue;
      if (pending.length >= MAX_CHANGES) {
        overflow = true;
        break;
      }
      const added: Node[] = [];
      for (let i = 0; i < r.addedNodes.length; i++) if (r.addedNodes[i]!.nodeType === 1) added.push(r.addedNodes[i]!);
      pending.push({ target: r.target, added });
    }
  };

  const nextPlan = (): ScanPlan | null => {
    if (observer) collect(observer.takeRecords());
    const changes = pending;
    const over = overflow;
    pending = [];
    overflow = false;
    if (wantFull) {
      wantFull = false;
      return 'full';
    }
    if (over && overflowScans < MAX_OVERFLOW_SCANS) {
      overflowScans++;
      return 'full';
    }
    for (const r of page.leftover) changes.push({ target: r.parentNode ?? r, added: [r] });
    const plan = planRescan(changes, parentOf, connected);
    if (plan === 'full') {
      if (overflowScans++ < MAX_OVERFLOW_SCANS) return 'full';
      const capped = planRescan(changes, parentOf, connected, Infinity) as RescanPlan<Node>;
      return asElements({ deep: capped.deep.slice(0, 400), shallow: capped.shallow });
    }
    if (plan.deep.length === 0 && plan.shallow.length === 0) return null;
    return asElements(plan);
  };

  const scanNow = () => {
    scanTimer = undefined;
    if (!kit) {
      void kitReady.then(() => kit && scanNow());
      return;
    }
    if (scanning || !document.documentElement) return;
    const plan = nextPlan();
    if (!plan) return;
    scanning = true;
    askConsent(plan);
    const started = Date.now();
    const withIds = started - lastIdentifiers >= IDENTIFIERS_GAP_MS;
    if (withIds) lastIdentifiers = started;
    runInSlices(page.scan(kit, plan, withIds), idle, now, (snap) => {
      scanning = false;
      lastScanEnd = Date.now();
      const sig = JSON.stringify({ ...snap, at: 0 });
      if (sig !== lastSent) {
        lastSent = sig; // unchanged page: no repeat finding counts
        void send({ type: 'observe/dom', snapshot: snap });
      }
      if (pending.length || overflow || wantFull || page.leftover.length) scheduleScan(DEBOUNCE_MS);
    });
  };
  const scheduleScan = (delay: number) => {
    if (scanTimer || scanning) return;
    if (!wantFull) {
      if (rescans >= MAX_RESCANS) return;
      rescans++;
    }
    // after the delay, wait for a moment the page is not busy (loading, animating), then scan
    scanTimer = setTimeout(() => idle(scanNow), Math.max(delay, lastScanEnd + MIN_SCAN_GAP_MS - Date.now()));
  };
  const probe = () => kit && relay.probe(JSON.stringify({ globals: kit.globals }));

  // Scanning starts once the page has loaded: loading is the page's own time.
  const onLoaded = () => {
    scheduleScan(300);
    setTimeout(probe, 800);
    setTimeout(probe, 3500);
    observer = new MutationObserver((records) => {
      collect(records);
      scheduleScan(DEBOUNCE_MS);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, attributes: false });
  };
  window.addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted || clickScans >= MAX_CLICK_SCANS) return;
      clickScans++;
      wantFull = true;
      if (scanTimer) {
        clearTimeout(scanTimer);
        scanTimer = undefined;
      }
      scheduleScan(1500);
    },
    true,
  );
  if (document.readyState === 'complete') onLoaded();
  else window.addEventListener('load', onLoaded, { once: true });
}
