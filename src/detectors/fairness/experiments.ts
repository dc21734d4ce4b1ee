// Experiments you are in, from the vendors' own impression/evaluation events on the network (cannot be
// forged by the page) and from SDK state and cookies read in the page (src/observe/reads/experiments.ts).
// Drafts use the key `experiment:<catalog id>` so they enrich the presence finding of vendors.ts.
import type { CatalogEntry } from '../../catalog/schema';
import { capText, capUrl, type FindingDraft } from '../../model/finding';
import type { PageEvent, RequestObservation } from '../../model/observations';
import type { DetectorContext } from '../types';

export interface ExperimentId {
  id: string;
  variant?: string;
  /** feature flag key, where the experiment is a rule of a flag */
  flag?: string;
}

const MAX_EXPERIMENTS = 30;

function s(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? capText(String(v), 120) || undefined : undefined;
}

/** Optimizely Feature Experimentation impression events (logx.optimizely.com/v1/events). */
export function optimizelyDecisions(body: string): ExperimentId[] {
  let j: { visitors?: { snapshots?: { decisions?: Record<string, unknown>[] }[] }[] };
  try {
    j = JSON.parse(body);
  } catch {
    return [];
  }
  const out: ExperimentId[] = [];
  for (const v of j.visitors ?? []) {
    for (const snap of v.snapshots ?? []) {
      for (const d of snap.decisions ?? []) {
        const meta = (d.metadata ?? {}) as Record<string, unknown>;
        const id = s(meta.rule_key) ?? s(d.experiment_id);
        if (id) out.push({ id, variant: s(meta.variation_key) ?? s(d.variation_id), flag: s(meta.flag_key) });
      }
    }
  }
  return out.slice(0, MAX_EXPERIMENTS);
}

/** LaunchDarkly analytics events (events.launchdarkly.com/events/bulk/…): the flag variations you got. */
export function launchDarklyEvaluations(body: string): ExperimentId[] {
  let j: unknown;
  try {
    j = JSON.parse(body);
  } catch {
    return [];
  }
  const out = new Map<string, ExperimentId>();
  for (const e of Array.isArray(j) ? (j as Record<string, unknown>[]) : []) {
    if (e?.kind === 'summary' && e.features && typeof e.features === 'object') {
      for (const [key, f] of Object.entries(e.features as Record<string, { counters?: { variation?: number; value?: unknown }[] }>)) {
        const c = f?.counters?.[0];
        if (c) out.set(key, { id: capText(key, 120), variant: s(c.variation) ?? s(c.value) });
      }
    } else if (e?.kind === 'feature' && typeof e.key === 'string') {
      out.set(e.key, { id: capText(e.key, 120), variant: s(e.variation) ?? s(e.value) });
    }
  }
  return [...out.values()].slice(0, MAX_EXPERIMENTS);
}

const NETWORK_READERS: { id: string; match: (u: URL) => boolean; read: (body: string) => ExperimentId[] }[] = [
  { id: 'optimizely', match: (u) => u.hostname === 'logx.optimizely.com' && u.pathname.startsWith('/v1/events'), read: optimizelyDecisions },
  { id: 'launchdarkly', match: (u) => /(^|\.)events\.launchdarkly\.com$/.test(u.hostname) && u.pathname.startsWith('/events/bulk/'), read: launchDarklyEvaluations },
];

function draft(e: CatalogEntry | undefined, id: string, experiments: ExperimentId[], how: { source: FindingDraft['source']; url?: string; detail: string; at: number }, extra: Record<string, unknown> = {}): FindingDraft {
  return {
    kind: 'experiment',
    key: `experiment:${e?.id ?? id}`,
    vendor: e?.vendor,
    company: e?.company,
    category: e?.category,
    source: how.source,
    confidence: how.source === 'network' ? 'certain' : 'likely',
    evidence: [{ ...(how.url ? { url: capUrl(how.url) } : {}), detail: capText(how.detail), at: new Date(how.at).toISOString() }],
    details: { vendor: e?.vendor ?? 'an A/B testing tool', catalogId: e?.id, ...(experiments.length ? { experiments } : {}), ...extra },
  };
}

export function experimentsFromRequest(req: RequestObservation, ctx: DetectorContext): FindingDraft[] {
  if (req.phase !== 'request' || req.method !== 'POST' || !req.body) return [];
  let u: URL;
  try {
    u = new URL(req.url);
  } catch {
    return [];
  }
  const r = NETWORK_READERS.find((x) => x.match(u));
  if (!r) return [];
  const exps = r.read(req.body);
  if (exps.length === 0) return [];
  const e = ctx.catalog.find((c) => c.id === r.id);
  return [draft(e, r.id, exps, { source: 'network', url: req.url, detail: `the vendor was told which variant you got: ${exps.map((x) => `${x.id}=${x.variant ?? '?'}`).join(', ')}`, at: req.at })];
}

interface Read {
  vendor?: unknown;
  experiments?: unknown;
  via?: unknown;
}

export function experimentsFromPageEvent(ev: PageEvent, ctx: DetectorContext): FindingDraft[] {
  if (ev.type !== 'experiments') return [];
  const out: FindingDraft[] = [];
  const reads = (Array.isArray(ev.data.reads) ? ev.data.reads : []) as Read[];
  const vendorsRead = new Set(reads.map((r) => String(r.vendor)));
  for (const r of reads.slice(0, 20)) {
    const vid = String(r.vendor ?? '');
    // dataLayer events are what an SDK integration pushed; when that SDK was read directly, skip them
    if (vid === 'datalayer' && vendorsRead.has('growthbook')) continue;
    const exps = (Array.isArray(r.experiments) ? r.experiments : [])
      .map((x: Record<string, unknown>) => ({ id: s(x?.id) ?? '', ...(s(x?.variant) ? { variant: s(x?.variant) } : {}) }))
      .filter((x) => x.id)
      .slice(0, MAX_EXPERIMENTS);
    if (exps.length === 0) continue;
    const e = ctx.catalog.find((c) => c.id === vid);
    out.push(draft(e, vid || 'unknown', exps, { source: 'page', detail: `read from ${capText(r.via, 60)}: ${exps.map((x) => `${x.id}=${x.variant ?? '?'}`).join(', ')}`, at: ev.at }));
  }
  for (const name of (Array.isArray(ev.data.antiFlicker) ? ev.data.antiFlicker : []).slice(0, 10)) {
    const e = ctx.catalog.find((c) => c.id === name);
    if (e) out.push(draft(e, e.id, [], { source: 'page', detail: 'anti-flicker snippet: the page is hidden until the experiment has changed it', at: ev.at }, { antiFlicker: true }));
  }
  return out;
}
