// Every DOM scanner the ISOLATED content script runs, in one list, and the snapshot they make.
import type { DomSnapshot } from '../../model/observations';
import { chatScanner } from './chat';
import { identifiersScanner } from './identifiers';
import { linksScanner } from './links';
import { pricesScanner } from './prices';
import { absUrl } from './text';
import type { DomScanner } from './types';
import { urgencyScanner } from './urgency';
import { vendorSelectorsScanner } from './vendor-selectors';

export const SCANNERS: readonly DomScanner[] = [linksScanner, vendorSelectorsScanner, identifiersScanner, pricesScanner, urgencyScanner, chatScanner];

export function snapshot(doc: Document, isTop: boolean, scanners: readonly DomScanner[] = SCANNERS): DomSnapshot {
  const sections: Record<string, unknown> = {};
  for (const s of scanners) {
    if (s.topOnly && !isTop) continue;
    try {
      sections[s.name] = s.scan(doc);
    } catch (e) {
      console.debug('[candor] scanner failed', s.name, e);
    }
  }
  return {
    url: doc.URL.slice(0, 500),
    isTop,
    title: (doc.title ?? '').slice(0, 300),
    lang: (doc.documentElement.lang ?? '').slice(0, 20),
    scripts: Array.from(doc.scripts)
      .map((s) => absUrl(s.getAttribute('src'), doc.baseURI))
      .filter(Boolean)
      .slice(0, 300),
    iframes: Array.from(doc.querySelectorAll('iframe'))
      .slice(0, 100)
      .map((f) => ({ src: absUrl(f.getAttribute('src'), doc.baseURI), title: (f.getAttribute('title') ?? '').slice(0, 200) })),
    sections,
    at: Date.now(),
  };
}
