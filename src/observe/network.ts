// webRequest details -> RequestObservation. The only place that knows the shape of webRequest events.
import type { RequestObservation, SetCookieObservation } from '../model/observations';

export interface RequestDetailsLike {
  requestId: string;
  url: string;
  type: string;
  method: string;
  tabId: number;
  frameId: number;
  initiator?: string;
  originUrl?: string;
  documentUrl?: string;
  timeStamp: number;
  requestBody?: { formData?: Record<string, string[]>; raw?: { bytes?: ArrayBuffer }[] } | null;
  responseHeaders?: { name: string; value?: string }[];
  statusCode?: number;
}

const MAX_BODY = 16_384;

export function decodeBody(body: RequestDetailsLike['requestBody']): string | undefined {
  if (!body) return undefined;
  if (body.formData) {
    const p = new URLSearchParams();
    for (const [k, vs] of Object.entries(body.formData)) for (const v of vs) p.append(k, v);
    return p.toString().slice(0, MAX_BODY);
  }
  if (body.raw?.length) {
    let out = '';
    const dec = new TextDecoder('utf-8', { fatal: false });
    for (const part of body.raw) {
      if (part.bytes) out += dec.decode(part.bytes.slice(0, MAX_BODY - out.length));
      if (out.length >= MAX_BODY) break;
    }
    return out;
  }
  return undefined;
}

const ID_LIKE = /^[A-Za-z0-9._\-:|=%+/]{8,}$/;

/** Parses Set-Cookie headers into names and value shape; values themselves are never kept. */
export function parseSetCookies(headers: RequestDetailsLike['responseHeaders']): SetCookieObservation[] {
  const out: SetCookieObservation[] = [];
  for (const h of headers ?? []) {
    if (h.name.toLowerCase() !== 'set-cookie' || !h.value) continue;
    // Firefox joins several cookies in one header with newlines.
    for (const line of h.value.split('\n')) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let maxAgeDays: number | null = null;
      for (const a of attrs) {
        const [k, v] = a.split('=').map((s) => s.trim());
        if (k?.toLowerCase() === 'max-age' && v) maxAgeDays = Number(v) / 86400;
        else if (k?.toLowerCase() === 'expires' && v && maxAgeDays === null) {
          const t = Date.parse(v);
          if (!Number.isNaN(t)) maxAgeDays = (t - Date.now()) / 86_400_000;
        }
      }
      out.push({ name: name.slice(0, 100), valueLength: value.length, looksLikeId: ID_LIKE.test(value) && /\d/.test(value), maxAgeDays });
    }
  }
  return out;
}

/** The error a request gets when the browser stopped it for the person: Chromium's for an extension's
 *  rule (ours or another blocker's); Firefox's for an extension's rule or webRequest cancel
 *  (NS_ERROR_ABORT, seen with our declarativeNetRequest rules) and for its own tracking protection
 *  (NS_ERROR_TRACKING_URI and the other *_URI classifier errors). */
const BLOCKED_ERRORS = /ERR_BLOCKED_BY_CLIENT|^NS_ERROR_ABORT$|^NS_ERROR_(TRACKING|FINGERPRINTING|CRYPTOMINING|SOCIALTRACKING|EMAILTRACKING)_URI$/;
export function isBlockedByClient(error: unknown): boolean {
  return typeof error === 'string' && BLOCKED_ERRORS.test(error);
}

export function toRequestObservation(d: RequestDetailsLike, topUrl: string, phase: RequestObservation['phase'] = 'request'): RequestObservation {
  return {
    phase,
    url: d.url,
    type: d.type,
    method: d.method,
    tabId: d.tabId,
    frameId: d.frameId,
    initiator: d.initiator ?? (d.originUrl ? safeOrigin(d.originUrl) : undefined),
    topUrl,
    at: d.timeStamp,
  };
}

function safeOrigin(u: string): string | undefined {
  try {
    return new URL(u).origin;
  } catch {
    return undefined;
  }
}
