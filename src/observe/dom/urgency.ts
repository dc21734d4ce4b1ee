// Urgency and scarcity claims shown on the page (countdowns, low stock, "N people are viewing",
// limited-time offers). The classifier is pure (src/detectors/fairness/urgency-classify.ts); this
// scanner only finds candidate text. A countdown's deadline is taken from its first reading and kept,
// so the ticking clock does not make every rescan look like a new page.
import { classifyUrgency, clockSeconds, CLOCK_RE, type UrgencyPattern } from '../../detectors/fairness/urgency-classify';
import { capText } from '../../model/finding';
import type { DomScanner } from './types';
import { isVisible } from './text';

export interface UrgencyClaim {
  pattern: UrgencyPattern;
  text: string;
  /** countdowns: when the clock says it ends (epoch ms), from its first reading */
  deadline?: number;
}

const MAX_ELEMENTS = 4000;
const MAX_CLAIMS = 20;
const firstReading = new WeakMap<Element, UrgencyClaim | null>();

function ownText(el: Element): string {
  let t = '';
  for (const n of Array.from(el.childNodes)) if (n.nodeType === 3) t += n.textContent ?? '';
  return t.trim();
}

function read(el: Element): UrgencyClaim | null {
  const own = ownText(el);
  if (!own) return null; // containers are read through the elements holding their words
  const raw = el.textContent ?? '';
  if (raw.length > 1000) return null;
  const full = raw.replace(/\s+/g, ' ').trim();
  if (full.length > 250) return null;
  if (CLOCK_RE.test(full)) {
    // an element holding only the digits is explained by its container ("Offer ends in", "Order
    // within … for next-day delivery"); an element with words of its own explains itself
    const bare = CLOCK_RE.test(own) && own.replace(CLOCK_RE, '').trim().length < 3;
    const parentText = (el.parentElement?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const context = bare && parentText.length <= 300 ? parentText : full;
    if (classifyUrgency(context, { hasClock: true }) === 'countdown') {
      const secs = clockSeconds(full) ?? 0;
      return { pattern: 'countdown', text: capText(context, 200), deadline: Math.round((Date.now() + secs * 1000) / 1000) * 1000 };
    }
    return null;
  }
  const pattern = classifyUrgency(full);
  return pattern ? { pattern, text: capText(full, 200) } : null;
}

export const urgencyScanner: DomScanner = {
  name: 'urgency',
  scan(doc): UrgencyClaim[] {
    const out: UrgencyClaim[] = [];
    const seen = new Set<string>();
    const claimed = new Set<Element>();
    for (const el of Array.from(doc.body?.querySelectorAll('*') ?? []).slice(0, MAX_ELEMENTS)) {
      if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE' || el.tagName === 'NOSCRIPT') continue;
      let claim = firstReading.get(el);
      if (claim === undefined) {
        claim = read(el);
        // only a claim is remembered: an element may become one later (a timer that starts after load)
        if (claim) firstReading.set(el, claim);
      }
      if (!claim || !isVisible(el)) continue;
      // a clock's digits and its container are one claim
      if (el.parentElement && claimed.has(el.parentElement)) continue;
      claimed.add(el);
      const sig = `${claim.pattern}|${claim.text}`;
      if (seen.has(sig)) continue;
      seen.add(sig);
      out.push(claim);
      if (out.length >= MAX_CLAIMS) break;
    }
    return out;
  },
};
