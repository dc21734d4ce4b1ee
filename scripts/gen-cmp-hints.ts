// Builds src/generated/cmp-hints.json from @duckduckgo/autoconsent's compact rules (MPL-2.0, used
// unmodified): the selectors that tell a consent platform may be on a page (see
// src/observe/consent/hints-build.ts). Run with the tracker index, before builds and tests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCmpHints } from '../src/observe/consent/hints-build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'node_modules/@duckduckgo/autoconsent');
const compact = JSON.parse(readFileSync(join(pkg, 'rules/compact-rules.json'), 'utf8'));
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const hints = buildCmpHints(compact);
const out = join(root, 'src/generated/cmp-hints.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ source: `@duckduckgo/autoconsent@${version}`, ...hints }));
console.error(`cmp hints: ${hints.selectors.length} selectors (${hints.unhinted.length} eval-only rules: ${hints.unhinted.join(', ') || 'none'}) -> ${out}`);
