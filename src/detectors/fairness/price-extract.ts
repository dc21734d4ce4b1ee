// Product and price extraction, pure: the DOM scanner feeds it what it read from the live page, and the
// background's clean-visit check feeds it an HTML string (a service worker has no DOMParser). One
// function decides for both, so "your price" and "the clean price" are read the same way.
import { capText } from '../../model/finding';

import type { ExtractedPrice, PriceParts } from '../../model/dom';

export type { ExtractedPrice, PriceParts, PriceSource } from '../../model/dom';

const SYMBOLS: [RegExp, string][] = [
  [/US\$|\$/, 'USD'],
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/¥|円/, 'JPY'],
  [/₹/, 'INR'],
  [/CHF/, 'CHF'],
];

/** "$1,299.99", "1.299,99 €", "EUR 12", "12,50" → number and currency; null when there is no price. */
export function parsePriceText(text: string): { price: number; currency: string } | null {
  const t = text.replace(/\u00a0/g, ' ');
  const m = /(\d{1,3}(?:[.,\s']\d{3})+|\d+)(?:[.,](\d{1,2}))?(?!\d)/.exec(t);
  if (!m) return null;
  const whole = m[1]!.replace(/[.,\s']/g, '');
  const price = Number(m[2] ? `${whole}.${m[2]}` : whole);
  if (!Number.isFinite(price)) return null;
  const iso = /\b([A-Z]{3})\b/.exec(t)?.[1];
  const currency = SYMBOLS.find(([re]) => re.test(t))?.[1] ?? (iso && iso !== 'SKU' ? iso : '');
  return { price, currency };
}

/** A structured-data number: "1299.99", 1299.99, "1,299.99". */
function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || !v.trim()) return null;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  return parsePriceText(s)?.price ?? null;
}

function types(o: Record<string, unknown>): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/#]/, ''));
}

/** Every object in a JSON-LD document, through arrays and @graph, at most a few hundred. */
function objectsOf(doc: unknown, out: Record<string, unknown>[] = [], depth = 0): Record<string, unknown>[] {
  if (depth > 8 || out.length > 300 || !doc || typeof doc !== 'object') return out;
  if (Array.isArray(doc)) {
    for (const d of doc) objectsOf(d, out, depth + 1);
    return out;
  }
  const o = doc as Record<string, unknown>;
  out.push(o);
  if (o['@graph']) objectsOf(o['@graph'], out, depth + 1);
  return out;
}

function offerPrice(offers: unknown, depth = 0): { price: number; currency: string } | null {
  if (depth > 3 || !offers || typeof offers !== 'object') return null;
  if (Array.isArray(offers)) {
    for (const o of offers) {
      const p = offerPrice(o, depth + 1);
      if (p) return p;
    }
    return null;
  }
  const o = offers as Record<string, unknown>;
  const spec = Array.isArray(o.priceSpecification) ? o.priceSpecification[0] : o.priceSpecification;
  const specO = spec && typeof spec === 'object' ? (spec as Record<string, unknown>) : {};
  // AggregateOffer: the lowest price is what a shopper sees first
  const price = num(o.price) ?? num(specO.price) ?? num(o.lowPrice);
  if (price !== null) {
    const cur = o.priceCurrency ?? specO.priceCurrency;
    return { price, currency: typeof cur === 'string' ? cur.toUpperCase().slice(0, 8) : '' };
  }
  return offerPrice(o.offers, depth + 1);
}

function fromJsonLd(texts: string[]): (ExtractedPrice & { sku?: string }) | null {
  for (const text of texts.slice(0, 30)) {
    let doc: unknown;
    try {
      doc = JSON.parse(text.slice(0, 200_000));
    } catch {
      continue;
    }
    for (const o of objectsOf(doc)) {
      const ts = types(o);
      if (ts.includes('Product') || ts.includes('ProductGroup') || ts.includes('IndividualProduct')) {
        const p = offerPrice(o.offers);
        if (!p) continue;
        const name = capText(o.name, 200);
        const sku = typeof o.sku === 'string' || typeof o.sku === 'number' ? String(o.sku) : undefined;
        return { ...p, product: name, productKey: '', source: 'json-ld', sku };
      }
      if (ts.includes('Offer') || ts.includes('AggregateOffer')) {
        const p = offerPrice(o);
        const item = o.itemOffered as Record<string, unknown> | undefined;
        if (p) return { ...p, product: capText(item?.name, 200), productKey: '', source: 'json-ld' };
      }
    }
  }
  return null;
}

function meta(parts: PriceParts, ...keys: string[]): string {
  for (const k of keys) {
    const m = parts.metas.find((x) => x.key.toLowerCase() === k);
    if (m?.content) return m.content;
  }
  return '';
}

function keyOf(sku: string | undefined, product: string, fallback: string): string {
  if (sku) return capText(`sku:${sku}`, 120);
  const name = product.toLowerCase().replace(/\s+/g, ' ').trim();
  return capText(name || fallback, 120);
}

/**
 * The product price a person is shown, from the most reliable source the page has: JSON-LD, microdata,
 * Open Graph product tags, then price text near the buy button. `fallbackKey` (the URL path) names
 * a product that has no name.
 */
export function extractPrice(parts: PriceParts, fallbackKey = ''): ExtractedPrice | null {
  const ogName = meta(parts, 'og:title') || capText(parts.title, 200);
  const ld = fromJsonLd(parts.jsonLd);
  if (ld) {
    const product = ld.product || ogName;
    return { product, productKey: keyOf(ld.sku, product, fallbackKey), price: ld.price, currency: ld.currency, source: 'json-ld' };
  }
  const md = parts.microdata;
  const mdPrice = md ? num(md.price) : null;
  if (md && mdPrice !== null) {
    const product = capText(md.name, 200) || ogName;
    const currency = (md.currency || parsePriceText(md.price)?.currency || '').toUpperCase().slice(0, 8);
    return { product, productKey: keyOf(md.sku, product, fallbackKey), price: mdPrice, currency, source: 'microdata' };
  }
  const ogPrice = num(meta(parts, 'product:price:amount', 'og:price:amount'));
  if (ogPrice !== null) {
    const currency = meta(parts, 'product:price:currency', 'og:price:currency').toUpperCase().slice(0, 8);
    return { product: ogName, productKey: keyOf(undefined, ogName, fallbackKey), price: ogPrice, currency, source: 'open-graph' };
  }
  const vis = parts.visible ? parsePriceText(parts.visible) : null;
  if (vis) return { product: ogName, productKey: keyOf(undefined, ogName, fallbackKey), ...vis, source: 'visible' };
  return null;
}

// ---- HTML strings (the clean visit). Regexes over a capped string: enough for the structured data
// shops publish for search engines, which is what a clean visit compares.

const MAX_HTML = 2_000_000;

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, '&');
}

