import { getDomain } from 'tldts';
import { hostOf } from '../model/host';

const cache = new Map<string, string>();
const CACHE_MAX = 5000;

/** Registrable domain (eTLD+1) of a host, private suffixes honoured (docs/design.md). IPs and
 *  single-label hosts are their own site. Cached: a page asks about the same few hosts hundreds of
 *  times, and the suffix-list walk is half the cost of classifying a request. */
export function siteOf(host: string): string {
  let s = cache.get(host);
  if (s === undefined) {
    const h = host.toLowerCase();
    s = getDomain(h, { allowPrivateDomains: true }) ?? h;
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(host, s);
  }
  return s;
}

export { hostOf };

/** Only web pages are observed; browser pages, the store, extension pages are not. */
export function isObservableUrl(url: string | undefined): boolean {
  return !!url && /^https?:\/\//i.test(url);
}
