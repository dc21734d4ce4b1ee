// Chat widgets in this frame and what they say before the person writes anything: catalog widgets by
// their selectors, unknown ones by shape (a fixed-position launcher with chat words; a panel, frame or
// open shadow root with a message list and an input). Runs in every frame, cross-origin chat frames
// included, so a vendor's greeting inside its own iframe is read where it is rendered. Also collects
// short page texts that may label content as AI-made (classified by src/detectors/chat.ts).
// Reads text only: never input values, never anything the person typed.
import type { PageKit } from '../../model/dom';
import { capText } from '../../model/finding';
import { ElementCache } from './cache';
import { re } from './types';

export interface ChatWidgetObs {
  /** catalog id when a catalog selector matched */
  catalogId?: string;
  /** how it was found: catalog selector, generic launcher, generic panel (message list + input) */
  how: 'catalog' | 'launcher' | 'panel';
  selector?: string;
  /** visible text of the widget: header, greeting, buttons (capped) */
  text: string;
  /** aria-labels, titles, placeholders (capped) */
  labels: string[];
  /** a message list and a visible input are shown: the conversation surface, not only a launcher */
  open?: boolean;
  /** an iframe element's src, when the widget is a frame (its content comes in the frame's own snapshot) */
  frameSrc?: string;
  inShadow?: boolean;
}

export interface ChatSection {
  widgets: ChatWidgetObs[];
  /** this frame (not the top page) is itself a chat surface: its text and labels */
  frame?: { text: string; labels: string[]; isPanel: boolean; name: string; catalogId?: string };
  /** short page texts that mention AI (candidates for AI content labels) */
  aiLabels: string[];
  /** a form a person can write to the site with (a message box plus an e-mail or phone field) */
  contactForm?: { text: string; action: string };
}

// from the worker's kit, set at each scan (the content script carries no catalog)
let CHAT_ALL: PageKit['chatHosts'] = [];
let CHAT_ENTRIES: PageKit['selectors'] = [];
let CHAT_WORDS = /$^/;
let NOT_CHAT_WORDS = /$^/;
function useKit(kit: PageKit): void {
  CHAT_ALL = kit.chatHosts;
  CHAT_ENTRIES = kit.selectors.filter((e) => e.chat);
  CHAT_WORDS = re(kit.patterns.chatWords);
  NOT_CHAT_WORDS = re(kit.patterns.notChatWords);
}
const MAX_WIDGETS = 6;
const MAX_TEXT = 1200;
const MAX_LABELS = 12;
const MAX_SHADOW_ROOTS = 40;
const INPUTS = 'textarea, input[type="text"], input:not([type]), [contenteditable="true"], [contenteditable=""], [role="textbox"]';
const MESSAGES = '[role="log"], [aria-live], [class*="message" i], [class*="bubble" i], [class*="msg" i], [data-message-id]';
const LAUNCHER_CANDIDATES = 'button, [role="button"], a[href="#"], a:not([href]), iframe, [id*="chat" i], [class*="chat" i], [aria-label*="chat" i], [class*="launcher" i]';
const AI_MENTION = /(?<![\p{L}])(?:AI|KI|IA)(?![\p{L}])|artificial intelligence|künstliche|intelligence artificielle|inteligencia artificial|intelligenza artificiale|kunstmatige/u;

type Root = Document | ShadowRoot;

function style(el: Element): CSSStyleDeclaration | null {
  try {
    return el.ownerDocument.defaultView?.getComputedStyle(el) ?? null;
  } catch {
    return null;
  }
}

function shown(el: Element): boolean {
  const r = (el as HTMLElement).getBoundingClientRect?.();
  if (!r || (r.width === 0 && r.height === 0)) return false;
  const st = style(el);
  return !st || (st.visibility !== 'hidden' && st.display !== 'none' && Number(st.opacity) > 0.05);
}

/** The element or one of its five nearest ancestors (crossing shadow hosts) is position: fixed/sticky. */
function fixedish(el: Element): boolean {
  let cur: Element | null = el;
  for (let i = 0; cur && i < 6; i++) {
    const pos = style(cur)?.position;
    if (pos === 'fixed' || pos === 'sticky') return true;
    cur = cur.parentElement ?? ((cur.getRootNode() as ShadowRoot).host ?? null);
  }
  return false;
}

