// The product price on the page (structured data first, then the price shown by the buy button) and
// the New York algorithmic-pricing disclosure: where it is, and whether a person can actually see it.
import { ALGO_PRICING_RE, type ExtractedPrice, extractPrice, type PriceParts } from '../../detectors/fairness/price-extract';
import { capText } from '../../model/finding';
import type { DomScanner } from './types';
import { isVisible, textOf } from './text';

export interface PriceDisclosure {
  text: string;
  /** where the words are: page text, or only in an attribute a person rarely sees */
  where: 'text' | 'title' | 'aria-label' | 'tooltip';
  visible: boolean;
  /** within a short distance of the shown price */
  nearPrice: boolean;
}

export interface PricesSection {
  price: ExtractedPrice | null;
  /** the price text shown to the person, when found */
  shown: string;
  disclosures: PriceDisclosure[];
}

const BUY_RE = /\b(add\s+to\s+(cart|bag|basket|trolley)|buy(\s+it)?(\s+now)?|purchase|book\s+now|order\s+now|in\s+den\s+warenkorb|ajouter\s+au\s+panier)\b/i;
const PRICE_TEXT_RE = /(?:[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF)\b))/;
const ATTRS: [string, PriceDisclosure['where']][] = [
  ['title', 'title'],
  ['aria-label', 'aria-label'],
  ['data-tooltip', 'tooltip'],
  ['data-tip', 'tooltip'],
  ['data-title', 'tooltip'],
  ['data-original-title', 'tooltip'],
  ['data-bs-original-title', 'tooltip'],
];

function buyButton(doc: Document): Element | null {
  for (const el of Array.from(doc.querySelectorAll('button, input[type="submit"], input[type="button"], [role="button"], a')).slice(0, 400)) {
    const t = el instanceof HTMLInputElement ? el.value : (el.textContent ?? '');
    if (t.length < 60 && BUY_RE.test(t)) return el;
  }
  return null;
}

/** The element showing the price: [itemprop=price], else a price-looking element near the buy button. */
function priceElement(doc: Document): Element | null {
  const md = doc.querySelector('[itemprop="price"]');
  if (md && isVisible(md)) return md;
  const buy = buyButton(doc);
  let scope: Element | null = buy?.parentElement ?? null;
  for (let i = 0; scope && i < 5; i++, scope = scope.parentElement) {
    const hit =
      Array.from(scope.querySelectorAll('[class*="price" i], [data-price], [id*="price" i]')).find((e) => PRICE_TEXT_RE.test(e.textContent ?? '') && (e.textContent ?? '').length < 60) ??
      Array.from(scope.querySelectorAll('span, div, p, strong, b, ins')).find((e) => e.childElementCount === 0 && PRICE_TEXT_RE.test(e.textContent ?? '') && (e.textContent ?? '').length < 40);
    if (hit) return hit;
  }
  return null;
}

function parts(doc: Document, shown: string): PriceParts {
  const metas = Array.from(doc.querySelectorAll('meta[content]'))
    .slice(0, 300)
    .map((m) => ({ key: m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '', content: m.getAttribute('content') ?? '' }))
    .filter((m) => m.key);
  const jsonLd = Array.from(doc.querySelectorAll('script[type="application/ld+json" i]')).slice(0, 30).map((s) => s.textContent ?? '');
  const p = doc.querySelector('[itemprop="price"]');
  // the Offer's own scope first, then the Product around it (name and sku usually live there)
  const offer = p?.closest('[itemscope]');
  const scopes = [offer, offer?.parentElement?.closest('[itemscope]'), doc].filter((x): x is Element | Document => !!x);
  const prop = (n: string) => {
    for (const scope of scopes) {
      const e = scope.querySelector(`[itemprop="${n}"]`);
      if (e) return (e.getAttribute('content') ?? e.textContent ?? '').trim();
    }
    return undefined;
  };
  return {
    jsonLd,
    metas,
    microdata: p ? { price: (p.getAttribute('content') ?? p.textContent ?? '').trim(), currency: prop('priceCurrency'), name: prop('name'), sku: prop('sku') } : null,
    visible: shown || null,
    title: doc.title,
  };
}

function distance(a: Element, b: Element): number {
  const r1 = a.getBoundingClientRect();
  const r2 = b.getBoundingClientRect();
  const dx = Math.max(0, r1.left - r2.right, r2.left - r1.right);
  const dy = Math.max(0, r1.top - r2.bottom, r2.top - r1.bottom);
  return Math.hypot(dx, dy);
}

/** Text a person can read: rendered, not transparent, not microscopic. */
function readable(el: Element): boolean {
  if (!isVisible(el)) return false;
  return parseFloat(getComputedStyle(el).fontSize) >= 8;
}

function disclosures(doc: Document, priceEl: Element | null): PriceDisclosure[] {
  const out: PriceDisclosure[] = [];
  const near = (el: Element, visible: boolean) => !!priceEl && visible && isVisible(priceEl) && distance(el, priceEl) < 300;
  if (ALGO_PRICING_RE.test(doc.body?.textContent ?? '')) {
    // the smallest element holding the whole sentence
    let best: Element | null = null;
    for (const el of Array.from(doc.body!.querySelectorAll('*')).slice(0, 5000)) {
      if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
      if (ALGO_PRICING_RE.test(el.textContent ?? '')) best = el; // document order: later hits are deeper
    }
    if (best) {
      const visible = readable(best);
      out.push({ text: capText(best.textContent, 200), where: 'text', visible, nearPrice: near(best, visible) });
    }
  }
  for (const [attr, where] of ATTRS) {
    for (const el of Array.from(doc.querySelectorAll(`[${attr}]`)).slice(0, 500)) {
      const v = el.getAttribute(attr) ?? '';
      if (!ALGO_PRICING_RE.test(v)) continue;
      // an attribute is only read on hover or by a screen reader: present, but not visible text
      out.push({ text: capText(v, 200), where, visible: false, nearPrice: !!priceEl && isVisible(el) && distance(el, priceEl) < 300 });
      if (out.length >= 5) return out;
    }
  }
  return out;
}

export const pricesScanner: DomScanner = {
  name: 'prices',
  // the fairness detector reads the product price and disclosures of the top frame only
  topOnly: true,
  scan(doc): PricesSection {
    const priceEl = priceElement(doc);
    const shown = priceEl ? textOf(priceEl, 60) : '';
    let path = '';
    try {
      path = new URL(doc.URL).pathname;
    } catch {
      // about:blank frames
    }
    return { price: extractPrice(parts(doc, shown), path), shown, disclosures: disclosures(doc, priceEl) };
  },
};
