import { runContentScript } from '../src/observe/content-main';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  main() {
    runContentScript();
  },
});
