// The known tracking cookies (seeds/cookies/tracking-cookies.json): what a cookie name is for.
import data from '../../seeds/cookies/tracking-cookies.json';

export interface CookieEntry {
  /** exact name, or a pattern with * (a prefix, or a middle wildcard: mp_*_mixpanel) */
  name: string;
  vendor: string;
  company: string;
  purpose: string;
  source: string;
  checked: string;
}

export function validateCookieCatalog(d: unknown): CookieEntry[] {
  const entries = (d as { entries?: CookieEntry[] })?.entries;
  if (!Array.isArray(entries)) throw new Error('cookie catalog: expected { entries: [] }');
  const problems: string[] = [];
  entries.forEach((e, i) => {
    for (const k of ['name', 'vendor', 'company', 'purpose', 'source', 'checked'] as const) if (typeof e[k] !== 'string' || !e[k]) problems.push(`entry ${i}: missing ${k}`);
    if (!/^https?:\/\//.test(e.source ?? '')) problems.push(`entry ${i} (${e.name}): source must be a URL`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.checked ?? '')) problems.push(`entry ${i} (${e.name}): checked must be YYYY-MM-DD`);
  });
  if (problems.length) throw new Error(problems.join('\n'));
  return entries;
}

export const COOKIES: readonly CookieEntry[] = validateCookieCatalog(data);

const exact = new Map(COOKIES.filter((c) => !c.name.includes('*')).map((c) => [c.name, c]));
const patterns = COOKIES.filter((c) => c.name.includes('*')).map((c) => {
  const [head, tail] = c.name.split('*') as [string, string];
  return { c, head, tail };
});

export function knownCookie(name: string, catalog: readonly CookieEntry[] = COOKIES): CookieEntry | undefined {
  if (catalog === COOKIES) {
    const e = exact.get(name);
    if (e) return e;
    return patterns.find((p) => name.length > p.head.length + p.tail.length && name.startsWith(p.head) && name.endsWith(p.tail))?.c;
  }
  return catalog.find((c) => (c.name.includes('*') ? name.startsWith(c.name.split('*')[0]!) && name.endsWith(c.name.split('*')[1]!) : c.name === name));
}
