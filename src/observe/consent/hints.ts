// Is a consent platform possibly on this page? One native querySelector over the hint selectors
// built from autoconsent's rules (hints-build.ts). Cheap enough to run with every DOM scan; only a
// match makes the content script ask the background to load autoconsent into the frame.
import hints from '../../generated/cmp-hints.json';

let union: string | null = null;
let valid: string[] | null = null;

/** The selectors this browser understands: one bad selector would make the whole union throw. */
function usable(doc: Document): string[] {
  if (valid) return valid;
  valid = (hints.selectors as string[]).filter((s) => {
    try {
      doc.querySelector(s);
      return true;
    } catch {
      return false;
    }
  });
  return valid;
}

/** the first hint selector found in the document, or null when autoconsent would find nothing */
export function cmpHint(doc: Document): string | null {
  if (!doc.documentElement) return null;
  let el: Element | null;
  try {
    union ??= (hints.selectors as string[]).join(',');
    el = doc.querySelector(union);
  } catch {
    union = usable(doc).join(',');
    el = union ? doc.querySelector(union) : null;
  }
  if (!el) return null;
  // name the hint for the background's log and tests: the first selector this element matches
  for (const s of valid ?? (hints.selectors as string[])) {
    try {
      if (el.matches(s)) return s;
    } catch {
      // not understood by this browser
    }
  }
  return 'cmp';
}
