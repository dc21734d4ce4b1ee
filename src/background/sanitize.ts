// Content-script payloads are page-derived: shape-check them and cap every string before use.
import { capText, capUrl } from '../model/finding';
import { capJson } from '../model/cap-json';
import type { DomSnapshot, PageEvent } from '../model/observations';

const MAX_EVENTS = 500;
const MAX_LIST = 300;

function str(v: unknown, max?: number): string {
  return max ? capText(v, max) : capUrl(v);
}

export function sanitizeSnapshot(raw: DomSnapshot, senderUrl: string | undefined, isTop: boolean): DomSnapshot | null {
  if (!raw || typeof raw !== 'object') return null;
  return {
    // the browser's word for the frame URL beats the page's
    url: capUrl(senderUrl ?? raw.url),
    isTop,
    title: str(raw.title, 300),
    lang: str(raw.lang, 20),
    scripts: Array.isArray(raw.scripts) ? raw.scripts.slice(0, MAX_LIST).map((s) => capUrl(s)) : [],
    iframes: Array.isArray(raw.iframes) ? raw.iframes.slice(0, MAX_LIST).map((f) => ({ src: capUrl(f?.src), title: str(f?.title, 200) })) : [],
    sections: (capJson(raw.sections ?? {}) as Record<string, unknown>) ?? {},
    at: typeof raw.at === 'number' ? raw.at : Date.now(),
  };
}

export function sanitizePageEvents(raw: PageEvent[], accepted: ReadonlySet<string>): PageEvent[] {
  if (!Array.isArray(raw)) return [];
  const out: PageEvent[] = [];
  for (const e of raw.slice(0, MAX_EVENTS)) {
    if (!e || typeof e.type !== 'string' || !accepted.has(e.type)) continue;
    out.push({
      type: e.type,
      ...(typeof e.script === 'string' ? { script: capUrl(e.script) } : {}),
      at: typeof e.at === 'number' ? e.at : Date.now(),
      data: (capJson(e.data ?? {}) as Record<string, unknown>) ?? {},
    });
  }
  return out;
}
