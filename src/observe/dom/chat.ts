// Chat widgets in this frame and what they say before the person writes anything: catalog widgets by
// their selectors, unknown ones by shape (a fixed-position launcher with chat words; a panel, frame or
// open shadow root with a message list and an input). Runs in every frame, cross-origin chat frames
// included, so a vendor's greeting inside its own iframe is read where it is rendered. Also collects
// short page texts that may label content as AI-made (classified by src/detectors/chat.ts).
// Reads text only: never input values, never anything the person typed.
import { CATALOG } from '../../catalog';
import { capText } from '../../model/finding';
import { CHAT_WORDS, NOT_CHAT_WORDS } from '../../detectors/ai-language';
import type { DomScanner } from './types';

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

const CHAT_ALL = CATALOG.filter((e) => e.roles.includes('chat') || e.roles.includes('ai-chat'));
const CHAT_ENTRIES = CHAT_ALL.filter((e) => e.selectors?.length);
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

function scanRoot(root: Root, inShadow: boolean, out: ChatWidgetObs[], claimed: Set<Element>): void {
  const isClaimed = (el: Element) => [...claimed].some((c) => containsDeep(c, el) || el.contains(c));
  for (const e of CHAT_ENTRIES) {
    for (const sel of e.selectors!) {
      let el: Element | null = null;
      try {
        el = root.querySelector(sel);
      } catch {
        continue; // an invalid selector is caught by the catalog's unit test
      }
      if (!el || isClaimed(el) || out.length >= MAX_WIDGETS) continue;
      // the widget's outermost catalog element holds its launcher and panel together
      const top = e.selectors!.map((s) => root.querySelector(s)).find((x) => x && x.contains(el!)) ?? el;
      claimed.add(top);
      out.push(observe(top.shadowRoot ?? top, { catalogId: e.id, how: 'catalog', selector: sel, ...(inShadow ? { inShadow } : {}) }));
      if (top instanceof HTMLIFrameElement) out[out.length - 1]!.frameSrc = top.src.slice(0, 500);
      break;
    }
  }
  // generic panels: fixed containers with a message list and an input
  for (const input of Array.from(root.querySelectorAll(INPUTS)).slice(0, 20)) {
    if (out.length >= MAX_WIDGETS) break;
    if (isClaimed(input) || !fixedish(input)) continue;
    let panel: Element | null = input.parentElement;
    for (let i = 0; panel && i < 8 && !panel.querySelector(MESSAGES); i++) panel = panel.parentElement;
    if (!panel || !looksLikePanel(panel) || !shown(panel)) continue;
    claimed.add(panel);
    out.push(observe(panel, { how: 'panel', ...(inShadow ? { inShadow } : {}) }));
  }
  // generic launchers: small fixed buttons/frames with chat words
  for (const el of Array.from(root.querySelectorAll(LAUNCHER_CANDIDATES)).slice(0, 300)) {
    if (out.length >= MAX_WIDGETS) break;
    if (isClaimed(el) || !shown(el) || !fixedish(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 480 || r.height > 200) continue; // a banner or a whole panel, not a launcher
    const words = [el.getAttribute('aria-label'), el.getAttribute('title'), el.id, typeof el.className === 'string' ? el.className : '', (el as HTMLElement).innerText?.slice(0, 80)].join(' ');
    if (!CHAT_WORDS.test(words) || NOT_CHAT_WORDS.test(words)) continue;
    claimed.add(el);
    out.push(observe(el, { how: 'launcher', ...(inShadow ? { inShadow } : {}) }));
  }
}

/** Open shadow roots of the document (and nested ones), capped. */
function shadowRoots(doc: Document): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const walk = (root: Root, depth: number) => {
    if (depth > 3) return;
    const it = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    let n = 0;
    for (let el = it.nextNode() as Element | null; el && n < 8000 && out.length < MAX_SHADOW_ROOTS; el = it.nextNode() as Element | null, n++) {
      const sr = el.shadowRoot;
      if (sr) {
        out.push(sr);
        walk(sr, depth + 1);
      }
    }
  };
  walk(doc, 0);
  return out;
}

/** Short page texts mentioning AI, for the AI-content-label classifier. */
function aiLabelCandidates(doc: Document): string[] {
  const out = new Set<string>();
  if (!doc.body) return [];
  const it = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  let n = 0;
  for (let t = it.nextNode(); t && n < 6000 && out.size < 20; t = it.nextNode(), n++) {
    const s = t.nodeValue ?? '';
    if (s.length < 4 || !AI_MENTION.test(s)) continue;
    const el = t.parentElement;
    if (!el || el.closest('script, style, noscript, template') || !shown(el)) continue;
    out.add(capText((el as HTMLElement).innerText ?? s, 240));
  }
  for (const el of Array.from(doc.querySelectorAll('[aria-label], [title], img[alt]')).slice(0, 500)) {
    if (out.size >= 20) break;
    const s = el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.getAttribute('alt') ?? '';
    if (AI_MENTION.test(s)) out.add(capText(s, 240));
  }
  return [...out];
}

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
    for (const sel of e.selectors!) {
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

export const chatScanner: DomScanner = {
  name: 'chat',
  scan(doc): ChatSection {
    const widgets: ChatWidgetObs[] = [];
    const claimed = new Set<Element>();
    scanRoot(doc, false, widgets, claimed);
    for (const sr of shadowRoots(doc)) {
      if (widgets.length >= MAX_WIDGETS) break;
      const before = widgets.length;
      scanRoot(sr, true, widgets, claimed);
      // a shadow root that is itself a chat (message list + input) under a fixed host
      if (widgets.length === before && ![...claimed].some((c) => containsDeep(c, sr.host)) && looksLikePanel(sr) && fixedish(sr.host) && !userTyped(sr)) {
        widgets.push({ how: 'panel', text: visibleText(sr), labels: labelsIn(sr), inShadow: true, selector: sr.host.tagName.toLowerCase() });
      }
    }
    const section: ChatSection = { widgets, aiLabels: aiLabelCandidates(doc) };
    const form = contactForm(doc, claimed);
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
  },
};
