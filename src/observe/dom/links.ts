// Links a person could follow: privacy policy, opt-outs, contact — read by rights and human detectors.
import type { LinkInfo } from '../../model/dom';
import { ElementCache, matching } from './cache';
import { absUrl, isVisible, textOf } from './text';

export type { LinkInfo };

const MAX_LINKS = 400;
/** links looked at in one pass over a scope */
const MAX_READ = 2000;
export const LINK_SELECTOR = 'a[href]';

export function readLink(a: Element, base: string): LinkInfo | null {
  const href = absUrl(a.getAttribute('href'), base);
  if (!href) return null;
  return {
    href,
    text: textOf(a, 120),
    label: (a.getAttribute('aria-label') ?? a.getAttribute('title') ?? '').slice(0, 120),
    inFooter: !!a.closest('footer, [role="contentinfo"], #footer, .footer'),
    visible: isVisible(a),
  };
}

/** The page's links, read once each and again when something under them changes. */
export class LinkIndex {
  private cache = new ElementCache<LinkInfo>(MAX_LINKS);

  /** reads the links in `scope` (itself included), one unit of work per link */
  *read(scope: Element | Document, base: string, incremental: boolean): Generator<void> {
    for (const a of matching(scope, LINK_SELECTOR, MAX_READ)) {
      if (this.cache.size >= MAX_LINKS && !incremental) return;
      this.visit(a, base, incremental);
      yield;
    }
  }
  visit(a: Element, base: string, incremental: boolean): void {
    if (this.cache.full(a)) return; // the first links are kept: later ones are not read at all
    const info = readLink(a, base);
    if (info) this.cache.set(a, info, incremental);
    else this.cache.delete(a);
  }
  clear(): void {
    this.cache.clear();
  }
  section(): LinkInfo[] {
    return this.cache.live().map(([, v]) => v);
  }
}
