// Which catalog vendors' DOM (launchers, frames, containers) is on the page (the selectors come from the
// worker's kit: the content script carries no catalog). A vendor found stays found while its element
// is in the document; the others are looked for again only where the page added something.
import type { PageKit, VendorSelectorHit } from '../../model/dom';

/** more added subtrees than this: one lookup in the whole document costs less than one per subtree */
const MAX_SCOPED = 8;

function first(scope: Element | Document, sel: string): Element | null {
  try {
    if (scope instanceof Element && scope.matches(sel)) return scope;
    return scope.querySelector(sel);
  } catch {
    return null; // an invalid selector in the catalog is caught by its unit test
  }
}

export class VendorIndex {
  private found = new Map<string, { selector: string; el: Element }>();

  /** one unit of work per catalog entry; `scopes` null: the whole document */
  *read(doc: Document, kit: PageKit, scopes: Element[] | null): Generator<void> {
    for (const [id, hit] of this.found) if (!hit.el.isConnected) this.found.delete(id);
    const where: (Element | Document)[] = scopes === null || scopes.length > MAX_SCOPED ? [doc] : scopes;
    if (where.length === 0) return;
    for (const e of kit.selectors) {
      if (this.found.has(e.id)) continue;
      search: for (const sel of e.selectors) {
        for (const scope of where) {
          const el = first(scope, sel);
          if (el) {
            this.found.set(e.id, { selector: sel, el });
            break search;
          }
        }
      }
      yield;
    }
  }
  clear(): void {
    this.found.clear();
  }
  section(kit: PageKit): VendorSelectorHit[] {
    // in the kit's order, as a full lookup gives them
    return kit.selectors.flatMap((e) => {
      const hit = this.found.get(e.id);
      return hit && hit.el.isConnected ? [{ id: e.id, selector: hit.selector }] : [];
    });
  }
}
