// Candidate urgency and scarcity texts shown on the page (countdowns, low stock, "N people are
// viewing", limited-time offers). The worker classifies them (src/detectors/dom-judge.ts); this scanner
// only finds short visible texts that carry one of the words the classifier needs (the kit's pattern).
// A clock's first reading is kept, so the ticking clock does not make every rescan look like a new page
// and its deadline counts from when it was first seen.
import type { PlaceNode, UrgencyCandidate, UrgencyPlace } from '../../model/dom';
import { capText } from '../../model/finding';
import { ElementCache } from './cache';
import { isVisible } from './text';

const MAX_KEPT = 300;
/** elements kept with the same text */
const MAX_SAME = 5;
const MAX_CANDIDATES = 200;
/** a candidate before its place is read: the place (ancestors, buttons, list) is read only for a
 *  visible text that is not one more copy of the same words (most texts of a big page are neither) */
type Draft = Omit<UrgencyCandidate, 'place'> & { place?: UrgencyPlace };
const firstClockReading = new WeakMap<Element, Draft>();
/** the kit's patterns: the words a claim needs, the clock, and the clock's cheap hint (run first) */
export interface UrgencyPatterns {
  words: RegExp;
  clock: RegExp;
  clockHint: RegExp;
}
/** ancestors whose markup is sent, nearest first */
const MAX_CHAIN = 12;
/** the text around an urgency text: the largest ancestor (up to five levels) with at most this much */
const MAX_AROUND = 400;
const CONTROLS = 'button, [role="button"], input[type="submit"], input[type="button"], a[class*="btn" i], a[class*="button" i]';

const attr = (el: Element, name: string, max: number) => (el.getAttribute(name) ?? '').trim().slice(0, max);

/** an element as its markup names it: tag, role, label, id and classes (capped) */
function node(el: Element): PlaceNode {
  const n: PlaceNode = { tag: el.localName.slice(0, 20) };
  const role = attr(el, 'role', 30);
  if (role) n.role = role;
  const label = attr(el, 'aria-label', 60);
  if (label) n.label = label;
  const names = `${attr(el, 'id', 60)} ${typeof el.className === 'string' ? el.className.slice(0, 140) : ''}`.trim();
  if (names) n.names = names;
  if (attr(el, 'aria-modal', 5) === 'true') n.modal = true;
  const live = attr(el, 'aria-live', 10);
  if (live === 'polite' || live === 'assertive') n.live = true;
  const type = attr(el, 'itemtype', 100).replace(/^.*\//, '').slice(0, 40);
  if (type) n.type = type;
  return n;
}

/**
 * Where a text stands: its element and ancestors as markup names them, the short text around it and
 * the buttons there. `lengths` remembers ancestors' text lengths over one scan: texts in one region
 * share their ancestors, so a large one is measured once.
 */
/** links per list, over the life of the page's lists (a list read once per scan is enough) */
let linkCounts = new WeakMap<Element, number>();

function placeOf(el: Element, lengths: WeakMap<Element, number>): UrgencyPlace {
  const body = el.ownerDocument.body;
  const chain: PlaceNode[] = [];
  for (let cur: Element | null = el; cur && cur !== body && chain.length < MAX_CHAIN; cur = cur.parentElement) chain.push(node(cur));
  let near: Element = el;
  for (let cur = el.parentElement, i = 0; cur && cur !== body && i < 5; cur = cur.parentElement, i++) {
    let len = lengths.get(cur);
    if (len === undefined) {
      len = cur.childElementCount > 60 ? Infinity : (cur.textContent ?? '').length;
      lengths.set(cur, len);
    }
    if (len > MAX_AROUND) break;
    near = cur;
  }
  const controls = Array.from(near.querySelectorAll(CONTROLS))
    .slice(0, 4)
    .map((b) => capText(b instanceof HTMLInputElement ? b.value : b.textContent, 60))
    .filter(Boolean);
  const list = el.closest('ul, ol, menu');
  const item = el.closest('li');
  let listLinks = list ? linkCounts.get(list) : 0;
  if (list && listLinks === undefined) {
    listLinks = Math.min(50, list.querySelectorAll('li a[href]').length);
    linkCounts.set(list, listLinks);
  }
  return {
    chain,
    around: near === el ? '' : capText(near.textContent, MAX_AROUND),
    controls,
    link: !!el.closest('a[href]'),
    listLinks: listLinks ?? 0,
    ...(item ? { item: capText(item.textContent, 200) } : {}),
  };
}

/** the element's own text (its text nodes, not its children's) */
export function ownText(el: Element): string {
  let t = '';
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) t += n.nodeValue ?? '';
  return t;
}

/**
 * Timers of boxes ("<b>02</b><i>Hours</i><b>13</b><i>Minutes</i>"): no element holds the clock in its
 * own text, and textContent runs the boxes together ("02Hours13Minutes"). Their holder is read with a
 * space between its text nodes.
 */
const holders = new WeakSet<Element>();
const DIGITS_ONLY = /^\d{1,3}$/;
/** ancestors of a box looked at for the timer holding it */
const MAX_HOLDER_UP = 3;

