// Which buttons a consent banner shows on its first layer, classified with autoconsent's own
// multilingual button patterns (reject / settings / accept / acknowledge). ISOLATED world, DOM only.
// The patterns are imported from the package source (they are not in its public exports; MPL-2.0,
// unmodified); the matching below follows autoconsent's lib/heuristics.ts classifyButtonTextRegex.
import {
  ACCEPT_PATTERNS,
  ACKNOWLEDGE_PATTERNS,
  BUTTON_NEVER_MATCH_PATTERNS,
  REJECT_PATTERNS,
  SETTINGS_PATTERNS,
} from '../../../node_modules/@duckduckgo/autoconsent/lib/heuristic-patterns';
import { textOf } from '../dom/text';

/** on screen, ignoring opacity: banners fade in, and we look while they do */
function isVisible(el: Element): boolean {
  const r = (el as HTMLElement).getBoundingClientRect?.();
  if (!r || (r.width === 0 && r.height === 0)) return false;
  const st = getComputedStyle(el);
  return st.visibility !== 'hidden' && st.display !== 'none';
}

export type ButtonClass = 'reject' | 'settings' | 'accept' | 'acknowledge' | 'other';

type Patterns = readonly (string | RegExp)[];
const hit = (t: string, ps: Patterns) => ps.some((p) => (p instanceof RegExp ? p.test(t) : p === t));
const ORDER: [ButtonClass, Patterns][] = [
  ['reject', REJECT_PATTERNS],
  ['settings', SETTINGS_PATTERNS],
  ['accept', ACCEPT_PATTERNS],
  ['acknowledge', ACKNOWLEDGE_PATTERNS],
];

/** autoconsent's cleanButtonText: lower case, no quotes/arrows/emoji, folded spaces */
export function cleanButtonText(s: string): string {
  return s
    .toLowerCase()
    .replace(/[“”"'/#&[\]→✕×⟩❯><✗×‘’›«»]+/g, '')
    .replace(/[\u{1F600}-\u{1F64F}\u{1F300}-\u{1F5FF}\u{1F680}-\u{1F6FF}\u{1F1E0}-\u{1F1FF}\u2600-\u26FF\u2700-\u27BF\u{1F900}-\u{1F9FF}\u{1FA70}-\u{1FAFF}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function classifyButtonTextRegex(t: string): ButtonClass {
  if (!t || hit(t, BUTTON_NEVER_MATCH_PATTERNS)) return 'other';
  for (const [cls, ps] of ORDER) if (hit(t, ps)) return cls;
  return 'other';
}

const CLICKABLE = 'button, input[type="button"], input[type="submit"], a[href], a[role="button"], [role="button"]';
const FALLBACK_CONTAINERS = '[id*="cookie" i], [class*="cookie" i], [id*="consent" i], [class*="consent" i], [role="dialog"], dialog[open], [aria-modal="true"]';

export function classifyText(text: string): ButtonClass {
  const t = cleanButtonText(text);
  return t ? classifyButtonTextRegex(t) : 'other';
}

function labelOf(el: Element): string {
  return textOf(el, 60) || (el as HTMLInputElement).value?.slice(0, 60) || el.getAttribute('aria-label')?.slice(0, 60) || '';
}

export interface FirstLayer {
  rejectOnFirstLayer: boolean;
  buttons: string[];
}

/** The visible buttons of the banner (inside `containers`, else anything cookie/consent/dialog-like). */
export function firstLayer(doc: Document, containers: readonly string[] = []): FirstLayer | null {
  const roots: Element[] = [];
  for (const sel of [...containers, FALLBACK_CONTAINERS]) {
    try {
      // a banner is not the whole page: skip matches that hold the page's own structure
      const found = Array.from(doc.querySelectorAll(sel))
        .slice(0, 20)
        .filter((el) => el !== doc.documentElement && el !== doc.body && !el.querySelector('footer, main, h1') && isVisible(el));
      roots.push(...found);
    } catch {
      // a CMP rule's selector the browser does not understand
    }
    if (roots.length) break;
  }
  const seen = new Set<Element>();
  const buttons: { text: string; cls: ButtonClass }[] = [];
  for (const root of roots) {
    for (const el of Array.from(root.querySelectorAll(CLICKABLE)).slice(0, 60)) {
      if (seen.has(el) || !isVisible(el)) continue;
      seen.add(el);
      const text = labelOf(el);
      if (text) buttons.push({ text, cls: classifyText(text) });
    }
  }
  if (buttons.length === 0) return null;
  return { rejectOnFirstLayer: buttons.some((b) => b.cls === 'reject'), buttons: buttons.slice(0, 8).map((b) => b.text) };
}

/** Selectors that find a CMP's banner: the rule's detectPopup "visible" selectors, then its prehide selectors. */
export function bannerSelectors(cmp: unknown): string[] {
  const c = cmp as { rule?: { detectPopup?: unknown[] }; prehideSelectors?: unknown } | undefined;
  const out: string[] = [];
  for (const step of c?.rule?.detectPopup ?? []) {
    const v = (step as { visible?: unknown } | null)?.visible;
    if (typeof v === 'string') out.push(v);
  }
  if (Array.isArray(c?.prehideSelectors)) out.push(...c.prehideSelectors.filter((x): x is string => typeof x === 'string'));
  return out;
}

/** What a click on this element would say to the banner, if it is a banner button. */
export function classifyClick(target: EventTarget | null): ButtonClass | null {
  const el = target instanceof Element ? target.closest(CLICKABLE) : null;
  if (!el) return null;
  const cls = classifyText(labelOf(el));
  return cls === 'other' ? null : cls;
}
