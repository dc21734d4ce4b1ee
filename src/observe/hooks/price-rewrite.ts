// Client-side price rewriting: a script changing the text of a price element after the page loaded
// (a pricing or personalisation engine swapping the price the server sent). We wrap the text setters
// only once the page has loaded, so loading is untouched; each wrapper calls the original first (same
// result, same exceptions) and then does a cheap check: a digit in the new text, and a price-looking
// ancestor. The calling script comes from the stack; whether it is a third party is decided later.
import { emit } from './emit';
import { callerScript } from './stack';

const PRICE_SEL = '[itemprop="price"], [class*="price" i], [id*="price" i], [data-price]';
const MAX_EVENTS = 20;
let sent = 0;

function describe(el: Element): string {
  const id = el.id ? `#${el.id.slice(0, 40)}` : '';
  const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.').slice(0, 60)}` : '';
  return `${el.tagName.toLowerCase()}${id}${cls}`;
}

function check(el: Element | null, before: string, after: unknown): void {
  if (sent >= MAX_EVENTS || !el || typeof after !== 'string' || !/\d/.test(after) || before === after) return;
  const priceEl = el.closest(PRICE_SEL);
  if (!priceEl) return;
  const script = callerScript();
  if (!script) return;
  sent++;
  emit('price-rewrite', { before: before.slice(0, 80), after: after.slice(0, 80), element: describe(priceEl), page: location.href.slice(0, 300) }, script);
}

function wrapSetter(proto: object, prop: string, target: (node: Node) => Element | null, read: (node: Node) => string): void {
  const d = Object.getOwnPropertyDescriptor(proto, prop);
  if (!d?.set || !d.get || !d.configurable) return;
  const origSet = d.set;
  Object.defineProperty(proto, prop, {
    ...d,
    set(this: Node, v: unknown) {
      let before = '';
      let el: Element | null = null;
      try {
        el = target(this);
        before = el && el.isConnected ? read(this) : '';
      } catch {
        el = null;
      }
      origSet.call(this, v);
      try {
        if (el && el.isConnected) check(el, before, typeof v === 'string' ? v : String(v));
      } catch {
        // never throw into the page
      }
    },
  });
}

export function installPriceRewriteHook(): void {
  const install = () => {
    const asEl = (n: Node) => (n.nodeType === 1 ? (n as Element) : null);
    const parentEl = (n: Node) => n.parentElement;
    const text = (n: Node) => (n.textContent ?? '').trim().slice(0, 80);
    wrapSetter(Node.prototype, 'textContent', (n) => asEl(n) ?? parentEl(n), text);
    wrapSetter(HTMLElement.prototype, 'innerText', asEl, text);
    wrapSetter(Element.prototype, 'innerHTML', asEl, text);
    wrapSetter(CharacterData.prototype, 'data', parentEl, text);
    wrapSetter(Node.prototype, 'nodeValue', parentEl, text);
  };
  if (document.readyState === 'complete') install();
  else addEventListener('load', install, { once: true });
}