/** The same parts the DOM scanner reads, from an HTML string. */
export function partsFromHtml(html: string): PriceParts {
  const h = html.slice(0, MAX_HTML);
  const jsonLd: string[] = [];
  for (const m of h.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/application\/ld\+json/i.test(m[1]!)) jsonLd.push(m[2]!);
  }
  const metas: PriceParts['metas'] = [];
  for (const m of h.matchAll(/<meta\b[^>]*>/gi)) {
    const a = attrs(m[0]);
    const key = a.property ?? a.name ?? a.itemprop;
    if (key && a.content !== undefined) metas.push({ key, content: a.content });
  }
  let microdata: PriceParts['microdata'] = null;
  const priceTag = /<(\w+)\b[^>]*\bitemprop\s*=\s*["']?price["'\s>][^>]*>([^<]*)/i.exec(h);
  if (priceTag) {
    const a = attrs(priceTag[0]);
    const prop = (name: string) => {
      const t = new RegExp(`<(\\w+)\\b[^>]*\\bitemprop\\s*=\\s*["']?${name}["'\\s>][^>]*>([^<]*)`, 'i').exec(h);
      return t ? (attrs(t[0]).content ?? decodeEntities(t[2]!)).trim() : undefined;
    };
    microdata = { price: (a.content ?? decodeEntities(priceTag[2]!)).trim(), currency: prop('priceCurrency'), name: prop('name'), sku: prop('sku') };
  }
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(h)?.[1];
  return { jsonLd, metas, microdata, visible: null, title: title ? decodeEntities(title) : '' };
}

export function extractPriceFromHtml(html: string, fallbackKey = ''): ExtractedPrice | null {
  return extractPrice(partsFromHtml(html), fallbackKey);
}

/** The New York Algorithmic Pricing Disclosure Act's required text, in any case and spacing. */
export const ALGO_PRICING_RE = /this\s+price\s+was\s+set\s+by\s+an\s+algorithm\s+using\s+your\s+personal\s+data/i;