function spacedText(el: Element): string {
  let t = '';
  const it = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = it.nextNode(); n && t.length < 1000; n = it.nextNode()) t += ` ${n.nodeValue ?? ''}`;
  return t.replace(/\s+/g, ' ').trim();
}

const readingOf = (el: Element) => (holders.has(el) ? spacedText(el) : (el.textContent ?? '').replace(/\s+/g, ' ').trim());

function read(el: Element, own: string, { words, clock, clockHint }: UrgencyPatterns): Draft | null {
  own = holders.has(el) ? spacedText(el) : own.trim();
  if (!own) return null; // containers are read through the elements holding their words
  const raw = el.textContent ?? '';
  if (raw.length > 1000) return null;
  const full = readingOf(el);
  if (full.length > 250) return null;
  if (clockHint.test(full) && clock.test(full)) {
    const kept = firstClockReading.get(el);
    if (kept) return kept;
    // an element holding only the digits is explained by its container ("Offer ends in", "Order
    // within … for next-day delivery"); an element with words of its own explains itself
    const bare = clock.test(own) && own.replace(clock, '').trim().length < 3;
    const parent = el.parentElement;
    const parentText = !parent ? '' : holders.has(el) ? spacedText(parent) : (parent.textContent ?? '').replace(/\s+/g, ' ').trim();
    const c: Draft = {
      text: capText(full, 250),
      clock: true,
      readAt: Date.now(),
      ...(bare && parentText.length <= 300 ? { context: capText(parentText, 300) } : {}),
    };
    firstClockReading.set(el, c);
    return c;
  }
  return words.test(full) ? { text: capText(full, 250), readAt: Date.now() } : null;
}

/**
 * A clock read again shows other digits: its first different reading is kept once (the worker decides
 * whether it ticked down), so a ticking clock changes the snapshot once, not every second. The digits
 * may tick in a child element ("<b>09</b>:<b>59</b>"): the clocks of its nearest ancestors are noted too.
 */
function noteChange(el: Element): boolean {
  let changed = false;
  for (let cur: Element | null = el, i = 0; cur && i < 3; cur = cur.parentElement, i++) {
    const kept = firstClockReading.get(cur);
    if (!kept || kept.later) continue;
    const now = capText(readingOf(cur), 250);
    if (now === kept.text) continue;
    kept.later = { text: now, readAt: Date.now() };
    changed = true;
  }
  return changed;
}

/** The candidates of the page, read per element holding text, kept until the element changes or leaves. */
export class UrgencyIndex {
  private cache = new ElementCache<UrgencyCandidate>(MAX_KEPT);
  private times = new Map<string, number>();
  private lengths = new WeakMap<Element, number>();

  /** `own` is the element's own text; an element without one is no candidate (its children are) */
  visit(el: Element, own: string, pats: UrgencyPatterns, incremental: boolean): void {
    noteChange(el);
    if (this.cache.full(el)) return; // enough candidates: later elements are not read
    if (DIGITS_ONLY.test(own.trim())) this.holderOf(el, pats, incremental);
    const c = read(el, own, pats);
    if (!c) return this.cache.delete(el);
    // the same words again and again ("In stock" on every product) make one candidate: after a few,
    // their elements are not looked at (no layout read), and cannot crowd out a different claim
    const sig = `${c.text}|${c.context ?? ''}`;
    const times = this.times.get(sig) ?? 0;
    if (!this.cache.has(el) && times >= MAX_SAME) return;
    if (isVisible(el)) {
      if (!this.cache.has(el)) this.times.set(sig, times + 1);
      c.place ??= placeOf(el, this.lengths);
      this.cache.set(el, c as UrgencyCandidate, incremental);
    } else this.cache.delete(el);
  }
  /** a box of digits: the nearest ancestor whose spaced text is a clock is read as the timer */
  private holderOf(el: Element, pats: UrgencyPatterns, incremental: boolean): void {
    for (let cur = el.parentElement, i = 0; cur && cur !== el.ownerDocument.body && i < MAX_HOLDER_UP; cur = cur.parentElement, i++) {
      if (this.cache.has(cur)) return;
      if ((cur.textContent ?? '').length > 250) return;
      if (!pats.clock.test(spacedText(cur))) continue;
      holders.add(cur);
      this.visit(cur, '', pats, incremental);
      return;
    }
  }
  clear(): void {
    this.cache.clear();
    this.times.clear();
    this.lengths = new WeakMap();
  }
  /** a new scan: the page may have changed since ancestors' texts were measured */
  begin(): void {
    this.lengths = new WeakMap();
    linkCounts = new WeakMap();
  }
  section(): UrgencyCandidate[] {
    const out: UrgencyCandidate[] = [];
    const index = new Map<Element, number>();
    const seen = new Map<string, number>();
    for (const [el, c] of this.cache.live()) {
      const sig = `${c.text}|${c.context ?? ''}`;
      const same = seen.get(sig);
      if (same !== undefined) {
        index.set(el, same); // the same words again: one candidate, still the parent of its children
        continue;
      }
      const parent = el.parentElement ? index.get(el.parentElement) : undefined;
      seen.set(sig, out.length);
      index.set(el, out.length);
      out.push(parent !== undefined ? { ...c, parent } : c);
      if (out.length >= MAX_CANDIDATES) break;
    }
    return out;
  }
}
