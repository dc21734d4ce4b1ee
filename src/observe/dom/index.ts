// The page's DOM scan: one walk over the nodes it has to read, cut into idle slices (slices.ts), and
// the sections every scanner makes of what it read. The first scan (and one after a person's click)
// reads the whole document; a rescan reads only what changed since (roots.ts): the subtrees the page
// added, and alone the elements whose text changed. What each scanner read from an element stays in
// its cache (cache.ts) until the element changes or leaves, so a section is always the whole page's.
import type { PageKit } from '../../model/dom';
import type { DomSnapshot } from '../../model/observations';
import { AI_ATTR_SELECTOR, ChatIndex } from './chat';
import { readIdentifiers } from './identifiers';
import { LINK_SELECTOR, LinkIndex } from './links';
import { ALGO_ATTR_SELECTOR, AlgoIndex, pricesSection } from './prices';
import type { RescanPlan } from './roots';
import { absUrl } from './text';
import { re } from './types';
import { ownText, UrgencyIndex } from './urgency';
import { VendorIndex } from './vendor-selectors';
import { matching } from './cache';

export { SLICE_MS } from './slices';

/** nodes one whole-document pass walks (a long product list is read up to here) */
export const MAX_FULL_NODES = 15_000;
/** nodes one rescan walks; the subtrees left wait for the next rescan */
export const MAX_RESCAN_NODES = 5_000;
/** nodes walked over a document's life: an endless feed stops being read here */
export const MAX_PAGE_NODES = 150_000;
/** elements with attributes looked at in one pass over a scope */
const MAX_ATTR_ELEMENTS = 2_000;
const MAX_SHADOW_ROOTS = 40;
const MAX_SHADOW_DEPTH = 3;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const ATTR_SELECTOR = `${AI_ATTR_SELECTOR}, ${ALGO_ATTR_SELECTOR}`;
const NON_SPACE = /\S/;

export type ScanPlan = 'full' | RescanPlan<Element>;

/** one section's work: a failing scanner costs its own section, never the others' */
function* guarded(name: string, g: Generator<void>): Generator<void> {
  try {
    yield* g;
  } catch (e) {
    console.debug('[candor] scanner failed', name, e);
  }
}
function section<T>(name: string, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    console.debug('[candor] scanner failed', name, e);
    return undefined;
  }
}

/** The scan state of one document (one frame). */
export class PageScan {
  private links = new LinkIndex();
  private urgency = new UrgencyIndex();
  private chat = new ChatIndex();
  private algo = new AlgoIndex();
  private vendors = new VendorIndex();
  private shadow = new Set<ShadowRoot>();
  private identifiers: unknown = [];
  /** nodes walked so far in this document */
  walked = 0;
  /** deep roots a rescan had no budget left for: the next rescan reads them */
  leftover: Element[] = [];

  /** `watch` is told of every open shadow root found, so its mutations are seen too */
  constructor(
    private readonly doc: Document,
    private readonly isTop: boolean,
    private readonly watch: (sr: ShadowRoot) => void = () => {},
  ) {}

