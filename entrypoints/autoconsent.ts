// ISOLATED world, injected by the background (src/background/handlers/consent.ts, `consent/load`)
// only into frames where a consent platform may be (src/observe/consent/hints.ts) or whose URL one of
// autoconsent's site rules names. It shares the isolated world with the content script, so a second
// injection into the same document finds the flag and does nothing.
import { browser } from 'wxt/browser';
import { runAutoconsent } from '../src/observe/consent/autoconsent';

const FLAG = '__candorAutoconsent';

export default defineUnlistedScript(() => {
  const g = globalThis as unknown as Record<string, boolean>;
  if (g[FLAG]) return;
  g[FLAG] = true;
  runAutoconsent((m) => browser.runtime.sendMessage(m));
});
