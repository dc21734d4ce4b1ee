// document_idle, ISOLATED world: the DOM scanners, started after load (src/observe/content-main.ts).
import { runContentScript } from '../src/observe/content-main';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  allFrames: true,
  matchAboutBlank: true,
  main() {
    runContentScript();
  },
});