/** Visible text of an element or shadow root, whitespace-folded and capped. */
function visibleText(node: Element | ShadowRoot, max = MAX_TEXT): string {
  if (node instanceof Element) return capText((node as HTMLElement).innerText ?? node.textContent ?? '', max);
  return capText(
    Array.from(node.children)
      .filter((c) => c.tagName !== 'STYLE' && c.tagName !== 'SCRIPT')
      .map((c) => (c as HTMLElement).innerText ?? c.textContent ?? '')
      .join(' '),
    max,
  );
}

function labelsIn(node: Element | ShadowRoot): string[] {
  const out = new Set<string>();
  const push = (s: string | null | undefined) => {
    const t = capText(s ?? '', 160);
    if (t && out.size < MAX_LABELS) out.add(t);
  };
  if (node instanceof Element) {
    push(node.getAttribute('aria-label'));
    push(node.getAttribute('title'));
  }
  for (const el of Array.from(node.querySelectorAll('[aria-label], [title], [placeholder], [alt]')).slice(0, 60)) {
    if (!shown(el)) continue; // a closed panel's labels are not shown to the person yet
    push(el.getAttribute('aria-label'));
    push(el.getAttribute('title'));
    push(el.getAttribute('placeholder'));
    push(el.getAttribute('alt'));
  }
  return [...out];
}

/** The person already wrote into this widget: stop reading it (only text shown before they write counts). */
function userTyped(node: Element | ShadowRoot): boolean {
  for (const el of Array.from(node.querySelectorAll('textarea, input')).slice(0, 10)) {
    if ((el as HTMLInputElement).value) return true;
  }
  return false;
}

/** A message list and an input: a chat panel (an FAQ accordion has no input, a contact form no message list). */
function looksLikePanel(node: Element | ShadowRoot): boolean {
  return !!node.querySelector(INPUTS) && !!node.querySelector(MESSAGES);
}

function observe(node: Element | ShadowRoot, o: Omit<ChatWidgetObs, 'text' | 'labels'>): ChatWidgetObs {
  const typed = userTyped(node);
  const frameSrc = node instanceof HTMLIFrameElement ? node.src : undefined;
  const input = node.querySelector(INPUTS);
  return {
    ...o,
    open: !!input && shown(input) && !!node.querySelector(MESSAGES),
    text: typed ? '' : visibleText(node),
    labels: typed ? [] : labelsIn(node),
    ...(frameSrc ? { frameSrc: frameSrc.slice(0, 500) } : {}),
  };
}

/** `outer` contains `el`, across shadow boundaries (a catalog host claims its shadow content). */
function containsDeep(outer: Element, el: Element): boolean {
  for (let cur: Element | null = el; cur; cur = cur.parentElement ?? ((cur.getRootNode() as ShadowRoot).host ?? null)) {
    if (cur === outer) return true;
  }
  return false;
}

type Scope = Element | Document | ShadowRoot;

interface Widget {
  /** the element the widget claims (a shadow panel's host) */
  el: Element;
  obs: ChatWidgetObs;
  /** reads the widget again (its text changed) */
  again: () => ChatWidgetObs;
}

/** `scope` itself when it matches, then the elements under it that match; invalid selectors match nothing */
function* inScopes(scopes: readonly Scope[], selector: string, cap: number): Generator<Element> {
  let n = 0;
  for (const scope of scopes) {
    let list: ArrayLike<Element>;
    try {
      if (scope instanceof Element && scope.matches(selector)) {
        if (n++ >= cap) return;
        yield scope;
      }
      if (cap - n === 1) {
        const one = scope.querySelector(selector);
        list = one ? [one] : [];
      } else list = scope.querySelectorAll(selector);
    } catch {
      return; // an invalid selector is caught by the catalog's unit test
    }
    for (let i = 0; i < list.length; i++) {
      if (n++ >= cap) return;
      yield list[i]!;
    }
  }
}

/**
 * The chat widgets of the page, found once and read again when something inside them changes; new
 * ones are looked for where the page added something. Also the AI-label candidates, read per element.
 */
export class ChatIndex {
  private widgets = new Map<Element, Widget>();
  private aiText = new ElementCache<string>(60);
  private aiAttr = new ElementCache<string>(60);

