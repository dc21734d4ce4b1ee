// The bundled catalog: every seeds/catalog/*.json. Validated at build time, not in the extension:
// `npm run gen` (before every build and test run) loads the same files through load-node.ts, which
// fails on any malformed entry, so the content script in every frame does not repeat the check.
import type { CatalogEntry, CatalogFile, CatalogRole } from './schema';

const files = import.meta.glob('../../seeds/catalog/*.json', { eager: true, import: 'default' }) as Record<string, CatalogFile>;

export const CATALOG: readonly CatalogEntry[] = Object.entries(files)
  // a plain code-unit order: localeCompare would load ICU's collator in every frame's content
  // script (~15 ms of main-thread time per page load, measured with `npm run bench`), for file names
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .flatMap(([, data]) => data.entries);

export function catalogWithRole(role: CatalogRole, catalog: readonly CatalogEntry[] = CATALOG): CatalogEntry[] {
  return catalog.filter((e) => e.roles.includes(role));
}

export type { CatalogEntry, CatalogRole };
