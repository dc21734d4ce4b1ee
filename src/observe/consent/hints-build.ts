// Which CSS selectors tell that a consent platform may be on a page, built from autoconsent's own
// rules (at build time: scripts/gen-cmp-hints.ts). The content script checks them with one native
// querySelector, and only where one matches does the background load autoconsent (~140 kB of code
// and its rules) into the frame. Without this, every frame of every page paid for parsing the
// library and matching ~800 rules (measured: ~70 ms of main-thread script per page load).
//
// Faithful by construction: autoconsent detects a generic CMP only when the first element of the
// rule's detectCmp `exists`/`visible` step is in the document, so a page where none of these
// selectors matches is a page where autoconsent's generic rules would find nothing. Site-specific
// rules are chosen by URL in the background (their URL patterns), not by these hints.
import { decodeRules, type CompactCMPRuleset } from '@duckduckgo/autoconsent';

/**
 * The CMPs autoconsent detects in code (lib/cmps/*.ts of @duckduckgo/autoconsent 16.23), not in
 * rules: the selectors their detectCmp checks, or the script/frame their banner comes from when
 * detection is a MAIN-world eval. tests/unit/cmp-hints.test.ts fails when the package gains a
 * code-based CMP that is not listed here.
 */
export const CODE_CMP_HINTS: Record<string, string[]> = {
  'admiral.ts': ['div[class*="fc-consent-root"]', 'body > div[class*="admiral" i]', 'script[src*="admiral" i]'],
  'consentmanager.ts': ['#cmpbox', 'script[src*="consentmanager" i]'],
  'conversant.ts': ['.cmp-root .cmp-receptacle'],
  'cookiebot.ts': ['#CybotCookiebotDialog', 'script[src*="cookiebot" i]', '#dtcookie-container'],
  'evidon.ts': ['#_evidon_banner', 'script[src*="evidon" i]'],
  'klaro.ts': ['.klaro'],
  'onetrust.ts': ['#onetrust-banner-sdk', '#onetrust-pc-sdk', 'script[src*="otSDKStub" i]', 'script[src*="cookielaw" i]'],
  'sourcepoint-frame.ts': ['iframe[src*="sp-prod.net"]', 'iframe[src*="privacy-mgmt" i]', 'iframe[id^="sp_message_iframe"]', 'script[src*="sourcepoint" i]'],
  'tiktok.ts': ['tiktok-cookie-banner'],
  'trustarc-top.ts': ['#truste-show-consent', '#truste-consent-track', 'script[src*="trustarc" i]', 'script[src*="truste" i]'],
  'tumblr-com.ts': ['#cmp-app-container'],
  'uniconsent.ts': ['.unic'],
};

/**
 * Hints that cost nothing extra to check and catch a CMP's loader before its banner is drawn: the
 * banner usually appears a moment later, and autoconsent keeps looking for it (detectRetries).
 */
export const LOADER_HINTS = [
  'script[src*="consent" i]',
  'script[src*="cookie" i]',
  'script[src*="cmp" i]',
  'script[src*="gdpr" i]',
  'iframe[src*="consent" i]',
  'iframe[src*="cmp" i]',
];

