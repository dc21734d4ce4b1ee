// Deep caps for JSON-like data from pages and files: used where page payloads are sanitised (the
// worker) and where imported files are read (storage), so it lives with the model both share.
import { capText } from './finding';

const MAX_LIST = 300;

/** Deep-caps strings and sizes of arbitrary JSON-like data (section payloads, event data). */
export function capJson(v: unknown, depth = 0): unknown {
  if (depth > 6) return undefined;
  if (typeof v === 'string') return capText(v, 2000);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean' || v === null) return v;
  if (Array.isArray(v)) return v.slice(0, MAX_LIST).map((x) => capJson(x, depth + 1));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    let n = 0;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (++n > 100) break;
      // members that change how an object prints: `String({ toString: 1 })` throws, and page or file
      // text is printed by the report's wording
      if (k === '__proto__' || k === 'constructor' || k === 'prototype' || k === 'toString' || k === 'valueOf') continue;
      out[k.slice(0, 100)] = capJson(x, depth + 1);
    }
    return out;
  }
  return undefined;
}
