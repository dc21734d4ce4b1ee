// One hook on everything a script can send without a navigation: fetch, XMLHttpRequest, sendBeacon,
// WebSocket messages and image pixels. Session-replay and key-logging hooks subscribe; the page sees the original calls.
import { sliceStr } from './safe';
import { wrapMethod, wrapSetter, quietly } from './wrap';

export interface Outgoing {
  api: 'fetch' | 'xhr' | 'beacon' | 'ws' | 'image';
  url: string;
  /** the body when it is text we can read synchronously (string, URLSearchParams, FormData text) */
  text?: string;
  /** body size in bytes or characters, whatever its type */
  size: number;
}

type Listener = (o: Outgoing) => void;
const listeners: Listener[] = [];

export function onOutgoing(l: Listener): void {
  listeners.push(l);
}

function bodyOf(body: unknown): { text?: string; size: number } {
  if (body == null) return { size: 0 };
  if (typeof body === 'string') return { text: body, size: body.length };
  if (body instanceof URLSearchParams) {
    const t = body.toString();
    return { text: t, size: t.length };
  }
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    const p = new URLSearchParams();
    body.forEach((v, k) => {
      if (typeof v === 'string') p.append(k, v);
    });
    const t = p.toString();
    return { text: t, size: t.length };
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) return { size: body.size };
  if (body instanceof ArrayBuffer) return { size: body.byteLength };
  if (ArrayBuffer.isView(body)) return { size: body.byteLength };
  return { size: 0 };
}

function absolute(u: unknown): string {
  try {
    return new URL(String(u), location.href).href;
  } catch {
    return '';
  }
}

function tell(api: Outgoing['api'], url: unknown, body: unknown): void {
  if (listeners.length === 0) return;
  const o: Outgoing = { api, url: absolute(url), ...bodyOf(body) };
  for (const l of listeners) quietly(() => l(o));
}

let installed = false;
export function installOutgoingHooks(): void {
  if (installed) return;
  installed = true;
  wrapMethod(window, 'fetch', {
    before: (_w, a) => {
      const input = a[0] as unknown;
      const init = a[1] as RequestInit | undefined;
      const url = typeof input === 'string' || input instanceof URL ? input : (input as Request)?.url;
      tell('fetch', url, init?.body);
    },
  });
  const xhrUrls = new WeakMap<object, string>();
  wrapMethod(window.XMLHttpRequest?.prototype, 'open', { before: (x, a) => xhrUrls.set(x, String(a[1])) });
  wrapMethod(window.XMLHttpRequest?.prototype, 'send', { before: (x, a) => tell('xhr', xhrUrls.get(x) ?? '', a[0]) });
  wrapMethod(window.Navigator?.prototype, 'sendBeacon', { before: (_n, a) => tell('beacon', a[0], a[1]) });
  // a recorder streaming over a socket: the socket's wss:// URL, told as https:// so hosts compare alike
  wrapMethod(window.WebSocket?.prototype, 'send', { before: (ws: WebSocket, a) => tell('ws', 'http' + sliceStr(String(ws.url), 2), a[0]) });
  // Tracking pixels: new Image().src = "https://ads.example/p?…" (the setter, not the getter).
  wrapSetter(window.HTMLImageElement?.prototype, 'src', { before: (_img, a) => tell('image', a[0], undefined) });
}