  /** `own`: the element's own text */
  visitText(el: Element, own: string, incremental: boolean): void {
    if (this.aiText.full(el)) return;
    if (own.length >= 4 && AI_MENTION.test(own) && shown(el)) this.aiText.set(el, capText((el as HTMLElement).innerText ?? own, 240), incremental);
    else this.aiText.delete(el);
  }
  visitAttrs(el: Element, incremental: boolean): void {
    if (this.aiAttr.full(el)) return;
    const s = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? (el.localName === 'img' ? el.getAttribute('alt') : null) ?? '';
    if (AI_MENTION.test(s)) this.aiAttr.set(el, capText(s, 240), incremental);
    else this.aiAttr.delete(el);
  }
  clear(): void {
    this.widgets.clear();
    this.aiText.clear();
    this.aiAttr.clear();
  }

  /**
   * Finds and reads widgets, one unit of work per element looked at. `full`: everywhere (the document
   * and `shadowRoots`); otherwise only inside `deep` (added subtrees) and `fresh` (shadow roots found
   * in this scan), and the known widgets holding a changed element are read again.
   */
  *read(doc: Document, kit: PageKit, full: boolean, shadowRoots: readonly ShadowRoot[], deep: readonly Element[], shallow: readonly Element[], fresh: readonly ShadowRoot[]): Generator<void> {
    useKit(kit);
    if (full) this.widgets.clear();
    for (const [el, w] of this.widgets) {
      if (!el.isConnected) this.widgets.delete(el);
      else if (!full && (deep.some((d) => containsDeep(w.el, d) || containsDeep(d, w.el)) || shallow.some((x) => containsDeep(w.el, x)))) w.obs = w.again();
      yield;
    }
    if (full) {
      yield* this.scanRoot(doc, false, [doc]);
      for (const sr of shadowRoots) yield* this.scanShadow(sr, [sr]);
      return;
    }
    const byRoot = new Map<Document | ShadowRoot, Element[]>();
    for (const d of deep) {
      const r = d.getRootNode() as Document | ShadowRoot;
      byRoot.set(r, [...(byRoot.get(r) ?? []), d]);
    }
    for (const sr of fresh) if (!byRoot.has(sr)) byRoot.set(sr, []);
    for (const [root, scopes] of byRoot) {
      if (root === doc) yield* this.scanRoot(doc, false, scopes);
      else if (root instanceof ShadowRoot) yield* this.scanShadow(root, fresh.includes(root) ? [root] : scopes);
    }
  }

  private claimed(el: Element): boolean {
    for (const c of this.widgets.keys()) if (containsDeep(c, el) || el.contains(c)) return true;
    return false;
  }

  private add(el: Element, again: () => ChatWidgetObs): void {
    this.widgets.set(el, { el, obs: again(), again });
  }

  private *scanShadow(sr: ShadowRoot, scopes: Scope[]): Generator<void> {
    const before = this.widgets.size;
    yield* this.scanRoot(sr, true, scopes);
    // a shadow root that is itself a chat (message list + input) under a fixed host
    if (this.widgets.size === before && this.widgets.size < MAX_WIDGETS && !this.claimed(sr.host) && looksLikePanel(sr) && fixedish(sr.host) && !userTyped(sr)) {
      const selector = sr.host.tagName.toLowerCase();
      this.add(sr.host, () => (userTyped(sr) ? { how: 'panel', text: '', labels: [], inShadow: true, selector } : { how: 'panel', text: visibleText(sr), labels: labelsIn(sr), inShadow: true, selector }));
    }
  }

