// The bundled catalog: every seeds/catalog/*.json, validated once at start-up.
import { type CatalogEntry, type CatalogRole, validateCatalogFile } from './schema';

const files = import.meta.glob('../../seeds/catalog/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export const CATALOG: readonly CatalogEntry[] = Object.entries(files)
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([name, data]) => validateCatalogFile(name, data).entries);

export function catalogWithRole(role: CatalogRole, catalog: readonly CatalogEntry[] = CATALOG): CatalogEntry[] {
  return catalog.filter((e) => e.roles.includes(role));
}

export type { CatalogEntry, CatalogRole };
