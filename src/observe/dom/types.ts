/** compiled patterns by source and flags: a scan a second would otherwise compile the same long
 *  patterns each time, and lose the machine code V8 builds for a pattern it runs often */
const compiled = new Map<string, RegExp>();

/** A kit pattern ([source, flags]) as a RegExp; one that does not compile matches nothing. */
export function re([source, flags]: [string, string]): RegExp {
  const key = `${flags}/${source}`;
  let r = compiled.get(key);
  if (!r) {
    try {
      r = new RegExp(source, flags);
    } catch {
      r = /$^/;
    }
    if (compiled.size < 64) compiled.set(key, r);
  }
  // a global or sticky pattern keeps its place between calls: start each use from the beginning
  r.lastIndex = 0;
  return r;
}
