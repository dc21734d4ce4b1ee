// Fairness on one page: pricing and personalisation engines where prices are shown, the algorithmic-
// pricing disclosure, urgency claims, experiments you are in, and third-party scripts rewriting prices.
// Price history and clean-visit comparison need the database (src/background/services/prices.ts), and
// so does the list of experiments, accumulated over the visit (src/background/services/experiments.ts).
import { capText, capUrl, type FindingDraft } from '../../model/finding';
import type { DomSnapshot, PageEvent } from '../../model/observations';
import type { Detector, DetectorContext } from '../types';
import { vendorOfUrl } from '../vendors';
import type { ExtractedPrice } from './price-extract';

interface PricesSection {
  price?: ExtractedPrice | null;
  shown?: string;
  disclosures?: { text?: string; where?: string; visible?: boolean; nearPrice?: boolean }[];
}

interface UrgencyClaim {
  pattern?: string;
  text?: string;
  deadline?: number;
}

const URGENCY_PATTERNS = new Set(['countdown', 'low-stock', 'activity', 'limited-time']);

function hostOf(u: string): string {
  try {
    return new URL(u).hostname;
  } catch {
    return '';
  }
}

/**
 * A dynamic-pricing or price-optimisation vendor (catalog role `pricing`, seeds/catalog/pricing.json)
 * whose script runs on a page that shows a price: it may set or test what you pay. Personalisation and
 * recommendation engines are not pricing engines: they are reported as personalization findings (what
 * you are shown), not as deciding your price — a claim the evidence would not carry.
 */
function pricingEngines(snap: DomSnapshot, price: ExtractedPrice, ctx: DetectorContext): FindingDraft[] {
  const out = new Map<string, FindingDraft>();
  for (const src of snap.scripts) {
    const v = vendorOfUrl(src, ctx);
    const e = v?.entry;
    if (!v || !e || out.has(e.id) || !e.roles.includes('pricing')) continue;
    const how = v.recognisedBy === 'host' ? `its host ${v.signal}` : `its script address (${v.signal})`;
    out.set(e.id, {
      kind: 'pricing-engine',
      key: `pricing-engine:${e.id}`,
      vendor: e.vendor,
      company: e.company,
      category: e.category,
      source: 'dom',
      confidence: 'likely',
      evidence: [{ url: capUrl(src), detail: capText(`${e.vendor} script, recognised by ${how}, on a page showing ${price.product || 'a product'} at ${price.price} ${price.currency}`), at: new Date(snap.at).toISOString() }],
      details: { vendor: e.vendor, catalogId: e.id, recognisedBy: v.recognisedBy, signal: v.signal, product: price.product, price: price.price, currency: price.currency },
    });
  }
  return [...out.values()];
}

function disclosureDrafts(snap: DomSnapshot, sec: PricesSection): FindingDraft[] {
  const ds = (sec.disclosures ?? []).filter((d) => typeof d?.text === 'string');
  if (ds.length === 0) return [];
  // the most readable instance decides how honest the disclosure is
  const best = ds.find((d) => d.visible && d.nearPrice) ?? ds.find((d) => d.visible) ?? ds[0]!;
  const visible = best.visible === true;
  const nearPrice = best.nearPrice === true;
  return [
    {
      kind: 'algorithmic-pricing-disclosure',
      key: 'algorithmic-pricing-disclosure',
      source: 'dom',
      confidence: 'certain',
      assessment: visible && nearPrice ? 'good' : 'concern',
      evidence: [{ url: capUrl(snap.url), detail: capText(`${best.where ?? 'text'}: ${best.text}`), at: new Date(snap.at).toISOString() }],
      details: { text: capText(best.text, 200), where: best.where ?? 'text', visible, nearPrice },
    },
  ];
}

function urgencyDrafts(snap: DomSnapshot, claims: UrgencyClaim[]): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const c of claims.slice(0, 20)) {
    if (!c || typeof c.text !== 'string' || !URGENCY_PATTERNS.has(String(c.pattern))) continue;
    out.push({
      kind: 'urgency',
      // one countdown per page: the reset check in the prices service enriches this same finding
      key: c.pattern === 'countdown' ? 'urgency:countdown' : `urgency:${c.pattern}:${c.text.toLowerCase().replace(/\d+/g, '#').slice(0, 80)}`,
      source: 'dom',
      confidence: 'likely',
      evidence: [{ url: capUrl(snap.url), detail: capText(c.text, 200), at: new Date(snap.at).toISOString() }],
      details: { pattern: c.pattern, text: capText(c.text, 200), ...(typeof c.deadline === 'number' ? { deadline: new Date(c.deadline).toISOString() } : {}) },
    });
  }
  return out;
}

function priceRewrite(ev: PageEvent, ctx: DetectorContext): FindingDraft[] {
  const script = ev.script ?? '';
  const host = hostOf(script);
  // the site's own scripts updating a price (currency switcher, quantity) are not a third party's doing
  if (!host || !ctx.isThirdParty(host)) return [];
  const m = ctx.trackers.lookup(host);
  const e = m?.catalogId ? ctx.catalog.find((c) => c.id === m.catalogId) : undefined;
  const before = capText(ev.data.before, 80);
  const after = capText(ev.data.after, 80);
  return [
    {
      kind: 'price-rewrite',
      key: `price-rewrite:${host}`,
      vendor: e?.vendor ?? m?.name,
      company: e?.company ?? m?.company,
      source: 'page',
      confidence: 'likely',
      evidence: [{ url: capUrl(script), detail: capText(`${capText(ev.data.element, 80)}: “${before}” → “${after}”`), at: new Date(ev.at).toISOString() }],
      details: { script: capUrl(script), before, after, element: capText(ev.data.element, 80) },
    },
  ];
}

export const fairnessDetector: Detector = {
  id: 'fairness',
  pageEventTypes: ['price-rewrite'],
  onPageEvent(ev, ctx) {
    return ev.type === 'price-rewrite' ? priceRewrite(ev, ctx) : [];
  },
  onDom(snap, ctx) {
    const out: FindingDraft[] = [];
    const sec = (snap.sections.prices ?? {}) as PricesSection;
    if (snap.isTop && sec.price && typeof sec.price.price === 'number') out.push(...pricingEngines(snap, sec.price, ctx));
    if (snap.isTop) out.push(...disclosureDrafts(snap, sec));
    const claims = snap.sections.urgency;
    if (Array.isArray(claims)) out.push(...urgencyDrafts(snap, claims as UrgencyClaim[]));
    return out;
  },
};
