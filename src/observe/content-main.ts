// The ISOLATED content script: relays MAIN-world events, scans the DOM when the page settles and on
// throttled mutations, and asks the MAIN world which vendor globals exist.
import { browser } from 'wxt/browser';
import { CATALOG } from '../catalog';
import type { Message } from '../model/messages';
import type { PageEvent } from '../model/observations';
import { CONTENT_TO_PAGE, PAGE_TO_CONTENT } from './bridge';
import { cmpHint } from './consent/hints';
import { SCANNERS, snapshot } from './dom';

const GLOBALS = [...new Set(CATALOG.flatMap((e) => e.globals ?? []))];
const MIN_SCAN_GAP_MS = 2000;
const MAX_SCANS = 12;
/** cookies and storage are read through synchronous trips to the browser: not on every rescan */
const IDENTIFIERS_GAP_MS = 4000;
const WITHOUT_IDENTIFIERS = SCANNERS.filter((s) => s.name !== 'identifiers');
/** a scan waits for the page to be idle, but no longer than this */
const IDLE_TIMEOUT_MS = 1000;
/** far above a real batch (at most 1,000 compact events per 250 ms from emit.ts) */
const MAX_BRIDGE_CHARS = 2_000_000;

async function send(msg: Message, tries = 4): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      await browser.runtime.sendMessage(msg);
      return;
    } catch (e) {
      const m = String((e as Error)?.message ?? e);
      if (/context invalidated/i.test(m)) return; // the extension was reloaded: this script is orphaned
      // the service worker may be (re)starting: wait and try again
      await new Promise((r) => setTimeout(r, 300 * (i + 1)));
    }
  }
}

export function runContentScript(): void {
  const isTop = window === window.top;
  let pending: PageEvent[] = [];
  let relayTimer: ReturnType<typeof setTimeout> | undefined;

  window.addEventListener(PAGE_TO_CONTENT, (e) => {
    let batch: unknown;
    const detail = (e as CustomEvent).detail;
    // Our hooks send strings of a few KB; a page can forge megabytes to make us parse without end.
    if (typeof detail !== 'string' || detail.length > MAX_BRIDGE_CHARS) return;
    try {
      batch = JSON.parse(detail);
    } catch {
      return;
    }
    if (!Array.isArray(batch)) return;
    pending.push(...(batch as PageEvent[]).slice(0, 500));
    if (pending.length > 2000) pending = pending.slice(-2000);
    relayTimer ??= setTimeout(() => {
      relayTimer = undefined;
      const events = pending;
      pending = [];
      void send({ type: 'observe/page-events', events });
    }, 200);
  });

  let scans = 0;
  // A person's click (opening a chat launcher, an accordion) changes what the page shows, possibly
  // long after load when the mutation budget is spent: each trusted click grants two more scans, capped.
  let bonus = 0;
  let lastScan = 0;
  let lastIdentifiers = 0;
  let identifiers: unknown = [];
  let lastSent = '';
  let scanTimer: ReturnType<typeof setTimeout> | undefined;
  // Consent platforms are detected by autoconsent, which the background loads only into
  // the top frame and first-level frames, and only when a hint says a CMP may be here or the URL
  // is one of its site rules: asked once without a hint (for the URL), once more when a hint shows.
  const consentFrame = isTop || window.parent === window.top;
  let consentAsked: 'no' | 'url' | 'hint' = consentFrame ? 'no' : 'hint';
  const askConsent = () => {
    if (consentAsked === 'hint') return;
    const hint = cmpHint(document);
    if (!hint && consentAsked === 'url') return;
    consentAsked = hint ? 'hint' : 'url';
    void send({ type: 'consent/load', hint: hint ?? '' });
  };
  const scanNow = () => {
    scanTimer = undefined;
    if (scans >= MAX_SCANS + bonus || !document.documentElement) return;
    scans++;
    lastScan = Date.now();
    askConsent();
    const withIds = lastScan - lastIdentifiers >= IDENTIFIERS_GAP_MS;
    if (withIds) lastIdentifiers = lastScan;
    const snap = snapshot(document, isTop, withIds ? SCANNERS : WITHOUT_IDENTIFIERS);
    // between reads, the last reading stands (so an unchanged page still compares equal below)
    if (withIds) identifiers = snap.sections.identifiers;
    else snap.sections.identifiers = identifiers;
    const sig = JSON.stringify({ ...snap, at: 0 });
    if (sig === lastSent) return; // unchanged page: no repeat finding counts
    lastSent = sig;
    void send({ type: 'observe/dom', snapshot: snap });
  };
  const scheduleScan = (delay = 0) => {
    if (scanTimer || scans >= MAX_SCANS + bonus) return;
    // after the delay, wait for a moment the page is not busy (loading, animating), then scan
    const idle = typeof requestIdleCallback === 'function' ? () => requestIdleCallback(scanNow, { timeout: IDLE_TIMEOUT_MS }) : scanNow;
    scanTimer = setTimeout(idle, Math.max(delay, lastScan + MIN_SCAN_GAP_MS - Date.now()));
  };
  const probe = () => window.dispatchEvent(new CustomEvent(CONTENT_TO_PAGE, { detail: JSON.stringify({ globals: GLOBALS }) }));

  const onReady = () => {
    scheduleScan(300);
    setTimeout(probe, 800);
    setTimeout(probe, 3500);
    new MutationObserver(() => scheduleScan()).observe(document.documentElement, { childList: true, subtree: true, attributes: false });
  };
  window.addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted || bonus >= MAX_SCANS) return;
      bonus = Math.min(MAX_SCANS, bonus + 2);
      scheduleScan(1500);
    },
    true,
  );
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', onReady, { once: true });
  else onReady();
  window.addEventListener('load', () => scheduleScan(1000), { once: true });
}
