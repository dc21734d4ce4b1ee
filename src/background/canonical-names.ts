// Canonical names (CNAME targets) of the hosts a page's first-party requests go to, where the browser
// can tell: Firefox's dns.resolve with "canonical_name" (the `dns` permission); Chromium has no such
// API, so there this is simply absent. They reveal CNAME cloaking: metrics.shop.example answering for
// an analytics company's servers. The host is one the page requests anyway, so the browser resolves it
// for the request in any case: asking for its canonical name sends nothing new anywhere.

export interface DnsLike {
  resolve(host: string, flags?: string[]): Promise<{ canonicalName?: string; addresses?: string[] }>;
}

/** The dns API when this browser has one (a capability check, not a browser-name check). */
export function dnsOf(api: unknown): DnsLike | null {
  const dns = (api as { dns?: { resolve?: unknown } } | undefined)?.dns;
  return dns && typeof dns.resolve === 'function' ? (dns as DnsLike) : null;
}

export interface CanonicalNames {
  /** the host's canonical name when it differs from the host; undefined when it does not or cannot be told */
  of(host: string): Promise<string | undefined>;
}

/** Looks each host up once (a page asks about the same few hosts again and again); at most `max` kept. */
export function createCanonicalNames(dns: DnsLike, max = 2000): CanonicalNames {
  const cache = new Map<string, Promise<string | undefined>>();
  return {
    of(host) {
      let p = cache.get(host);
      if (!p) {
        p = dns.resolve(host, ['canonical_name']).then(
          (r) => {
            const c = r.canonicalName?.toLowerCase().replace(/\.$/, '');
            return c && c !== host ? c : undefined;
          },
          () => undefined, // an unknown host, offline, or a name the resolver refuses: nothing to tell
        );
        if (cache.size >= max) cache.clear();
        cache.set(host, p);
      }
      return p;
    },
  };
}
