// document_idle, MAIN world: reads of page state (consent APIs, experiment SDKs) — src/observe/reads.
import { installReads } from '../src/observe/reads';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  allFrames: true,
  matchAboutBlank: true,
  world: 'MAIN',
  main() {
    installReads();
  },
});
