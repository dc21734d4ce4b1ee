// `audit --interact`: open the chat launcher the way a person would (a real click at its centre) and
// wait for the greeting, so the extension's content scripts read what the widget says at the first
// interaction. It types nothing and detects nothing: the extension's report stays the only output.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditPage } from '../driver';
import { loadCatalogFromDir } from '../../catalog/load-node';
import type { Probe } from './types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
let vendorSelectors: string[] | undefined;
/** Catalog launcher/container selectors of chat vendors: where a person would click (read once, in Node). */
function chatSelectors(): string[] {
  vendorSelectors ??= loadCatalogFromDir(join(ROOT, 'seeds/catalog'))
    .filter((e) => e.roles.includes('chat') || e.roles.includes('ai-chat'))
    .flatMap((e) => e.selectors ?? []);
  return vendorSelectors;
}

/**
 * Runs in the page: the centre of the most launcher-like element — a small, visible, fixed-position
 * button or frame near the bottom of the viewport that names a chat (or a catalog launcher).
 */
function findLauncher(vendorSelectors: string[]): { x: number; y: number; what: string } | null {
  const CHAT = /chat|messenger|message us|assistant|ask (?:us|me)|help|support|chatten|discuter|conversar|chatta|hulp/i;
  const roots: (Document | ShadowRoot)[] = [document];
  for (const el of Array.from(document.querySelectorAll('*')).slice(0, 8000)) if (el.shadowRoot) roots.push(el.shadowRoot);
  let best: { x: number; y: number; what: string; score: number } | null = null;
  for (const root of roots) {
    // everything inside a catalog widget's shadow root (e.g. <flowise-chatbot>) belongs to that widget
    const host = root instanceof ShadowRoot ? root.host : null;
    const vendorRoot =
      !!host &&
      vendorSelectors.some((s) => {
        try {
          return host.matches(s) || !!host.closest(s);
        } catch {
          return false;
        }
      });
    const cands = new Set<Element>(Array.from(root.querySelectorAll('button, [role="button"], a, iframe, [class*="launcher" i], [class*="toggle" i]')).slice(0, 400));
    for (const sel of vendorSelectors) {
      try {
        root.querySelectorAll(sel).forEach((e) => cands.add(e));
      } catch {
        /* invalid selector: ignored */
      }
    }
    for (const el of cands) {
      const r = el.getBoundingClientRect();
      if (r.width < 16 || r.height < 16 || r.width > 420 || r.height > 200) continue;
      if (r.bottom > innerHeight + 1 || r.right > innerWidth + 1 || r.top < 0) continue;
      // no named inner functions: tsx's keepNames would wrap them in a helper the page lacks
      let isFixed = false;
      for (let cur: Element | null = el, i = 0; cur && i < 6 && !isFixed; i++, cur = cur.parentElement ?? ((cur.getRootNode() as ShadowRoot).host ?? null)) {
        const p = getComputedStyle(cur).position;
        isFixed = p === 'fixed' || p === 'sticky';
      }
      if (!isFixed) continue;
      const words = [el.getAttribute('aria-label'), el.getAttribute('title'), el.id, typeof el.className === 'string' ? el.className : '', (el as HTMLElement).innerText?.slice(0, 60), el.getAttribute('name')].join(' ');
      const vendor = vendorRoot || vendorSelectors.some((s) => {
        try {
          return el.matches(s);
        } catch {
          return false;
        }
      });
      if (!vendor && !CHAT.test(words)) continue;
      // never follow a link away from the page: the report is about this page
      const href = el.tagName === 'A' ? (el.getAttribute('href') ?? '') : '';
      if (href && !href.startsWith('#') && !/^javascript:/i.test(href)) continue;
      if (/share|teilen|partager|compartir|condividi|delen|cookie|newsletter/i.test(words)) continue;
      // prefer named chat launchers near the bottom corner
      const score = (vendor ? 2 : 0) + (CHAT.test(words) ? 2 : 0) + r.bottom / innerHeight - (r.width * r.height) / 100000;
      if (!best || score > best.score) best = { x: r.left + r.width / 2, y: r.top + r.height / 2, what: words.replace(/\s+/g, ' ').trim().slice(0, 80), score };
    }
  }
  return best ? { x: best.x, y: best.y, what: best.what } : null;
}

export const openChatProbe: Probe = {
  name: 'open-chat',
  description: 'opens the chat launcher like a person and waits for the greeting (types nothing)',
  async run(page: AuditPage, ctx) {
    // chat widgets load late (async loaders, lazy bundles): look again for a few seconds
    let hit: Awaited<ReturnType<typeof findLauncher>> = null;
    for (let i = 0; i < 8 && !hit; i++) {
      hit = await page.evaluate(findLauncher, chatSelectors());
      if (!hit) await page.waitForTimeout(750);
    }
    if (!hit) {
      ctx.log(`open-chat: no chat launcher on ${ctx.url}`);
      return;
    }
    ctx.log(`open-chat: opening "${hit.what}" on ${ctx.url}`);
    await page.mouse.click(hit.x, hit.y);
    // the greeting renders, then the content script reads the page again (1.5 s after a click, ≥ 1 s between scans)
    await page.waitForTimeout(3500);
  },
};
