// Which catalog vendors' DOM (launchers, frames, containers) is on the page.
import { CATALOG } from '../../catalog';
import type { DomScanner } from './types';

const WITH_SELECTORS = CATALOG.filter((e) => e.selectors?.length);

export const vendorSelectorsScanner: DomScanner = {
  name: 'vendorSelectors',
  scan(doc): { id: string; selector: string }[] {
    const out: { id: string; selector: string }[] = [];
    for (const e of WITH_SELECTORS) {
      for (const sel of e.selectors!) {
        try {
          if (doc.querySelector(sel)) {
            out.push({ id: e.id, selector: sel });
            break;
          }
        } catch {
          // an invalid selector in the catalog is caught by its unit test
        }
      }
    }
    return out;
  },
};
