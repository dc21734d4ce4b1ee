// The product price on the page (structured data first, then the price shown by the buy button) and
// the New York algorithmic-pricing disclosure: where it is, and whether a person can actually see it.
import type { PriceDisclosure, PriceParts, RawPricesSection } from '../../model/dom';
import { capText } from '../../model/finding';
import { ElementCache } from './cache';
import { isVisible, textOf } from './text';


/** a word of the disclosure: the worker tests the whole sentence (src/detectors/dom-judge.ts) */
const ALGO_HINT = /algorithm/i;
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

/** An element's own text (or one of its attributes) mentions an algorithm: kept between scans. */
export class AlgoIndex {
  private text = new ElementCache<true>(200);
  private attrs = new ElementCache<[string, PriceDisclosure['where'], string][]>(100);

  /** `own` is the element's own text */
  visitText(el: Element, own: string, incremental: boolean): void {
    if (this.text.full(el)) return;
    if (ALGO_HINT.test(own)) this.text.set(el, true, incremental);
    else this.text.delete(el);
  }
  visitAttrs(el: Element, incremental: boolean): void {
    if (this.attrs.full(el)) return;
    const hits: [string, PriceDisclosure['where'], string][] = [];
    for (const [attr, where] of ATTRS) {
      const v = el.getAttribute(attr);
      if (v && ALGO_HINT.test(v)) hits.push([attr, where, v]);
    }
    if (hits.length) this.attrs.set(el, hits, incremental);
    else this.attrs.delete(el);
  }
  clear(): void {
    this.text.clear();
    this.attrs.clear();
  }

  disclosures(priceEl: Element | null): PriceDisclosure[] {
    const out: PriceDisclosure[] = [];
    const near = (el: Element, visible: boolean) => !!priceEl && visible && isVisible(priceEl) && distance(el, priceEl) < 300;
    // elements holding the word, in document order (later hits are deeper): the worker keeps the
    // deepest that holds the whole sentence. An element holding it in its own text, and its
    // ancestors while their text stays short.
    const hits = new Set<Element>();
    for (const [el] of this.text.live()) {
      const chain: Element[] = [];
      for (let cur: Element | null = el; cur && cur !== cur.ownerDocument.body; cur = cur.parentElement) {
        if (hits.has(cur)) break;
        if ((cur.textContent ?? '').length > 400) break;
        chain.push(cur);
      }
      for (const c of chain) hits.add(c);
    }
    const ordered = [...hits].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
    for (const el of ordered.slice(-8)) {
      const visible = readable(el);
      out.push({ text: capText(el.textContent, 300), where: 'text', visible, nearPrice: near(el, visible) });
    }
    const inAttrs = this.attrs.live();
    for (const [attr] of ATTRS) {
      for (const [el, list] of inAttrs) {
        for (const [a, where, v] of list) {
          if (a !== attr) continue;
          // an attribute is only read on hover or by a screen reader: present, but not visible text
          out.push({ text: capText(v, 300), where, visible: false, nearPrice: !!priceEl && isVisible(el) && distance(el, priceEl) < 300 });
          if (out.length >= 16) return out;
        }
      }
    }
    return out;
  }
}

/** the attributes a disclosure may hide in, as one selector */
export const ALGO_ATTR_SELECTOR = ATTRS.map(([a]) => `[${a}]`).join(', ');

/** The prices section, from the page's structured data, its buy button and the disclosures read so far. */
export function pricesSection(doc: Document, algo: AlgoIndex): RawPricesSection {
  const priceEl = priceElement(doc);
  const shown = priceEl ? textOf(priceEl, 60) : '';
  let path = '';
  try {
    path = new URL(doc.URL).pathname;
  } catch {
    // about:blank frames
  }
  return { parts: parts(doc, shown), path, shown, disclosures: algo.disclosures(priceEl) };
}
