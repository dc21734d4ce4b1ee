// Which script made this call? The first http(s) URL on the stack that is not ours.
const URL_RE = /(https?:\/\/[^\s)]+?)(?::\d+){0,2}(?:\)|$|\s)/;

export function callerScript(stack: string | undefined = new Error().stack): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split('\n').slice(1)) {
    const m = URL_RE.exec(line);
    if (m?.[1]) return m[1].slice(0, 500);
  }
  return undefined;
}
