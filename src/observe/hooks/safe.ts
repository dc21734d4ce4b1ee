// The intrinsics the MAIN-world hooks use, captured when this script runs at document_start, before
// any page script: a page that later replaces Function.prototype.apply, JSON, setTimeout, String or
// Set methods changes nothing for us. Methods are "uncurried" (called as f(self, ...args)) so no call
// of ours looks anything up on a page-writable prototype.
const R = Reflect;
export const apply = R.apply;
export const construct = R.construct;
const uncurry =
  <A extends unknown[], T>(f: (...a: A) => T) =>
  (self: unknown, ...a: A): T =>
    apply(f, self, a);

export const defineProperty = Object.defineProperty;
export const getOwnDescriptor = Object.getOwnPropertyDescriptor;
export const stringify = JSON.stringify;
export const parse = JSON.parse;
export const now = Date.now;
export const setT = setTimeout;
export const idle: ((cb: () => void, o?: { timeout: number }) => number) | undefined =
  typeof requestIdleCallback === 'function' ? requestIdleCallback : undefined;
export const ErrorCtor = Error;
export const CE = CustomEvent;
export const MouseEv = MouseEvent;
export const addListener = uncurry(EventTarget.prototype.addEventListener as (t: string, l: (e: Event) => void, o?: boolean | AddEventListenerOptions) => void);
export const removeListener = uncurry(EventTarget.prototype.removeEventListener as (t: string, l: (e: Event) => void, o?: boolean) => void);
export const dispatch = uncurry(EventTarget.prototype.dispatchEvent);
export const split = uncurry(String.prototype.split as (s: string) => string[]);
export const sliceStr = uncurry(String.prototype.slice);
export const indexOf = uncurry(String.prototype.indexOf as (s: string) => number);
export const exec = uncurry(RegExp.prototype.exec);
export const setHas = uncurry(Set.prototype.has);
export const setAdd = uncurry(Set.prototype.add);
const setSizeGet = getOwnDescriptor(Set.prototype, 'size')!.get!;
export const setSize = (s: Set<unknown>): number => apply(setSizeGet, s, []) as number;
export const mapGet = uncurry(Map.prototype.get);
export const mapSet = uncurry(Map.prototype.set);
export const wmGet = uncurry(WeakMap.prototype.get);
export const wmSet = uncurry(WeakMap.prototype.set);
export const wsHas = uncurry(WeakSet.prototype.has);
export const wsAdd = uncurry(WeakSet.prototype.add);
export const createElement = uncurry(Document.prototype.createElement);
const detailGet = getOwnDescriptor(CustomEvent.prototype, 'detail')!.get!;
export const detailOf = (e: Event): unknown => apply(detailGet, e, []);
const relatedGet = getOwnDescriptor(MouseEvent.prototype, 'relatedTarget')!.get!;
export const relatedOf = (e: Event): unknown => apply(relatedGet, e, []);
