// Passive key-logging detection (MAIN world): did a value the person typed leave the page before they
// submitted its form — plain, URL-encoded, base64 or hashed (MD5, SHA-1, SHA-256)?
//
// The typed values and their encodings live only in this closure, in page memory, for matching. They
// are NEVER emitted, logged or stored: the `keylog` event carries the field's type and name, the
// destination host, the API and the encoding, and nothing of the value (docs/report.md).
import { emit } from './emit';
import { md5 } from './md5';
import { onOutgoing } from './outgoing';
import { callerScript } from './stack';

export const KEYLOG_EVENT = 'keylog';

const WATCHED_TYPES = new Set(['text', 'email', 'tel', 'password', 'search', 'url', 'number', 'textarea']);
/** shorter values match too much by chance ("test", a zip code inside an id) */
const MIN_LENGTH = 5;
const MAX_FIELDS = 30;

interface Watched {
  type: string;
  name: string;
  /** [encoding label, encoded value]; hex hashes are lower-case */
  forms: [string, string][];
  submitted: boolean;
  version: number;
  /** hashes being computed for the current value: requests sent meanwhile are checked again after */
  hashing?: Promise<void>;
}

const fields = new Map<Element, Watched>();
const reported = new Set<string>();

function b64(s: string): string {
  try {
    return btoa(String.fromCharCode(...new TextEncoder().encode(s)));
  } catch {
    return '';
  }
}

async function digest(alg: string, s: string): Promise<string> {
  const buf = await crypto.subtle.digest(alg, new TextEncoder().encode(s));
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function syncForms(v: string): [string, string][] {
  const out: [string, string][] = [['plain', v]];
  const enc = encodeURIComponent(v);
  if (enc !== v) out.push(['url-encoded', enc], ['url-encoded', enc.replace(/%20/g, '+')]);
  const b = b64(v);
  if (b) out.push(['base64', b.replace(/=+$/, '')]);
  const lower = v.trim().toLowerCase();
  if (lower !== v) out.push(['plain', lower]);
  return out;
}

/**
 * Trackers normalise before hashing (lower-case trimmed e-mail; a phone as digits only, as Meta asks,
 * or in E.164, "+" and digits, as Google's enhanced conversions ask): hash those too.
 */
async function hashForms(v: string): Promise<[string, string][]> {
  const variants = new Set([v, v.trim().toLowerCase()]);
  const digits = v.replace(/\D/g, '');
  if (digits.length >= 7) {
    variants.add(digits);
    if (v.trim().startsWith('+')) variants.add(`+${digits}`);
  }
  const out: [string, string][] = [];
  for (const x of variants) {
    out.push(['md5', md5(x)]);
    if (crypto?.subtle) out.push(['sha1', await digest('SHA-1', x)], ['sha256', await digest('SHA-256', x)]);
  }
  return out;
}

function fieldType(el: Element): string | null {
  if (el instanceof HTMLTextAreaElement) return 'textarea';
  if (!(el instanceof HTMLInputElement)) return null;
  const t = (el.type || 'text').toLowerCase();
  return WATCHED_TYPES.has(t) ? t : null;
}

function onInput(e: Event): void {
  const el = e.target as HTMLInputElement | HTMLTextAreaElement | null;
  if (!el) return;
  const type = fieldType(el);
  if (!type) return;
  const value = String(el.value ?? '');
  let w = fields.get(el);
  if (value.length < MIN_LENGTH) {
    if (w) w.forms = [];
    return;
  }
  if (!w) {
    if (fields.size >= MAX_FIELDS) return;
    const name = String(el.getAttribute('name') || el.id || el.getAttribute('autocomplete') || '').slice(0, 60);
    fields.set(el, (w = { type, name, forms: [], submitted: false, version: 0 }));
  }
  const version = ++w.version;
  w.hashing = undefined;
  const watched = w;
  watched.forms = syncForms(value);
  const hash = () => {
    if (watched.version !== version || watched.hashing) return;
    watched.hashing = hashForms(value).then(
      (h) => {
        if (watched.version === version) watched.forms = [...syncForms(value), ...h];
      },
      () => {},
    );
  };
  // hashes are computed off the keystroke path: once typing pauses, or at once when the field is left
  if (e.type === 'change') hash();
  else setTimeout(hash, 200);
}

function onSubmit(e: Event): void {
  const form = e.target as HTMLFormElement | null;
  if (!form?.elements) return;
  for (const el of Array.from(form.elements)) {
    const w = fields.get(el);
    if (w) w.submitted = true;
  }
}

export function installKeylogHooks(): void {
  // Registered before the replay hook wraps addEventListener; capture phase sees every field.
  window.addEventListener('input', onInput, { capture: true, passive: true });
  window.addEventListener('change', onInput, { capture: true, passive: true });
  window.addEventListener('submit', onSubmit, { capture: true, passive: true });
  onOutgoing((o) => {
    if (fields.size === 0 || !o.url.startsWith('http')) return;
    let u: URL;
    try {
      u = new URL(o.url);
    } catch {
      return;
    }
    const script = callerScript();
    check(u, o.text ?? '', o.api, script);
    // a value hashed by the page at the moment it was typed may be sent before our own hashes are
    // ready: look again once they are (the request's text is kept only for that moment)
    const pending = [...fields.values()].map((w) => w.hashing).filter(Boolean);
    if (pending.length) void Promise.all(pending).then(() => check(u, o.text ?? '', o.api, script));
  });
}

function check(u: URL, body: string, api: string, script: string | undefined): void {
  const query = u.search + u.hash;
  const queryLower = query.toLowerCase();
  const bodyLower = body.toLowerCase();
  for (const w of fields.values()) {
    if (w.submitted || w.forms.length === 0) continue;
    for (const [encoding, form] of w.forms) {
      const hex = encoding === 'md5' || encoding === 'sha1' || encoding === 'sha256';
      const inQuery = hex ? queryLower.includes(form) : query.includes(form);
      const inBody = !inQuery && (hex ? bodyLower.includes(form) : body.includes(form));
      if (!inQuery && !inBody) continue;
      const key = `${w.type}|${w.name}|${u.hostname}|${encoding}`;
      if (reported.has(key) || reported.size > 100) break;
      reported.add(key);
      emit(KEYLOG_EVENT, { fieldType: w.type, fieldName: w.name, destination: u.hostname, api, part: inQuery ? 'query' : 'body', encoding }, script);
      break;
    }
  }
}