  private *scanRoot(root: Root, inShadow: boolean, scopes: Scope[]): Generator<void> {
    const shadowFlag = inShadow ? { inShadow } : {};
    for (const e of CHAT_ENTRIES) {
      for (const sel of e.selectors) {
        const el = inScopes(scopes, sel, 1).next().value;
        if (!el || this.claimed(el) || this.widgets.size >= MAX_WIDGETS) continue;
        // the widget's outermost catalog element holds its launcher and panel together
        let top: Element = el;
        for (const s of e.selectors) {
          let x: Element | null = null;
          try {
            x = root.querySelector(s);
          } catch {
            // invalid selector
          }
          if (x && x.contains(el)) {
            top = x;
            break;
          }
        }
        const node = top.shadowRoot ?? top;
        const t = top;
        this.add(top, () => {
          const o = observe(node, { catalogId: e.id, how: 'catalog', selector: sel, ...shadowFlag });
          if (t instanceof HTMLIFrameElement) o.frameSrc = t.src.slice(0, 500);
          return o;
        });
        break;
      }
      yield;
    }
    // generic panels: fixed containers with a message list and an input
    for (const input of inScopes(scopes, INPUTS, 20)) {
      if (this.widgets.size >= MAX_WIDGETS) return;
      yield;
      if (this.claimed(input) || !fixedish(input)) continue;
      let panel: Element | null = input.parentElement;
      for (let i = 0; panel && i < 8 && !panel.querySelector(MESSAGES); i++) panel = panel.parentElement;
      if (!panel || !looksLikePanel(panel) || !shown(panel)) continue;
      const p = panel;
      this.add(p, () => observe(p, { how: 'panel', ...shadowFlag }));
    }
    // generic launchers: small fixed buttons/frames with chat words
    for (const el of inScopes(scopes, LAUNCHER_CANDIDATES, 300)) {
      if (this.widgets.size >= MAX_WIDGETS) return;
      yield;
      if (this.claimed(el) || !shown(el) || !fixedish(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 480 || r.height > 200) continue; // a banner or a whole panel, not a launcher
      const words = [el.getAttribute('aria-label'), el.getAttribute('title'), el.id, typeof el.className === 'string' ? el.className : '', (el as HTMLElement).innerText?.slice(0, 80)].join(' ');
      if (!CHAT_WORDS.test(words) || NOT_CHAT_WORDS.test(words)) continue;
      this.add(el, () => observe(el, { how: 'launcher', ...shadowFlag }));
    }
  }

  section(doc: Document): ChatSection {
    const widgets = [...this.widgets.values()].filter((w) => w.el.isConnected).map((w) => w.obs);
    const labels = new Set<string>();
    for (const [, t] of this.aiText.live()) if (labels.size < 20) labels.add(t);
    for (const [, t] of this.aiAttr.live()) if (labels.size < 20) labels.add(t);
    const section: ChatSection = { widgets, aiLabels: [...labels] };
    const form = contactForm(doc, new Set(this.widgets.keys()));
    if (form) section.contactForm = form;
    if (window !== window.top && doc.body) {
      const isPanel = looksLikePanel(doc.body);
      const catalogId = embeddingCatalogId() ?? catalogIdOfHost(location.hostname);
      // only chat-looking frames or catalog-embedded ones: other frames (ads, videos) are not read
      if ((isPanel || catalogId || widgets.length) && !userTyped(doc.body)) {
        section.frame = { text: visibleText(doc.body), labels: labelsIn(doc.body), isPanel, name: capText(window.name, 100), ...(catalogId ? { catalogId } : {}) };
      }
    }
    return section;
  }
}

/** the attributes an AI label may be in, as one selector */
export const AI_ATTR_SELECTOR = '[aria-label], [title], img[alt]';

/** A contact form: a message box and an e-mail/phone field, outside any chat widget. */
function contactForm(doc: Document, claimed: Set<Element>): ChatSection['contactForm'] {
  for (const f of Array.from(doc.querySelectorAll('form')).slice(0, 30)) {
    if ([...claimed].some((c) => c.contains(f))) continue;
    if (f.querySelector('textarea') && f.querySelector('input[type="email"], input[type="tel"], input[name*="mail" i], input[name*="phone" i]')) {
      const heading = f.querySelector('h1, h2, h3, legend, label');
      return { text: capText((heading as HTMLElement | null)?.innerText ?? f.getAttribute('aria-label') ?? '', 120), action: (f.getAttribute('action') ?? '').slice(0, 300) };
    }
  }
  return undefined;
}

/** In a child frame: which catalog widget embeds it (readable when the frame is same-origin, e.g. srcdoc). */
function embeddingCatalogId(): string | undefined {
  let fe: Element | null = null;
  try {
    fe = window.frameElement;
  } catch {
    return undefined; // cross-origin: the frame's URL tells the vendor instead
  }
  if (!fe) return undefined;
  for (const e of CHAT_ENTRIES) {
    for (const sel of e.selectors) {
      try {
        if (fe.matches(sel) || fe.closest(sel)) return e.id;
      } catch {
        // invalid selectors are caught by the catalog test
      }
    }
  }
  return undefined;
}

/** A frame served from a chat vendor's host (e.g. LiveChat's cross-origin widget frame). */
function catalogIdOfHost(host: string): string | undefined {
  const h = host.toLowerCase();
  return CHAT_ALL.find((e) => e.hosts.some((s) => h === s || h.endsWith('.' + s)))?.id;
}

