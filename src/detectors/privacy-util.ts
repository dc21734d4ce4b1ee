// Small helpers shared by the privacy detectors.
import { capText, capUrl, type Evidence } from '../model/finding';
import type { DetectorContext } from './types';

export function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** Vendor and company of a host when the tracker index knows it. */
export function whoIs(host: string, ctx: DetectorContext): { vendor?: string; company?: string; catalogId?: string; category?: string } {
  if (!host) return {};
  const m = ctx.trackers.lookup(host);
  return m ? { vendor: m.name, company: m.company, ...(m.catalogId ? { catalogId: m.catalogId } : {}), ...(m.category ? { category: m.category } : {}) } : {};
}

export function evidence(url: string | undefined, detail: string, at: number): Evidence {
  return { ...(url ? { url: capUrl(url) } : {}), detail: capText(detail), at: new Date(at).toISOString() };
}

/**
 * A URL with every query value longer than a short flag replaced by "…": parameter names stay as
 * evidence, values (page addresses, identifiers, hashed e-mails, anything a person typed) do not.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hashAt = url.indexOf('#', q);
  const query = url.slice(q + 1, hashAt < 0 ? undefined : hashAt);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair.length > 40 ? '…' : pair;
      const v = pair.slice(eq + 1);
      return v.length > 4 ? `${pair.slice(0, eq)}=…` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${redacted}`;
}
