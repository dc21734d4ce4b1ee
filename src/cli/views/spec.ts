// The customer views a `views` run takes (docs/views.md): each a visitor that differs from the
// baseline `new` in one thing. Parsed and checked before any browser starts; a bad view is a usage
// error that lists the views there are.
import { resolve } from 'node:path';
import { BASELINE_VIEW } from '../../model/views';
import { UsageError } from '../args';
import { CookieFileError, parseCookieFile, type VisitorCookie } from './cookies';
import { REGION_ZONES } from './region-zones';

export type ViewKind = 'new' | 'returning' | 'gpc' | 'rejected' | 'accepted' | 'locale' | 'mobile' | 'cookies' | 'from';

export interface ViewSpec {
  /** as given on the command line: the key of `values` in every difference */
  name: string;
  kind: ViewKind;
  /** locale=xx-YY */
  locale?: string;
  timezoneId?: string;
  /** cookies=FILE */
  cookies?: VisitorCookie[];
  /** from=URL */
  from?: string;
}

export const DEFAULT_VIEWS = 'new,returning,gpc,rejected,accepted';

export const VIEW_LIST = `  new             the baseline: a fresh profile, no cookies, no GPC, the consent banner left alone
  returning       the same profile on a second visit, after a first visit of the same URLs
  gpc             Global Privacy Control on (Sec-GPC header and navigator.globalPrivacyControl)
  rejected        the consent banner rejected (autoconsent), then the page reloaded
  accepted        the consent banner accepted (autoconsent), then the page reloaded
  locale=xx-YY    Accept-Language, navigator.language(s) and the time zone of that locale (e.g. de-DE)
  mobile          a phone: viewport, touch, device scale and a mobile user agent (Chrome on Android)
  cookies=FILE    carries the cookies of FILE (Netscape cookies.txt or a JSON array)
  from=URL        arrives from URL: the Referer of the first page (an ad, a comparison site)`;

const SIMPLE = new Set<ViewKind>(['new', 'returning', 'gpc', 'rejected', 'accepted', 'mobile']);
const VALUED = new Set<ViewKind>(['locale', 'cookies', 'from']);
// a comma starts a new view only where a view name follows, so a URL or a path may hold commas
const SPLIT = /,(?=\s*(?:,|$|(?:new|returning|gpc|rejected|accepted|mobile|locale|cookies|from)\s*(?:,|=|$)))/;

function bad(msg: string): never {
  throw new UsageError(`${msg}\nViews:\n${VIEW_LIST}`);
}

export function parseView(token: string, readFile: (p: string) => string): ViewSpec {
  const t = token.trim();
  const eq = t.indexOf('=');
  const key = (eq < 0 ? t : t.slice(0, eq)) as ViewKind;
  const arg = eq < 0 ? undefined : t.slice(eq + 1);
  if (!SIMPLE.has(key) && !VALUED.has(key)) bad(`unknown view "${t.slice(0, 80)}"`);
  if (SIMPLE.has(key)) {
    if (arg !== undefined) bad(`the view ${key} takes no value ("${t.slice(0, 80)}")`);
    return { name: t, kind: key };
  }
  if (!arg) bad(`the view ${key} needs a value: ${key === 'locale' ? 'locale=xx-YY (e.g. locale=de-DE)' : key === 'cookies' ? 'cookies=FILE' : 'from=URL'}`);
  if (key === 'locale') {
    const m = arg.match(/^([a-z]{2,3})-([a-z]{2})$/i);
    if (!m) bad(`locale takes a language and a region, xx-YY (e.g. de-DE, en-GB, pt-BR), not "${arg.slice(0, 40)}"`);
    const locale = `${m[1]!.toLowerCase()}-${m[2]!.toUpperCase()}`;
    const timezoneId = REGION_ZONES[m[2]!.toUpperCase()];
    if (!timezoneId) bad(`no country is known by the region code ${m[2]!.toUpperCase()} in "${arg.slice(0, 40)}" (an ISO 3166 code such as DE, GB, BR)`);
    return { name: t, kind: 'locale', locale, timezoneId };
  }
  if (key === 'from') {
    let u: URL;
    try {
      u = new URL(arg);
    } catch {
      bad(`from takes the URL the visitor comes from (http or https), not "${arg.slice(0, 80)}"`);
    }
    if (!/^https?:$/.test(u.protocol)) bad(`from takes an http(s) URL, not "${arg.slice(0, 80)}"`);
    return { name: t, kind: 'from', from: u.href };
  }
  let text: string;
  try {
    text = readFile(resolve(arg));
  } catch (e) {
    throw new UsageError(`cannot read the cookie file ${arg}: ${(e as Error).message}`);
  }
  try {
    return { name: t, kind: 'cookies', cookies: parseCookieFile(text, arg) };
  } catch (e) {
    if (e instanceof CookieFileError) throw new UsageError(e.message);
    throw e;
  }
}

/** The views of one or more --views lists, the baseline first (added when not asked for). */
export function parseViews(lists: readonly string[], readFile: (p: string) => string): ViewSpec[] {
  const tokens = (lists.length ? lists : [DEFAULT_VIEWS]).flatMap((l) => l.split(SPLIT)).map((s) => s.trim());
  if (tokens.some((s) => s === '')) bad('an empty view in the list (two commas in a row?)');
  const specs = tokens.map((t) => parseView(t, readFile));
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.name)) bad(`the view ${s.name} is given twice`);
    seen.add(s.name);
  }
  const base = specs.findIndex((s) => s.kind === BASELINE_VIEW);
  if (base < 0) return [{ name: BASELINE_VIEW, kind: 'new' }, ...specs];
  return [specs[base]!, ...specs.filter((_, i) => i !== base)];
}
