// Names and value shapes of the cookies and storage keys this frame's page can see, for the identifier
// detector. Values are never read into the snapshot: only their length and whether they look like an id.
import type { StoredKey } from '../../model/dom';

export type { StoredKey };

const ID_LIKE = /^[A-Za-z0-9._\-:|=%+/]{8,}$/;
const MAX = 60;

function shape(v: string): { length: number; idLike: boolean } {
  return { length: v.length, idLike: ID_LIKE.test(v) && /\d/.test(v) };
}

export function readIdentifiers(doc: Document): StoredKey[] {
  const out: StoredKey[] = [];
  try {
    for (const part of doc.cookie ? doc.cookie.split(';') : []) {
      const eq = part.indexOf('=');
      if (eq <= 0 || out.length >= MAX) continue;
      out.push({ name: part.slice(0, eq).trim().slice(0, 100), storage: 'cookie', ...shape(part.slice(eq + 1).trim()) });
    }
  } catch {
    // sandboxed frame: no cookies
  }
  for (const storage of ['localStorage', 'sessionStorage'] as const) {
    try {
      const s = doc.defaultView?.[storage];
      for (let i = 0; s && i < s.length && out.length < MAX; i++) {
        const k = s.key(i);
        if (k) out.push({ name: k.slice(0, 100), storage, ...shape(s.getItem(k) ?? '') });
      }
    } catch {
      // storage blocked for this frame
    }
  }
  return out;
}
