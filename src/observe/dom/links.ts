// Links a person could follow: privacy policy, opt-outs, contact — read by rights and human detectors.
import type { DomScanner } from './types';
import { absUrl, isVisible, textOf } from './text';

export interface LinkInfo {
  href: string;
  text: string;
  /** aria-label or title, when the link has one */
  label: string;
  inFooter: boolean;
  visible: boolean;
}

const MAX_LINKS = 400;

export const linksScanner: DomScanner = {
  name: 'links',
  scan(doc): LinkInfo[] {
    const out: LinkInfo[] = [];
    for (const a of Array.from(doc.querySelectorAll('a[href]')).slice(0, 2000)) {
      const href = absUrl(a.getAttribute('href'), doc.baseURI);
      if (!href) continue;
      out.push({
        href,
        text: textOf(a, 120),
        label: (a.getAttribute('aria-label') ?? a.getAttribute('title') ?? '').slice(0, 120),
        inFooter: !!a.closest('footer, [role="contentinfo"], #footer, .footer'),
        visible: isVisible(a),
      });
      if (out.length >= MAX_LINKS) break;
    }
    return out;
  },
};
