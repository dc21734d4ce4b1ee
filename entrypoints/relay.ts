// document_start, ISOLATED world, every frame (listed in wxt.config.ts): only the relay of the
// MAIN-world hooks' events. An unlisted script, so that nothing (no browser polyfill, no content-script
// context) is parsed on every page before its own scripts but these few lines. The DOM scanners come
// after load (content-scan.content.ts).
import { startRelay } from '../src/observe/relay';

export default defineUnlistedScript(() => {
  startRelay();
});
