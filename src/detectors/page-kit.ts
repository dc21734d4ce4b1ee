// What the content script needs from the catalog and the detectors to know where to look: vendor
// globals and selectors, and the patterns that narrow which texts are worth sending. Sent by the worker
// on request ('observe/kit'), so no content bundle carries the catalog or a detector.
import { CATALOG } from '../catalog';
import type { PageKit, Pattern } from '../model/dom';
import { CHAT_WORDS, NOT_CHAT_WORDS } from './ai-language';
import { ANY_WORD, CLOCK_HINT, CLOCK_PAGE } from './fairness/urgency-classify';

const pat = (r: RegExp): Pattern => [r.source, r.flags.replace(/[gy]/g, '')];

let kit: PageKit | undefined;

export function pageKit(): PageKit {
  kit ??= {
    globals: [...new Set(CATALOG.flatMap((e) => e.globals ?? []))],
    selectors: CATALOG.filter((e) => e.selectors?.length).map((e) => ({ id: e.id, selectors: e.selectors!, chat: e.roles.includes('chat') || e.roles.includes('ai-chat') })),
    chatHosts: CATALOG.filter((e) => e.roles.includes('chat') || e.roles.includes('ai-chat')).map((e) => ({ id: e.id, hosts: e.hosts })),
    patterns: { chatWords: pat(CHAT_WORDS), notChatWords: pat(NOT_CHAT_WORDS), urgencyWords: pat(ANY_WORD), clock: pat(CLOCK_PAGE), clockHint: pat(CLOCK_HINT) },
  };
  return kit;
}