  /** Reads what `plan` says, one unit of work per node, and returns the snapshot of the whole page. */
  *scan(kit: PageKit, plan: ScanPlan, withIdentifiers: boolean): Generator<void, DomSnapshot> {
    const doc = this.doc;
    const full = plan === 'full';
    const inc = !full;
    if (full) {
      this.links.clear();
      this.urgency.clear();
      this.chat.clear();
      this.algo.clear();
      this.vendors.clear();
    }
    this.leftover = [];
    this.urgency.begin();
    const urgencyPats = { words: re(kit.patterns.urgencyWords), clock: re(kit.patterns.clock), clockHint: re(kit.patterns.clockHint) };
    const read = new Set<Element>();
    /** an element's own text changed, or it is new: every text reader reads it again */
    const readText = (el: Element) => {
      if (read.has(el)) return;
      read.add(el);
      const own = ownText(el);
      this.urgency.visit(el, own, urgencyPats, inc);
      this.chat.visitText(el, own, inc);
      if (this.isTop) this.algo.visitText(el, own, inc);
    };
    const fresh: ShadowRoot[] = [];
    const budget = { left: full ? MAX_FULL_NODES : Math.min(MAX_RESCAN_NODES, MAX_PAGE_NODES - this.walked) };

    // 1. the walk: text-holding elements, open shadow roots
    const roots: Element[] = full ? [doc.body ?? doc.documentElement].filter((x): x is HTMLElement => !!x) : plan.deep;
    for (let i = 0; i < roots.length; i++) {
      if (budget.left <= 0) {
        if (this.walked < MAX_PAGE_NODES) this.leftover = roots.slice(i);
        break;
      }
      const root = roots[i]!;
      if (!root.isConnected) continue;
      yield* guarded('walk', this.walk(root, root.getRootNode() !== doc, 0, budget, readText, fresh));
    }
    // shadow roots found in the walk: only nested shadow roots are looked for in them (their text is read by the chat scanner)
    for (let i = 0; i < fresh.length; i++) yield* guarded('walk', this.walk(fresh[i]!, true, this.depth(fresh[i]!), budget, readText, fresh));
    if (!full) {
      for (const el of plan.shallow) {
        if (!el.isConnected || SKIP.has(el.tagName) || el.getRootNode() !== doc) continue;
        readText(el);
        if (el.matches(LINK_SELECTOR)) this.links.visit(el, doc.baseURI, true);
        yield;
      }
    }

    // 2. the selector passes, over the document or the added subtrees (the document's, not shadow trees')
    const scopes: (Element | Document)[] = full ? [doc] : plan.deep.filter((d) => d.isConnected && d.getRootNode() === doc);
    for (const scope of scopes) {
      yield* guarded('links', this.links.read(scope, doc.baseURI, inc));
      yield* guarded(
        'attributes',
        (function* (self: PageScan) {
          for (const el of matching(scope, ATTR_SELECTOR, MAX_ATTR_ELEMENTS)) {
            self.chat.visitAttrs(el, inc);
            if (self.isTop) self.algo.visitAttrs(el, inc);
            yield;
          }
        })(this),
      );
    }
    yield* guarded('vendorSelectors', this.vendors.read(doc, kit, full ? null : (scopes as Element[])));
    const shadowRoots = [...this.shadow].filter((sr) => sr.host.isConnected);
    yield* guarded('chat', this.chat.read(doc, kit, full, shadowRoots, full ? [] : plan.deep, full ? [] : plan.shallow, fresh));

    // 3. the sections
    const sections: Record<string, unknown> = {};
    sections.links = section('links', () => this.links.section());
    sections.vendorSelectors = section('vendorSelectors', () => this.vendors.section(kit));
    yield;
    if (withIdentifiers) this.identifiers = section('identifiers', () => readIdentifiers(doc)) ?? [];
    // between reads, the last reading stands (so an unchanged page compares equal)
    sections.identifiers = this.identifiers;
    yield;
    if (this.isTop) {
      sections.prices = section('prices', () => pricesSection(doc, this.algo));
      yield;
    }
    sections.urgency = section('urgency', () => this.urgency.section());
    sections.chat = section('chat', () => this.chat.section(doc));
    yield;
    for (const k of Object.keys(sections)) if (sections[k] === undefined) delete sections[k];
    return { ...pageFacts(doc, this.isTop), sections };
  }

  private depth(sr: ShadowRoot): number {
    let d = 1;
    for (let r = sr.host.getRootNode(); r instanceof ShadowRoot && d < 10; r = r.host.getRootNode()) d++;
    return d;
  }

  /** Walks `root`'s subtree, one unit per node, while the budget lasts. */
  private *walk(root: Node, inShadow: boolean, depth: number, budget: { left: number }, readText: (el: Element) => void, fresh: ShadowRoot[]): Generator<void> {
    const it = this.doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n: Node | null = it.currentNode; n && budget.left > 0; n = it.nextNode()) {
      budget.left--;
      this.walked++;
      if (n.nodeType === 1) {
        const sr = (n as Element).shadowRoot;
        if (sr && !this.shadow.has(sr) && this.shadow.size < MAX_SHADOW_ROOTS && depth < MAX_SHADOW_DEPTH) {
          this.shadow.add(sr);
          fresh.push(sr);
          this.watch(sr);
        }
      } else if (n.nodeType === 3 && !inShadow) {
        const p = n.parentElement;
        if (p && !SKIP.has(p.tagName) && NON_SPACE.test(n.nodeValue ?? '')) readText(p);
      }
      yield;
    }
  }
}

/** What every snapshot says of its document, besides the scanners' sections. */
function pageFacts(doc: Document, isTop: boolean): Omit<DomSnapshot, 'sections'> {
  return {
    url: doc.URL.slice(0, 500),
    isTop,
    title: (doc.title ?? '').slice(0, 300),
    lang: (doc.documentElement.lang ?? '').slice(0, 20),
    scripts: Array.from(doc.scripts)
      .slice(0, 1000)
      .map((s) => absUrl(s.getAttribute('src'), doc.baseURI))
      .filter(Boolean)
      .slice(0, 300),
    iframes: Array.from(doc.querySelectorAll('iframe'))
      .slice(0, 100)
      .map((f) => ({ src: absUrl(f.getAttribute('src'), doc.baseURI), title: (f.getAttribute('title') ?? '').slice(0, 200) })),
    at: Date.now(),
  };
}
