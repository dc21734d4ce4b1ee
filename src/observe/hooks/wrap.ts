// The one wrapping style for every hooked page API (methods, getters, setters). A wrapper calls the
// original with the same `this` and arguments through the Reflect.apply captured at document_start,
// returns its result or rethrows its exception unchanged, and runs our bookkeeping in try/catch so it
// never throws into the page. Wrappers look native: made as methods (no `prototype`, not
// constructible, own properties `length` and `name` only), with the original's name and length, the
// original's property descriptor (only the function changes), and Function.prototype.toString answers
// the original's source for them ("[native code]").
import { apply, defineProperty, getOwnDescriptor, wmGet, wmSet } from './safe';

type Fn = (...a: unknown[]) => unknown;
const originals = new WeakMap<Fn, Fn>();
let toStringPatched = false;

function patchToString(): void {
  if (toStringPatched) return;
  toStringPatched = true;
  const desc = getOwnDescriptor(Function.prototype, 'toString');
  const nativeToString = desc?.value as Fn | undefined;
  if (!desc || typeof nativeToString !== 'function') return;
  const wrapped = {
    toString(this: unknown): string {
      const target = typeof this === 'function' ? ((wmGet(originals, this) as Fn | undefined) ?? this) : this;
      return apply(nativeToString, target, []) as string;
    },
  }.toString;
  disguise(wrapped as Fn, nativeToString);
  defineProperty(Function.prototype, 'toString', { ...desc, value: wrapped });
}

function disguise(wrapper: Fn, original: Fn): Fn {
  wmSet(originals, wrapper, original);
  try {
    for (const k of ['length', 'name'] as const) defineProperty(wrapper, k, { value: original[k], writable: false, enumerable: false, configurable: true });
  } catch {
    // never break the page for a name
  }
  return wrapper;
}

/** Function.prototype.toString answers `original`'s source for `stand` (a Proxy of a constructor). */
export function disguiseAs(stand: object, original: object): void {
  patchToString();
  wmSet(originals, stand as Fn, original as Fn);
}

/** Our own failures are never the page's problem. */
export function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // swallowed
  }
}

/** may return a token, handed to `after` */
type Before = (self: any, args: unknown[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
type After = (self: any, args: unknown[], result: unknown, token: unknown) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

function make(original: Fn, before?: Before, after?: After): Fn {
  // a method: no prototype, not a constructor, like the platform's own functions
  const wrapper = {
    w(this: unknown, ...args: unknown[]): unknown {
      let token: unknown;
      if (before) {
        try {
          token = before(this, args);
        } catch {
          // ours, not the page's
        }
      }
      const result = apply(original, this, args);
      if (after) quietly(() => after(this, args, result, token));
      return result;
    },
  }.w as Fn;
  return disguise(wrapper, original);
}

function replace(proto: object | undefined, name: string, part: 'value' | 'get' | 'set', before?: Before, after?: After): boolean {
  if (!proto) return false;
  const desc = getOwnDescriptor(proto, name);
  const original = desc?.[part] as Fn | undefined;
  if (typeof original !== 'function' || !desc?.configurable) return false;
  patchToString();
  defineProperty(proto, name, { ...desc, [part]: make(original, before, after) });
  return true;
}

/** proto[name] (a method): `before` sees the arguments, `after` the result; neither can change them. */
export function wrapMethod(proto: object | undefined, name: string, hooks: { before?: Before; after?: After }): void {
  replace(proto, name, 'value', hooks.before, hooks.after);
}

/** The getter of proto[name]: `seen` is told about every read. */
export function wrapGetter(proto: object | undefined, name: string, seen: (self: any) => void): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  replace(proto, name, 'get', seen as Before);
}

/** The setter of proto[name]: `before` runs before the write, `after` once it returned. */
export function wrapSetter(proto: object | undefined, name: string, hooks: { before?: Before; after?: After }): void {
  replace(proto, name, 'set', hooks.before, hooks.after);
}
