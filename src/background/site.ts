import { getDomain } from 'tldts';

/** Registrable domain (eTLD+1) of a host, private suffixes honoured (DESIGN.md). IPs and
 *  single-label hosts are their own site. */
export function siteOf(host: string): string {
  const h = host.toLowerCase();
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** Only web pages are observed; browser pages, the store, extension pages are not. */
export function isObservableUrl(url: string | undefined): boolean {
  return !!url && /^https?:\/\//i.test(url);
}
