// Consent readouts in the MAIN world: IAB TCF (__tcfapi), IAB GPP (__gpp), US Privacy (__uspapi),
// Google Consent Mode commands on dataLayer, and navigator.globalPrivacyControl as the page sees it.
// We only call the CMPs' documented read APIs and read dataLayer; nothing of the page is wrapped.
import { emit } from './emit';

type Fn = (...args: unknown[]) => unknown;
const w = window as unknown as Record<string, unknown>;
const setT = setTimeout;
const isTop = (() => {
  try {
    return window === window.top;
  } catch {
    return false;
  }
})();

function call(name: string, ...args: unknown[]): boolean {
  const f = w[name];
  if (typeof f !== 'function') return false;
  try {
    (f as Fn)(...args);
    return true;
  } catch {
    return false;
  }
}

const consented = (o: unknown): number[] =>
  o && typeof o === 'object'
    ? Object.entries(o as Record<string, unknown>)
        .filter(([, v]) => v === true)
        .map(([k]) => Number(k))
        .filter((n) => Number.isFinite(n))
    : [];

let tcfOn = false;
let lastTcf = '';
function watchTcf(): void {
  if (tcfOn) return;
  tcfOn = call('__tcfapi', 'addEventListener', 2, (tc: Record<string, unknown> | null, ok: boolean) => {
    if (!ok || !tc) return;
    const purpose = (tc.purpose ?? {}) as Record<string, unknown>;
    const vendor = (tc.vendor ?? {}) as Record<string, unknown>;
    const data = {
      cmpId: tc.cmpId,
      gdprApplies: tc.gdprApplies,
      eventStatus: tc.eventStatus,
      cmpStatus: tc.cmpStatus,
      purposesConsented: consented(purpose.consents),
      vendorsConsented: consented(vendor.consents).length,
      tcString: typeof tc.tcString === 'string' ? tc.tcString.slice(0, 400) : '',
    };
    const sig = JSON.stringify(data);
    if (sig === lastTcf) return;
    lastTcf = sig;
    emit('tcf', data);
  });
}

let gppOn = false;
let lastGpp = '';
let gppSections: unknown = null;
function onGpp(ping: Record<string, unknown> | null | undefined): void {
  if (!ping || typeof ping !== 'object') return;
  gppSections = ping.parsedSections ?? gppSections;
  const data = {
    cmpId: ping.cmpId,
    signalStatus: ping.signalStatus,
    applicableSections: ping.applicableSections,
    sectionList: ping.sectionList ?? ping.supportedAPIs,
    gppString: typeof ping.gppString === 'string' ? ping.gppString.slice(0, 400) : '',
  };
  const sig = JSON.stringify(data);
  if (sig === lastGpp) return;
  lastGpp = sig;
  emit('gpp', data);
}
function watchGpp(): void {
  if (gppOn) return;
  gppOn = call('__gpp', 'addEventListener', (ev: Record<string, unknown> | null, ok: boolean) => {
    if (ok && ev) onGpp(ev.pingData as Record<string, unknown>);
  });
  call('__gpp', 'ping', (ping: Record<string, unknown>, ok: boolean) => ok !== false && onGpp(ping));
}

let dlSeen = 0;
function scanDataLayer(): void {
  const dl = w.dataLayer;
  if (!Array.isArray(dl)) return;
  for (; dlSeen < dl.length && dlSeen < 2000; dlSeen++) {
    const e = dl[dlSeen] as ArrayLike<unknown> | undefined;
    // gtag() pushes its `arguments` object: ('consent', 'default' | 'update', { ad_storage: … })
    if (!e || typeof e !== 'object' || e[0] !== 'consent') continue;
    const cmd = e[1];
    const state = e[2];
    if ((cmd === 'default' || cmd === 'update') && state && typeof state === 'object') {
      const s: Record<string, string> = {};
      for (const [k, v] of Object.entries(state as Record<string, unknown>)) if (typeof v === 'string' && /_storage$|^ad_/.test(k)) s[k.slice(0, 40)] = v.slice(0, 10);
      emit('consent-mode', { command: cmd, state: s });
    }
  }
}

let gpcSent = false;
function reportGpc(): void {
  if (!isTop || gpcSent) return;
  const sent = (navigator as unknown as { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
  let usp: string | undefined;
  call('__uspapi', 'getUSPData', 1, (d: { uspString?: unknown } | null, ok: boolean) => {
    if (ok && d && typeof d.uspString === 'string') usp = d.uspString.slice(0, 8);
  });
  if (!sent && usp === undefined && !gppSections) return;
  gpcSent = true;
  emit('gpc-signal', { sent, ...(usp !== undefined ? { usp } : {}), ...(gppSections ? { gppSections } : {}) });
}

function tick(): void {
  try {
    watchTcf();
    watchGpp();
    scanDataLayer();
  } catch {
    // a hostile page's getters must not break us or it
  }
}

export function installConsentHooks(): void {
  // CMPs and tag managers load late; look again as the page settles, a bounded number of times.
  // (This runs at document_idle: the document has been parsed, load may not have happened yet.)
  const delays = [0, 500, 1500, 3000, 6000, 10000, 15000, 25000];
  delays.forEach((ms) => setT(tick, ms));
  const onLoad = () => {
    tick();
    setT(() => {
      try {
        reportGpc();
      } catch {
        // never throw into the page
      }
    }, 1500);
  };
  if (document.readyState === 'complete') onLoad();
  else addEventListener('load', onLoad, { once: true });
}
