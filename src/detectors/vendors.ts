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
  // pricing vendors become pricing-engine findings only on a page that shows a price (fairness/index.ts)
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

/** How a vendor was recognised: its host, a path of its script, a page global its SDK defines, or its DOM. */
export type RecognisedBy = 'host' | 'script-address' | 'page-global' | 'element';

export interface Recognition {
  source: FindingDraft['source'];
  url?: string;
  detail: string;
  at: number;
  recognisedBy?: RecognisedBy;
  /** the host suffix, path pattern, global or selector that matched */
  signal?: string;
}

export function draftsForVendor(e: CatalogEntry, how: Recognition): FindingDraft[] {
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

/** The catalog vendor a script or request URL belongs to, and how it was recognised. */
export function vendorOfUrl(url: string, ctx: DetectorContext): { entry: CatalogEntry; recognisedBy: RecognisedBy; signal: string } | undefined {
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
    if (e) return { entry: e, recognisedBy: 'host', signal: m.matched };
  }
  for (const c of ctx.catalog) {
    const p = c.scriptPatterns?.find((x) => lower.includes(x.toLowerCase()));
    if (p) return { entry: c, recognisedBy: 'script-address', signal: p };
  }
  return undefined;
}

export const vendorsDetector: Detector = {
  id: 'vendors',
  pageEventTypes: ['globals'],
  onRequest(req, ctx) {
    if (req.phase !== 'request' || req.type === 'main_frame') return [];
    const v = vendorOfUrl(req.url, ctx);
    return v ? draftsForVendor(v.entry, { source: 'network', url: req.url, detail: `${req.type} request`, at: req.at, recognisedBy: v.recognisedBy, signal: v.signal }) : [];
  },
  onPageEvent(ev, ctx) {
    if (ev.type !== 'globals' || !Array.isArray(ev.data.names)) return [];
    const names = new Set(ev.data.names.filter((n): n is string => typeof n === 'string'));
    return ctx.catalog.flatMap((e) => {
      const g = e.globals?.find((n) => names.has(n));
      return g ? draftsForVendor(e, { source: 'page', detail: `page global window.${g}`, at: ev.at, recognisedBy: 'page-global', signal: `window.${g}` }) : [];
    });
  },
  onDom(snap, ctx) {
    const sel = (snap.sections.vendorSelectors ?? []) as { id: string; selector: string }[];
    const out: FindingDraft[] = [];
    for (const s of Array.isArray(sel) ? sel : []) {
      const e = ctx.catalog.find((c) => c.id === s.id);
      if (e) out.push(...draftsForVendor(e, { source: 'dom', url: snap.url, detail: `element ${String(s.selector)}`, at: snap.at, recognisedBy: 'element', signal: String(s.selector).slice(0, 120) }));
    }
    return out;
  },
};
