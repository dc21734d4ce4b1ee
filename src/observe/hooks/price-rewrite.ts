// Client-side price rewriting: a script changing the text of a price element after the page loaded
// (a pricing or personalisation engine swapping the price the server sent). We wrap the text setters
// only once the page has loaded, so loading is untouched. Each wrapper does the cheap tests first (a
// digit in the new text, a price-looking ancestor), reads the old text only for price elements, then
// calls the original setter (same result, same exceptions) and reports after it returned. The calling
// script comes from the stack; whether it is a third party is decided by the detector.
import { emit } from './emit';
import { callerScript } from './stack';
import { wrapSetter } from './wrap';

const PRICE_SEL = '[itemprop="price"], [class*="price" i], [id*="price" i], [data-price]';
const MAX_EVENTS = 20;
let sent = 0;

function describe(el: Element): string {
  const id = el.id ? `#${el.id.slice(0, 40)}` : '';
  const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.').slice(0, 60)}` : '';
  return `${el.tagName.toLowerCase()}${id}${cls}`;
}

function report(priceEl: Element, before: string, after: string): void {
  if (before === after) return;
  const script = callerScript();
  if (!script) return;
  sent++;
  emit('price-rewrite', { before: before.slice(0, 80), after: after.slice(0, 80), element: describe(priceEl), page: location.href.slice(0, 300) }, script);
}

function hookText(proto: object, prop: string, target: (node: Node) => Element | null, read: (node: Node) => string): void {
  wrapSetter(proto, prop, {
    // cheapest tests first: most text writes carry no digit or are nowhere near a price
    before: (node: Node, a) => {
      const v = a[0];
      const text = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
      if (sent >= MAX_EVENTS || !/\d/.test(text)) return undefined;
      const el = target(node);
      const priceEl = el && el.isConnected ? el.closest(PRICE_SEL) : null;
      return priceEl ? { priceEl, before: read(node), text } : undefined;
    },
    after: (_node, _a, _r, token) => {
      const t = token as { priceEl: Element; before: string; text: string } | undefined;
      if (t) report(t.priceEl, t.before, t.text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80));
    },
  });
}

export function installPriceRewriteHook(): void {
  const install = () => {
    const asEl = (n: Node) => (n.nodeType === 1 ? (n as Element) : null);
    const parentEl = (n: Node) => n.parentElement;
    const text = (n: Node) => (n.textContent ?? '').trim().slice(0, 80);
    hookText(Node.prototype, 'textContent', (n) => asEl(n) ?? parentEl(n), text);
    hookText(HTMLElement.prototype, 'innerText', asEl, text);
    hookText(Element.prototype, 'innerHTML', asEl, text);
    hookText(CharacterData.prototype, 'data', parentEl, text);
    hookText(Node.prototype, 'nodeValue', parentEl, text);
  };
  if (document.readyState === 'complete') install();
  else addEventListener('load', install, { once: true });
}
