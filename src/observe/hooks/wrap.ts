// Transparent wrapping of page APIs. A wrapper calls the original with the same `this` and arguments
// and returns its result or rethrows its exception unchanged; our own bookkeeping runs in try/catch so
// it can never throw into the page. Function.prototype.toString answers the original's source for a
// wrapper, so `String(HTMLCanvasElement.prototype.toDataURL)` still says "[native code]".
const originals = new WeakMap<Function, Function>();
let toStringPatched = false;

function patchToString(): void {
  if (toStringPatched) return;
  toStringPatched = true;
  const nativeToString = Function.prototype.toString;
  const wrapped = function toString(this: unknown): string {
    const target = typeof this === 'function' ? (originals.get(this) ?? this) : this;
    return nativeToString.call(target as Function);
  };
  originals.set(wrapped, nativeToString);
  Object.defineProperty(Function.prototype, 'toString', { value: wrapped, writable: true, configurable: true, enumerable: false });
}

function disguise<F extends Function>(wrapper: F, original: Function): F {
  originals.set(wrapper, original);
  try {
    Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
    Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  } catch {
    // non-configurable in some engine: the name differs, nothing breaks
  }
  patchToString();
  return wrapper;
}

/** Runs our observation after (or before) the page's call, swallowing our own errors. */
function quietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // a hook's own failure is never the page's problem
  }
}

/**
 * Wraps proto[name] (a method). `before` runs before the original with its arguments; `after` runs
 * with the result when the call returned normally. Neither can change what the page gets.
 */
export function wrapMethod<T extends object>(
  proto: T | undefined,
  name: string,
  hooks: { before?: (self: any, args: IArguments) => void; after?: (self: any, args: IArguments, result: unknown) => void },
): void {
  if (!proto) return;
  const desc = Object.getOwnPropertyDescriptor(proto, name);
  const orig = desc?.value as Function | undefined;
  if (typeof orig !== 'function' || !desc?.configurable) return;
  const { before, after } = hooks;
  const wrapper = function (this: unknown) {
    // eslint-disable-next-line prefer-rest-params
    const args = arguments;
    if (before) quietly(() => before(this, args));
    const result = orig.apply(this, args);
    if (after) quietly(() => after(this, args, result));
    return result;
  };
  Object.defineProperty(proto, name, { ...desc, value: disguise(wrapper, orig) });
}

/** Wraps the getter of proto[name]; `seen` is told about every read. */
export function wrapGetter<T extends object>(proto: T | undefined, name: string, seen: (self: any) => void): void {
  if (!proto) return;
  const desc = Object.getOwnPropertyDescriptor(proto, name);
  const get = desc?.get;
  if (!get || !desc.configurable) return;
  const wrapper = function (this: unknown) {
    quietly(() => seen(this));
    return get.call(this);
  };
  Object.defineProperty(proto, name, { ...desc, get: disguise(wrapper, get) });
}

export { quietly };
