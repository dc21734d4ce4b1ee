// Catalog vendors found by their page globals, script URLs or DOM: session replay, experiments,
// personalisation and pricing engines, privacy-friendly analytics. Chat widgets and consent platforms
// have detectors of their own (they need more than presence).
import type { CatalogEntry, CatalogRole } from '../catalog/schema';
import { capUrl, type FindingDraft, type FindingKind } from '../model/finding';
import { redactUrl } from './privacy-util';
import type { DetectorContext, Detector } from './types';

const ROLE_KIND: [CatalogRole, FindingKind][] = [
  ['session-replay', 'session-replay'],
  ['experiment', 'experiment'],
  ['pricing', 'pricing-engine'],
  ['personalization', 'personalization'],
  ['recommendations', 'personalization'],
  ['identity-resolution', 'personalization'],
  ['retargeting', 'personalization'],
  ['privacy-friendly-analytics', 'first-party-analytics'],
];

const PERSONALIZATION_TYPE: Partial<Record<CatalogRole, string>> = {
  personalization: 'segmentation',
  recommendations: 'recommendations',
  'identity-resolution': 'identity-resolution',
  retargeting: 'retargeting',
};

export function draftsForVendor(e: CatalogEntry, how: { source: FindingDraft['source']; url?: string; detail: string; at: number }): FindingDraft[] {
  const out: FindingDraft[] = [];
  const seen = new Set<FindingKind>();
  for (const [role, kind] of ROLE_KIND) {
    if (!e.roles.includes(role) || seen.has(kind)) continue;
    seen.add(kind);
    out.push({
      kind,
      key: `${kind}:${e.id}`,
      vendor: e.vendor,
      company: e.company,
      category: e.category,
      source: how.source,
      confidence: how.source === 'network' ? 'certain' : 'likely',
      assessment: kind === 'first-party-analytics' ? 'good' : undefined,
      evidence: [{ ...(how.url ? { url: capUrl(redactUrl(how.url)) } : {}), detail: how.detail, at: new Date(how.at).toISOString() }],
      details: {
        vendor: e.vendor,
        catalogId: e.id,
        ...(kind === 'personalization' ? { type: PERSONALIZATION_TYPE[role] } : {}),
      },
    });
  }
  return out;
}

function byScript(url: string, ctx: DetectorContext): CatalogEntry | undefined {
  const lower = url.toLowerCase();
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  const m = ctx.trackers.lookup(host);
  if (m?.catalogId) {
    const e = ctx.catalog.find((c) => c.id === m.catalogId);
    if (e) return e;
  }
  return ctx.catalog.find((c) => c.scriptPatterns?.some((p) => lower.includes(p.toLowerCase())));
}

export const vendorsDetector: Detector = {
  id: 'vendors',
  pageEventTypes: ['globals'],
  onRequest(req, ctx) {
    if (req.phase !== 'request' || req.type === 'main_frame') return [];
    const e = byScript(req.url, ctx);
    return e ? draftsForVendor(e, { source: 'network', url: req.url, detail: `${req.type} request`, at: req.at }) : [];
  },
  onPageEvent(ev, ctx) {
    if (ev.type !== 'globals' || !Array.isArray(ev.data.names)) return [];
    const names = new Set(ev.data.names.filter((n): n is string => typeof n === 'string'));
    return ctx.catalog.flatMap((e) => {
      const g = e.globals?.find((n) => names.has(n));
      return g ? draftsForVendor(e, { source: 'page', detail: `page global window.${g}`, at: ev.at }) : [];
    });
  },
  onDom(snap, ctx) {
    const sel = (snap.sections.vendorSelectors ?? []) as { id: string; selector: string }[];
    const out: FindingDraft[] = [];
    for (const s of Array.isArray(sel) ? sel : []) {
      const e = ctx.catalog.find((c) => c.id === s.id);
      if (e) out.push(...draftsForVendor(e, { source: 'dom', url: snap.url, detail: `element ${String(s.selector)}`, at: snap.at }));
    }
    return out;
  },
};
