// Which A/B tests and feature-flag experiments this page put you in, read from the SDKs' own state
// where they expose it (GrowthBook, Optimizely Web, VWO, AB Tasty, Convert), the dataLayer events
// their integrations push ("experiment_viewed"), their cookies, and anti-flicker snippets (the page
// is hidden until the experiment has swapped content). Read only: nothing here calls into an SDK except
// side-effect-free getters, and every read is guarded so a hostile or odd page cannot make it throw.
import { emit } from './emit';

export interface ExperimentRead {
  /** catalog id of the vendor */
  vendor: string;
  experiments: { id: string; variant?: string }[];
  via: string;
}

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ANTI_FLICKER: [string, () => boolean][] = [
  ['google-optimize', () => document.documentElement.classList.contains('async-hide')],
  ['growthbook', () => document.documentElement.classList.contains('gb-anti-flicker') || !!document.getElementById('gb-anti-flicker-style')],
  ['vwo', () => !!document.getElementById('_vis_opt_path_hides')],
  ['adobe-target', () => !!document.getElementById('at-body-style')],
  ['optimizely', () => !!document.querySelector('style#optimizely-anti-flicker, .optimizely-hide')],
  ['ab-tasty', () => !!document.getElementById('abtasty-antiflicker')],
  ['kameleoon', () => !!document.getElementById('kameleoonLoadingStyleSheet')],
];
const antiFlickerSeen = new Set<string>();

function str(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 120) : '';
}

function growthbook(w: Any): ExperimentRead | null {
  const gb = w._growthbook;
  if (!gb || typeof gb.getAllResults !== 'function') return null;
  const out: ExperimentRead['experiments'] = [];
  for (const [key, v] of gb.getAllResults() as Map<string, Any>) {
    if (v?.result?.inExperiment === false) continue;
    out.push({ id: str(key), variant: str(v?.result?.key ?? v?.result?.variationId) });
  }
  return { vendor: 'growthbook', experiments: out, via: 'window._growthbook' };
}

function optimizelyWeb(w: Any): ExperimentRead | null {
  const o = w.optimizely;
  if (!o || typeof o.get !== 'function') return null;
  const state = o.get('state');
  const map = state && typeof state.getVariationMap === 'function' ? (state.getVariationMap() as Record<string, Any>) : {};
  return { vendor: 'optimizely', experiments: Object.entries(map).map(([id, v]) => ({ id: str(id), variant: str(v?.name ?? v?.id) })), via: 'window.optimizely' };
}

function vwo(w: Any): ExperimentRead | null {
  const ids = w._vwo_exp_ids;
  if (!Array.isArray(ids)) return null;
  const exps = w._vwo_exp ?? {};
  return { vendor: 'vwo', experiments: ids.slice(0, 50).map((id: unknown) => ({ id: str(id), variant: str(exps[str(id)]?.combination_chosen) })), via: 'window._vwo_exp_ids' };
}

function abTasty(w: Any): ExperimentRead | null {
  const r = w.ABTasty?.results;
  if (!r || typeof r !== 'object') return null;
  return { vendor: 'ab-tasty', experiments: Object.entries(r as Record<string, Any>).slice(0, 50).map(([id, v]) => ({ id: str(id), variant: str(v?.variationName ?? v?.variationID) })), via: 'window.ABTasty.results' };
}

function convert(w: Any): ExperimentRead | null {
  const e = w.convert?.currentData?.experiments;
  if (!e || typeof e !== 'object') return null;
  return { vendor: 'convert', experiments: Object.entries(e as Record<string, Any>).slice(0, 50).map(([id, v]) => ({ id: str(id), variant: str(v?.variation_name ?? v?.variation_id) })), via: 'window.convert.currentData' };
}

/** "experiment_viewed"-style events pushed by SDK integrations (GrowthBook, Statsig, VWO, AB Tasty…). */
function dataLayer(w: Any): ExperimentRead | null {
  const dl = w.dataLayer;
  if (!Array.isArray(dl)) return null;
  const out: ExperimentRead['experiments'] = [];
  for (const e of dl.slice(-200)) {
    if (!e || typeof e !== 'object' || !/experiment|variant|ab_?test/i.test(str(e.event))) continue;
    const id = str(e.experiment_id ?? e.experimentId ?? e.experiment ?? e.exp_id);
    if (id) out.push({ id, variant: str(e.variation_id ?? e.variationId ?? e.variant ?? e.variation) });
  }
  return out.length ? { vendor: 'datalayer', experiments: out, via: 'window.dataLayer' } : null;
}

/** VWO's own globals: without them there is no VWO cookie worth reading on this page */
function hasVwo(w: Any): boolean {
  return !!(w._vwo_code || w.VWO || w._vwo_exp_ids);
}

/**
 * Cookie names (never values, except the experiment and variant numbers VWO writes into its names).
 * Read only where VWO runs: document.cookie is a synchronous trip to the browser's cookie store.
 */
function cookies(w: Any): ExperimentRead[] {
  if (!hasVwo(w)) return [];
  const out: ExperimentRead[] = [];
  const vwoExps: ExperimentRead['experiments'] = [];
  for (const part of document.cookie.split(';').slice(0, 200)) {
    const [name = '', value = ''] = part.trim().split('=');
    const m = /^_vis_opt_exp_(\d+)_combi$/.exec(name);
    if (m) vwoExps.push({ id: m[1]!, variant: /^\d{1,3}$/.test(value) ? value : undefined });
  }
  if (vwoExps.length) out.push({ vendor: 'vwo', experiments: vwoExps, via: 'cookie _vis_opt_exp_*_combi' });
  return out;
}

export function readExperiments(w: Any = window as unknown as Any): { reads: ExperimentRead[]; antiFlicker: string[] } {
  const reads: ExperimentRead[] = [];
  for (const f of [growthbook, optimizelyWeb, vwo, abTasty, convert, dataLayer]) {
    try {
      const r = f(w);
      if (r) reads.push(r);
    } catch {
      // an SDK in an unexpected state: skip it
    }
  }
  try {
    reads.push(...cookies(w));
  } catch {
    // document.cookie can throw in sandboxed frames
  }
  checkAntiFlicker();
  return { reads, antiFlicker: [...antiFlickerSeen] };
}

function checkAntiFlicker(): void {
  for (const [name, test] of ANTI_FLICKER) {
    try {
      if (test()) antiFlickerSeen.add(name);
    } catch {
      // ignore
    }
  }
}

let lastSent = '';
function report(): void {
  const r = readExperiments();
  if (r.reads.length === 0 && r.antiFlicker.length === 0) return;
  const sig = JSON.stringify(r);
  if (sig === lastSent) return;
  lastSent = sig;
  emit('experiments', r as unknown as Record<string, unknown>);
}

export function installExperimentsProbe(): void {
  // Anti-flicker snippets hide the page only until the test has run: look early as well as late.
  // (only the anti-flicker marks then: the SDK state is read at the probe, once they have run)
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', checkAntiFlicker, { once: true, capture: true });
  else checkAntiFlicker();
  // SDKs load late: read as the page settles (and once more when it has)
  const read = () => {
    try {
      report();
    } catch {
      // never throw into the page
    }
  };
  read();
  setTimeout(read, 800);
  setTimeout(read, 3500);
  // GrowthBook's script-tag SDK announces its features on the document ("growthbookdata"); the page's
  // own handlers then evaluate their experiments, which is when getAllResults() has them. Read right
  // after those handlers, whenever that is, rather than hope a timer falls after it.
  document.addEventListener('growthbookdata', () => setTimeout(read, 0), true);
}
