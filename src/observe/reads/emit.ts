// Page-state readouts (consent APIs, experiment SDKs) run after load in a second MAIN-world script
// (entrypoints/page-reads.ts). They read what the page itself publishes, which the page controls in any
// case, so they do not need the private channel of the document_start hooks: they post on a window
// event, and the relay accepts only these kinds from it (src/observe/relay.ts). The hooks that catch
// what a page would rather hide (fingerprinting, key logging, replay, price rewriting) never use it.
import { READS, READ_TYPES } from '../bridge';

const queue: unknown[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
const dispatch = EventTarget.prototype.dispatchEvent;
const CE = CustomEvent;
const stringify = JSON.stringify;
const setT = setTimeout;

export function emit(type: (typeof READ_TYPES)[number], data: Record<string, unknown>): void {
  if (queue.length >= 200) return;
  queue.push([type, Date.now(), '', data]);
  timer ??= setT(flush, 250);
}

function flush(): void {
  timer = undefined;
  const batch = queue.splice(0, queue.length);
  try {
    dispatch.call(window, new CE(READS, { detail: stringify(batch) }));
  } catch {
    // never throw into the page
  }
}
