// Is a consent platform possibly on this page? The hint selectors are built from autoconsent's rules
// (hints-build.ts) and grouped there: those under an id are looked up by the id (a hash lookup), the
// rest are one native querySelector, over the document once and then over what each rescan finds
// added. Only a match makes the content script ask the background to load autoconsent into the frame.
// named imports: the bundle then carries only these two lists, not the ungrouped selectors too
import { byId as BY_ID, rest as REST } from '../../generated/cmp-hints.json';

const byId = BY_ID as [string, string][];
const rest = REST as string[];
let union: string | null = null;
let valid: string[] | null = null;

/** parses a selector without walking the page: throws when this browser does not understand it */
const parses = (doc: Document, sel: string): boolean => {
  try {
    doc.createDocumentFragment().querySelector(sel);
    return true;
  } catch {
    return false;
  }
};

/** the union of the other hint selectors this browser understands (one bad selector makes a union throw) */
function unionFor(doc: Document): string {
  if (union !== null) return union;
  const all = rest.join(',');
  if (parses(doc, all)) union = all;
  else {
    valid = rest.filter((s) => parses(doc, s));
    union = valid.join(',');
  }
  return union;
}

function byIdHint(doc: Document): string | null {
  for (const [id, sel] of byId) {
    const el = doc.getElementById(id);
    if (!el) continue;
    try {
      if (sel === `#${id}` || el.matches(sel) || doc.querySelector(sel)) return sel;
    } catch {
      // not understood by this browser
    }
  }
  return null;
}

/**
 * The first hint selector found in the document, or null when autoconsent would find nothing. With
 * `roots` (the subtrees a rescan reads: what was added since the last scan), the other selectors are
 * searched only there: a banner appears as added elements.
 */
export function cmpHint(doc: Document, roots?: readonly Element[]): string | null {
  if (!doc.documentElement) return null;
  const id = byIdHint(doc);
  if (id) return id;
  const sel = unionFor(doc);
  if (!sel) return null;
  let el: Element | null = null;
  if (!roots) el = doc.querySelector(sel);
  else {
    for (const r of roots) {
      if (!r.isConnected) continue;
      el = r.matches(sel) ? r : r.querySelector(sel);
      if (el) break;
    }
  }
  if (!el) return null;
  // name the hint for the background's log and tests: the first selector this element matches
  for (const s of valid ?? rest) {
    try {
      if (el.matches(s)) return s;
    } catch {
      // not understood by this browser
    }
  }
  return 'cmp';
}
