// Which script made this call? The first http(s) URL on the stack that is not ours. The page can set
// Error.stackTraceLimit (to 0: no frames at all; to a getter, which V8 does not call: no frames either)
// and, in V8, Error.prepareStackTrace (to rewrite every stack), and make either read-only: for the
// moment we take our stack, both are put back to plain values with their own attributes, and restored
// as the page left them. Only a limit the page made read-only and non-configurable cannot be set aside:
// then the script being evaluated (document.currentScript, read through the getter captured at
// document_start) names the caller when it is an external script.
import { apply, defineProperty, ErrorCtor, exec, getOwnDescriptor, sliceStr, split } from './safe';

const URL_RE = /(https?:\/\/[^\s)]+?)(?::\d+){0,2}(?:\)|$|\s)/;
const HTTP_RE = /^https?:\/\//;
const E = ErrorCtor as unknown as { new (): Error };
const DEPTH = 40;
const deleteProperty = Reflect.deleteProperty;
const currentScriptGet = typeof Document === 'function' ? getOwnDescriptor(Document.prototype, 'currentScript')?.get : undefined;
const scriptSrcGet = typeof HTMLScriptElement === 'function' ? getOwnDescriptor(HTMLScriptElement.prototype, 'src')?.get : undefined;
const doc = typeof document === 'object' ? document : undefined;

/** Gives `name` of Error the plain value `value` for a moment; returns how to put back what was there, or null when it cannot. */
function setAside(name: 'stackTraceLimit' | 'prepareStackTrace', value: unknown): (() => void) | null {
  const was = getOwnDescriptor(E, name);
  if (was && 'value' in was && was.value === value) return () => {};
  if (!was && value === undefined) return () => {};
  try {
    if (was && !was.configurable) {
      // non-configurable: only a writable data property's value may change
      if (!('value' in was) || !was.writable) return null;
      defineProperty(E, name, { value });
      return () => defineProperty(E, name, { value: was.value });
    }
    defineProperty(E, name, { value, writable: true, enumerable: was?.enumerable ?? false, configurable: true });
    return () => {
      try {
        if (was) defineProperty(E, name, was);
        else deleteProperty(E, name);
      } catch {
        // the page cannot have changed it in between: nothing runs while we take the stack
      }
    };
  } catch {
    return null;
  }
}

function takeStack(): string | undefined {
  let restoreLimit: (() => void) | null = null;
  let restorePrepare: (() => void) | null = null;
  try {
    restoreLimit = setAside('stackTraceLimit', DEPTH);
    restorePrepare = setAside('prepareStackTrace', undefined);
    const s = new E().stack;
    return typeof s === 'string' ? s : undefined;
  } catch {
    return undefined;
  } finally {
    if (restorePrepare) restorePrepare();
    if (restoreLimit) restoreLimit();
  }
}

/** The external script being evaluated right now, if any (top-level code; a callback has none). */
function runningScript(): string | undefined {
  if (!currentScriptGet || !scriptSrcGet || !doc) return undefined;
  try {
    const s = apply(currentScriptGet, doc, []) as unknown;
    if (!s) return undefined;
    const src = apply(scriptSrcGet, s, []) as unknown;
    return typeof src === 'string' && exec(HTTP_RE, src) ? sliceStr(src, 0, 500) : undefined;
  } catch {
    return undefined; // an SVG script, or no script at all
  }
}

export function callerScript(stack: string | undefined = takeStack()): string | undefined {
  if (stack) {
    const lines = split(stack, '\n');
    for (let i = 1; i < lines.length; i++) {
      const m = exec(URL_RE, lines[i]!);
      if (m?.[1]) return sliceStr(m[1], 0, 500);
    }
  }
  return runningScript();
}
