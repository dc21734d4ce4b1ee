// Identifiers written by scripts (MAIN world): document.cookie writes and localStorage/sessionStorage
// setItem, as [store, name, value] from the calling script, for the learned-trackers heuristic. The
// value (capped) only crosses to the worker, which judges its shape and keeps the name alone
// (src/background/services/learned-trackers.ts); a script writing often costs a stack only 60 times.
import { emit } from './emit';
import { sliceStr } from './safe';
import { callerScript } from './stack';
import { wrapMethod, wrapSetter } from './wrap';

export const STORE_EVENT = 'store';
let left = 60;

function note(store: string, name: string, value: string): void {
  if (left-- <= 0) return;
  const script = callerScript();
  if (script) emit(STORE_EVENT, { s: store, n: sliceStr(name, 0, 100), v: sliceStr(value, 0, 200) }, script);
}

export function installStorageHooks(): void {
  // the whole `name=value; attributes` string (capped): the worker takes it apart
  wrapSetter(window.Document?.prototype, 'cookie', { before: (_d, a) => note('cookie', '', String(a[0])) });
  wrapMethod(window.Storage?.prototype, 'setItem', {
    before: (st, a) => note(st === sessionStorage ? 'session' : 'local', String(a[0]), String(a[1])),
  });
}
