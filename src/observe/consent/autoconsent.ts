// autoconsent in detection-only mode, in the ISOLATED content script (top frame and first-level
// frames, where CMPs put their banners). It finds the CMP and its banner and, only when the person
// asks through the popup (or chose "always" for this site), runs the CMP's opt-out. Its messages go to
// the background through our typed registry (`consent/autoconsent`); the background answers init with
// the rules and the per-site config, and evals with the result of a MAIN-world snippet.
// We add what autoconsent does not report: the banner's first-layer buttons (is there a "reject"?)
// and the person's own answer (the banner closed after a click on an accept / reject button).
import AutoConsent from '@duckduckgo/autoconsent';
import { browser } from 'wxt/browser';
import { bannerSelectors, classifyClick, firstLayer } from './banner-buttons';

/** autoconsent messages the background needs; its frequent `report` messages stay in the frame */
const RELAYED = new Set(['init', 'eval', 'cmpDetected', 'popupFound', 'optOutResult', 'optInResult']);
/** how long we watch an open banner for the person's answer */
const WATCH_MS = 10 * 60_000;
const POLL_MS = 600;

export const CONTROL = 'candor:autoconsent';

type Send = (msg: unknown) => Promise<unknown>;

export function runAutoconsent(send: Send): void {
  const isTop = window === window.top;
  if (!isTop && window.parent !== window.top) return;
  let ac: AutoConsent | undefined;
  let lastClick: { cls: string; at: number } | null = null;
  let watching = false;
  let candorOptOut = false;

  const relay = async (msg: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    try {
      const res = (await send({ type: 'consent/autoconsent', msg: { ...msg, ...extra } })) as { reply?: unknown } | undefined;
      if (res?.reply && ac) await ac.receiveMessageCallback(res.reply as never);
    } catch {
      // the worker restarted or the page is going away
    }
  };

  const watchBanner = (cmp: string) => {
    if (watching) return;
    watching = true;
    const started = Date.now();
    document.addEventListener(
      'click',
      (e) => {
        const cls = classifyClick(e.target);
        if (cls) lastClick = { cls, at: Date.now() };
      },
      { capture: true },
    );
    const poll = async () => {
      const open = await ac?.foundCmp?.detectPopup().catch(() => false);
      if (open && Date.now() - started < WATCH_MS) return void setTimeout(poll, POLL_MS);
      if (open || candorOptOut) return;
      const choice = lastClick?.cls === 'reject' ? 'rejected' : lastClick?.cls === 'accept' || lastClick?.cls === 'acknowledge' ? 'accepted' : 'made';
      void relay({ type: 'candor:choice', cmp, choice, url: location.href, at: lastClick?.at ?? Date.now() });
    };
    setTimeout(poll, POLL_MS);
  };

  const fromAutoconsent = async (msg: Record<string, unknown>) => {
    if (!RELAYED.has(String(msg.type))) return;
    if (msg.type === 'popupFound') {
      const cmp = ac?.foundCmp;
      let layer = firstLayer(document, bannerSelectors(cmp));
      // some banners render their buttons a moment after the container appears
      for (let i = 0; i < 4 && !layer; i++) {
        await new Promise((r) => setTimeout(r, 400));
        layer = firstLayer(document, bannerSelectors(cmp));
      }
      await relay(msg, layer ? { rejectOnFirstLayer: layer.rejectOnFirstLayer, buttons: layer.buttons } : {});
      watchBanner(String(msg.cmp));
      return;
    }
    // Candor answered the banner itself: not the person's answer, so the watcher reports nothing
    if ((msg.type === 'optOutResult' || msg.type === 'optInResult') && msg.result === true) candorOptOut = true;
    await relay(msg);
  };

  ac = new AutoConsent((m) => fromAutoconsent(m as unknown as Record<string, unknown>));

  // The background asks for the opt-out (the person pressed "Reject" in the popup), or, for the
  // audit's `accepted` customer view only, the opt-in. Only the frame that found a banner answers; the
  // others stay silent so its answer is the one received.
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const m = raw as { type?: string; action?: string; steps?: unknown } | null;
    if (!m || m.type !== CONTROL || !ac?.foundCmp) return undefined;
    if (m.action === 'optIn') {
      // a rule-based CMP built from the compact rules has no opt-in steps: use the full rule's, sent
      // by the background (without them autoconsent "succeeds" by running no step at all)
      const rule = (ac.foundCmp as { rule?: { optIn?: unknown[] } }).rule;
      if (rule && !rule.optIn?.length) {
        if (!Array.isArray(m.steps)) return Promise.resolve({ ok: false, cmp: ac.foundCmp.name });
        rule.optIn = m.steps;
      }
    }
    const run = m.action === 'optIn' ? ac.doOptIn() : ac.doOptOut();
    return run.then((ok) => ({ ok, cmp: ac?.foundCmp?.name ?? '' }));
  });
}
