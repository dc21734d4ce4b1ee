// The worker's half of a DOM scan: the content script sends raw observations (price parts, candidate
// texts), this turns them into what the detectors read (an extracted price, real disclosures, urgency
// claims). Pure; a section that is not in the raw shape is dropped, never trusted as judged.
import type { PriceDisclosure, PricesSection, RawPricesSection, UrgencyCandidate, UrgencyClaim } from '../model/dom';
import { capText } from '../model/finding';
import type { DomSnapshot } from '../model/observations';
import { ALGO_PRICING_RE, extractPrice } from './fairness/price-extract';
import { classifyUrgency, clockSeconds, countdownSlackMs, isShippingNotice } from './fairness/urgency-classify';
import { claimHere } from './fairness/urgency-place';

const MAX_CLAIMS = 20;
const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

export function judgePrices(raw: unknown): PricesSection | undefined {
  const r = raw as Partial<RawPricesSection> | undefined;
  if (!r || typeof r !== 'object' || !r.parts || typeof r.parts !== 'object') return undefined;
  const parts = r.parts;
  let price = null;
  try {
    price = extractPrice({ ...parts, jsonLd: Array.isArray(parts.jsonLd) ? parts.jsonLd : [], metas: Array.isArray(parts.metas) ? parts.metas : [] }, str(r.path, 500));
  } catch {
    price = null;
  }
  const disclosures: PriceDisclosure[] = [];
  const cands = Array.isArray(r.disclosures) ? r.disclosures : [];
  // page text: the deepest element holding the whole sentence (the page sends them in document order)
  const inText = cands.filter((d) => d?.where === 'text' && ALGO_PRICING_RE.test(str(d.text, 400))).pop();
  if (inText) disclosures.push({ text: capText(inText.text, 200), where: 'text', visible: !!inText.visible, nearPrice: !!inText.nearPrice });
  for (const d of cands) {
    if (!d || d.where === 'text' || !ALGO_PRICING_RE.test(str(d.text, 400))) continue;
    disclosures.push({ text: capText(d.text, 200), where: d.where, visible: false, nearPrice: !!d.nearPrice });
    if (disclosures.length >= 5) break;
  }
  return { price, shown: str(r.shown, 60), disclosures };
}

/**
 * A clock seen ticking down: its second reading shows less time left than the first, by no more than
 * the time between the readings (and the clock's own precision). A clock counting up (a time of day,
 * a stopwatch) or jumping is not.
 */
function tickedDown(first: string, firstAt: number, later: unknown): boolean {
  const l = later as { text?: unknown; readAt?: unknown } | undefined;
  if (!l || typeof l !== 'object' || typeof l.readAt !== 'number') return false;
  const a = clockSeconds(first);
  const b = clockSeconds(str(l.text, 300));
  if (a === null || b === null || b >= a) return false;
  const elapsed = (l.readAt - firstAt) / 1000;
  return elapsed > 0 && a - b <= elapsed + countdownSlackMs(first) / 1000;
}

function claimOf(c: UrgencyCandidate, ticked: boolean): UrgencyClaim | null {
  const text = str(c.text, 300);
  if (!text) return null;
  const place = c.place && typeof c.place === 'object' ? c.place : undefined;
  if (c.clock) {
    const context = str(c.context, 300) || text;
    const readAt = typeof c.readAt === 'number' ? c.readAt : Date.now();
    const worded = classifyUrgency(context, { hasClock: true }) === 'countdown';
    // a clock without countdown words counts when it was seen ticking down next to an offer
    const bare = !worded && ticked && clockSeconds(text) !== null && !isShippingNotice(context);
    if (!worded && !bare) return claimOfWords(text, place);
    if (!claimHere(context, place, { bare })) return null;
    const secs = clockSeconds(text) ?? 0;
    return { pattern: 'countdown', text: capText(context, 200), deadline: Math.round((readAt + secs * 1000) / 1000) * 1000 };
  }
  return claimOfWords(text, place);
}

function claimOfWords(text: string, place: UrgencyCandidate['place']): UrgencyClaim | null {
  const pattern = classifyUrgency(text);
  if (!pattern || pattern === 'countdown' || !claimHere(text, place)) return null;
  return { pattern, text: capText(text, 200) };
}

export function judgeUrgency(raw: unknown): UrgencyClaim[] {
  if (!Array.isArray(raw)) return [];
  const out: UrgencyClaim[] = [];
  const claimed = new Set<number>();
  const seen = new Set<string>();
  const list = raw.slice(0, 400) as UrgencyCandidate[];
  // a clock's digits tick in their own element: its container (the candidate claimed first) ticks too
  const ticked = new Set<number>();
  list.forEach((c, i) => {
    if (!c || typeof c !== 'object' || !c.clock || !tickedDown(str(c.text, 300), typeof c.readAt === 'number' ? c.readAt : 0, c.later)) return;
    ticked.add(i);
    if (typeof c.parent === 'number') ticked.add(c.parent);
  });
  list.forEach((c, i) => {
    if (out.length >= MAX_CLAIMS || !c || typeof c !== 'object') return;
    const claim = claimOf(c, ticked.has(i));
    if (!claim) return;
    // a clock's digits and its container are one claim
    if (typeof c.parent === 'number' && claimed.has(c.parent)) return;
    claimed.add(i);
    const sig = `${claim.pattern}|${claim.text}`;
    if (seen.has(sig)) return;
    seen.add(sig);
    out.push(claim);
  });
  return out;
}

export function judgeSnapshot(snap: DomSnapshot): DomSnapshot {
  const sections = { ...snap.sections };
  if ('prices' in sections) {
    const p = judgePrices(sections.prices);
    if (p) sections.prices = p;
    else delete sections.prices;
  }
  if ('urgency' in sections) sections.urgency = judgeUrgency(sections.urgency);
  return { ...snap, sections };
}
