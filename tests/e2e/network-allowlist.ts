// The only requests Candor may make by itself (docs/design.md: "The extension itself sends nothing
// anywhere"). tests/e2e/no-leaks.spec.ts fails on any other request from the extension's worker or
// pages, and checks that every entry can be turned off. Adding an entry is a product decision: say
// in `why` what the user gains, and give the setting that turns it off.
export interface AllowedRequest {
  id: string;
  why: string;
  /** a request URL this entry allows */
  matches(url: URL): boolean;
  /**
   * 'automatic': may happen while the user browses, so the test lets it through when on and expects
   * none once `off` is applied. 'user': only after the user asks (a button), so a plain page load
   * must never cause it.
   */
  trigger: 'automatic' | 'user';
  /** the setting (src/storage/settings.ts key and value) that turns it off */
  off: { key: string; value: unknown };
}

export const ALLOWED_EXTENSION_REQUESTS: AllowedRequest[] = [
  {
    id: 'gpc-well-known',
    why: 'whether the site declares it honours Global Privacy Control (GPC spec § 3.1); at most once per site per day, cached, no cookies',
    matches: (u) => u.pathname === '/.well-known/gpc.json' && !u.search,
    trigger: 'automatic',
    off: { key: 'gpcWellKnownCheck', value: false },
  },
  {
    id: 'clean-price-check',
    why: 'the user pressed "check this price in a clean visit": the product page is fetched without cookies to compare prices',
    matches: (u) => u.protocol === 'https:' || u.protocol === 'http:',
    trigger: 'user',
    off: { key: 'cleanPriceCheck', value: false },
  },
];
