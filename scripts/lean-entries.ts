// WXT wraps every content script and unlisted script in an entry module that logs a crash through
// its own console wrapper before rethrowing it. In a production build that wrapper prints nothing
// (its `print` returns at once), yet its code and messages ship in every script — about 250 bytes
// in each of the two scripts that run on every page at document_start, which share a 20 kB budget
// (tests/e2e/content-bundles.spec.ts). This plugin gives those entries the same behaviour without
// the silent logger: plugins are initialised, `main` runs, and an error still rejects or throws as
// before. Dev builds (`wxt` serve) keep WXT's own entries, whose logger does print there.

/** The few plugin fields used (typed here: the project's vite and WXT's own vite differ in version). */
interface EntryPlugin {
  name: string;
  apply: 'build';
  enforce: 'pre';
  load(id: string): string | undefined;
}

const ENTRIES: Record<string, (input: string) => string> = {
  'content-script-main-world-entrypoint': (input) =>
    [
      `import definition from ${JSON.stringify(input)};`,
      'import { initPlugins } from "virtual:wxt-plugins";',
      'const result = (async () => { initPlugins(); return await definition.main(); })();',
      'export { result as default };',
    ].join('\n'),
  'unlisted-script-entrypoint': (input) =>
    [
      `import definition from ${JSON.stringify(input)};`,
      'import { initPlugins } from "virtual:wxt-plugins";',
      'const result = (() => { initPlugins(); return definition.main(); })();',
      'export { result as default };',
    ].join('\n'),
};

/**
 * The replacement for a WXT entry module: WXT resolves `virtual:wxt-<name>?<entrypoint file>` to
 * `\0virtual:wxt-<name>?<file>` and loads dist/virtual/<name>.mjs with the file put in.
 */
export function leanEntryFor(id: string): string | undefined {
  const m = /^\0virtual:wxt-([a-z-]+)\?(.+)$/.exec(id);
  const make = m ? ENTRIES[m[1]!] : undefined;
  return make ? make(m![2]!) : undefined;
}

export function leanEntries(): EntryPlugin {
  return {
    name: 'candor:lean-entries',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      return leanEntryFor(id);
    },
  };
}
