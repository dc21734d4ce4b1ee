// Builds src/generated/tracker-index.json from third-party-web (MIT) and our catalog (seeds/catalog).
// Run at build time (npm run build): the extension ships the index, never fetches a list.
// Output: { version, entities: [{name, company, category, source}], suffixes: { "host.suffix": entityIndex } }
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTrackerIndex } from '../src/detectors/tracker-index-build';
import { loadCatalogFromDir } from '../src/catalog/load-node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tpw = JSON.parse(readFileSync(join(root, 'node_modules/third-party-web/dist/entities.json'), 'utf8'));
const tpwVersion = JSON.parse(readFileSync(join(root, 'node_modules/third-party-web/package.json'), 'utf8')).version;
const catalog = loadCatalogFromDir(join(root, 'seeds/catalog'));
const index = buildTrackerIndex(tpw, catalog, `third-party-web@${tpwVersion}`);
const out = join(root, 'src/generated/tracker-index.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(index));
console.error(`tracker index: ${index.entities.length} entities, ${Object.keys(index.suffixes).length} host suffixes -> ${out}`);