/** Splits `sel` at the top level (outside brackets, parentheses and quotes) where `at` says. */
function splitTop(sel: string, at: (c: string) => boolean): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quote = '';
  for (let i = 0; i < sel.length; i++) {
    const c = sel[i]!;
    if (c === '\\') {
      cur += c + (sel[i + 1] ?? '');
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
      cur += c;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    if (depth === 0 && at(c)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** the selectors of a selector list (`a b, c` → `a b`, `c`) */
export const selectorList = (sel: string): string[] => splitTop(sel, (c) => c === ',');

/**
 * The outermost compound of one complex selector (`#cookie-bar .cb-enable` → `#cookie-bar`; `body >
 * div.x` → `div.x`): wherever the selector matches, it does too. A leading `html`, `body` or `:root`
 * names nothing and is skipped.
 */
export function outerCompound(sel: string): string {
  const parts = splitTop(sel, (c) => c === '>' || c === '+' || c === '~' || /\s/.test(c));
  return parts.find((p) => !/^(?:html|body|:root)$/i.test(p)) ?? parts[0] ?? sel;
}

/**
 * The hints grouped for a cheap check. A selector list is matched against every element of the page,
 * selector by selector: some 240 of them cost tens of milliseconds on a page of 20,000 nodes. A
 * selector whose outermost compound has an id is looked up by that id first (a hash lookup; the
 * selector itself is run only when the element exists), which takes the id selectors, and those
 * ending in `*` under an id, out of the union that remains.
 */
export function groupHints(selectors: readonly string[]): { byId: [id: string, selector: string][]; rest: string[] } {
  const byId: [string, string][] = [];
  const rest: string[] = [];
  for (const sel of selectors) {
    for (const one of selectorList(sel)) {
      const id = /^[a-z0-9-]*#((?:[\w-]|\\.)+)/i.exec(outerCompound(one))?.[1];
      if (id && !id.includes('\\')) byId.push([id, one]);
      else rest.push(one);
    }
  }
  return { byId, rest: [...new Set(rest)] };
}

type Step = Record<string, unknown>;

/**
 * Closes what a selector leaves open: a browser forgives `a[href^="x"` alone (it closes at the end
 * of the string) but not inside a union, where it would swallow the next selector or throw.
 */
export function closeOpen(sel: string): string {
  const open: string[] = [];
  let quote = '';
  for (let i = 0; i < sel.length; i++) {
    const c = sel[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') open.push(']');
    else if (c === '(') open.push(')');
    else if ((c === ']' || c === ')') && open[open.length - 1] === c) open.pop();
  }
  return sel + quote + open.reverse().join('');
}

/** the element autoconsent's step would look for first, if the step is a plain existence check */
function firstSelector(step: Step): string | null {
  const sel = step.exists ?? step.visible;
  const first = Array.isArray(sel) ? sel[0] : sel;
  if (typeof first !== 'string' || !first.trim() || first.startsWith('xpath/')) return null;
  return closeOpen(first.trim());
}

/** every selector one step (or its `any`/`if`/`then` branches) may depend on */
function stepSelectors(step: Step, out: Set<string>): boolean {
  const own = firstSelector(step);
  if (own) {
    out.add(own);
    return true;
  }
  if (Array.isArray(step.any)) {
    // "any of": the rule can match through any branch, so every branch must be hinted
    let all = true;
    for (const s of step.any as Step[]) all = stepSelectors(s, out) && all;
    return all;
  }
  return false;
}

export interface CmpHints {
  selectors: string[];
  /** the same selectors, grouped for the content script's check (groupHints) */
  byId: [id: string, selector: string][];
  rest: string[];
  /** generic rules whose detection we cannot reduce to a selector (eval-only): hinted by LOADER_HINTS only */
  unhinted: string[];
}

/** The hint selectors for the generic (URL-free) rules of a compact ruleset, plus code-based CMPs. */
export function buildCmpHints(compact: CompactCMPRuleset & { index?: { genericRuleRange: [number, number] } }): CmpHints {
  const [from, to] = compact.index?.genericRuleRange ?? [0, compact.r.length];
  const generic = compact.r.slice(from, to).filter((r) => !r[3]);
  const rules = decodeRules({ ...compact, r: generic });
  const selectors = new Set<string>();
  const unhinted: string[] = [];
  for (const rule of rules) {
    const steps = (rule.detectCmp ?? []) as Step[];
    // detectCmp is "all of": one hinted step is enough to rule the CMP out when it is absent
    const found = new Set<string>();
    const ok = steps.some((s) => stepSelectors(s, found));
    if (ok) {
      // only the first hinted step is needed; take the one that yields the fewest selectors
      const first = steps.map((s) => {
        const one = new Set<string>();
        return stepSelectors(s, one) ? one : null;
      }).filter((x): x is Set<string> => !!x).sort((a, b) => a.size - b.size)[0]!;
      for (const s of first) selectors.add(s);
    } else unhinted.push(rule.name);
  }
  for (const list of Object.values(CODE_CMP_HINTS)) for (const s of list) selectors.add(s);
  for (const s of LOADER_HINTS) selectors.add(s);
  return { selectors: [...selectors], unhinted, ...groupHints([...selectors]) };
}
