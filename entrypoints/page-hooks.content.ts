import { installHooks } from '../src/observe/hooks';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  world: 'MAIN',
  main() {
    installHooks();
  },
});
