// All user-facing strings of the popup and dashboard chrome go through the browser's i18n
// (public/_locales/<lang>/messages.json). The English file is bundled as the fallback for contexts
// without browser.i18n (unit tests) and for a key a translation lacks, so the UI never shows a blank.
import { browser } from 'wxt/browser';
import en from '../../public/_locales/en/messages.json';

export type MsgKey = keyof typeof en;
type Entry = { message: string; placeholders?: Record<string, { content: string }> };

function fallback(key: MsgKey, subs: string[]): string {
  const m = (en as Record<string, Entry>)[key];
  if (!m) return key;
  return m.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = m.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, d: string) => subs[Number(d) - 1] ?? '');
  });
}

// browser.i18n.getMessage goes through the extension bindings (and the polyfill's proxy): ~50 µs a
// call in the popup's CPU profile, and a report with 200 findings asks for the same few strings
// hundreds of times. Messages cannot change while a page is open, so each string is looked up once.
const memo = new Map<string, string>();

export function t(key: MsgKey, ...subs: (string | number)[]): string {
  const id = subs.length ? `${key}\u0000${subs.join('\u0000')}` : key;
  let m = memo.get(id);
  if (m === undefined) {
    m = lookup(key, subs.map(String));
    if (memo.size >= 5000) memo.clear(); // some arguments vary without end (site names, counts)
    memo.set(id, m);
  }
  return m;
}

function lookup(key: MsgKey, s: string[]): string {
  try {
    const get = browser.i18n?.getMessage as ((k: string, subs?: string[]) => string) | undefined;
    const m = get?.call(browser.i18n, key, s);
    if (m) return m;
  } catch {
    // no i18n here (unit tests): fall through to the bundled English
  }
  return fallback(key, s);
}

/**
 * The language the UI strings are actually in ("en", "de"): from the messages file itself, because the
 * browser may pick a messages file other than its reported UI language. Used for <html lang> (screen
 * reader voice) and for formatting numbers and dates consistently with the words around them.
 */
export function uiLang(): string {
  return t('langCode') || 'en';
}

export function formatDate(t: number, withTime = false): string {
  return new Date(t).toLocaleString(uiLang(), withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
}

export function categoryKey(c: string): MsgKey {
  const k = `cat_${c.replace(/-/g, '_')}`;
  return (k in en ? k : 'cat_other') as MsgKey;
}

export function dataKey(d: string): MsgKey | null {
  const k = `data_${d.replace(/-/g, '_')}`;
  return k in en ? (k as MsgKey) : null;
}

// Plural forms: a key `xOne` holds the singular of `x` ("1 finding" / "3 findings"). The UI
// language's own rule decides (Intl.PluralRules), not `n === 1`.
const pluralRules = new Map<string, Intl.PluralRules>();
export function tn(key: MsgKey, n: number, ...more: (string | number)[]): string {
  const lang = uiLang();
  let r = pluralRules.get(lang);
  if (!r) pluralRules.set(lang, (r = new Intl.PluralRules(lang)));
  const one = `${key}One`;
  return t((r.select(n) === 'one' && one in en ? one : key) as MsgKey, n.toLocaleString(lang), ...more);
}
