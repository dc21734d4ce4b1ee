// Node-side catalog loader for build scripts and tests (the extension bundles it via src/catalog/index.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CatalogEntry, validateCatalogFile } from './schema';

export function loadCatalogFromDir(dir: string): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    entries.push(...validateCatalogFile(f, JSON.parse(readFileSync(join(dir, f), 'utf8'))).entries);
  }
  return entries;
}
