// Event batching in the MAIN world: compact events, posted at most every 250 ms.
import { PAGE_TO_CONTENT } from '../bridge';
import type { PageEvent } from '../../model/observations';

const queue: PageEvent[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
// Saved before the page can replace them.
const dispatch = EventTarget.prototype.dispatchEvent;
const CE = CustomEvent;
const stringify = JSON.stringify;
const setT = setTimeout;

export function emit(type: string, data: Record<string, unknown>, script?: string): void {
  if (queue.length >= 1000) return; // a hostile page cannot make us buffer without bound
  queue.push({ type, data, at: Date.now(), ...(script ? { script } : {}) });
  timer ??= setT(flush, 250);
}

export function flush(): void {
  timer = undefined;
  if (queue.length === 0) return;
  const batch = queue.splice(0, queue.length);
  try {
    dispatch.call(window, new CE(PAGE_TO_CONTENT, { detail: stringify(batch) }));
  } catch {
    // never throw into the page
  }
}
