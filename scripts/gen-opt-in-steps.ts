// Builds src/generated/autoconsent-opt-in.json from @duckduckgo/autoconsent's full rules (MPL-2.0, used
// unmodified): each rule's opt-in steps by CMP name. The compact rules the content script runs carry
// the opt-out only; the audit's `accepted` customer view hands the opt-in steps of the one CMP found
// on the page to it when it asks the background to accept a banner (src/background/handlers/consent.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'node_modules/@duckduckgo/autoconsent');
const rules = JSON.parse(readFileSync(join(pkg, 'rules/rules.json'), 'utf8')) as { autoconsent: { name: string; optIn?: unknown[] }[] };
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const steps: Record<string, unknown[]> = {};
for (const r of rules.autoconsent) if (Array.isArray(r.optIn) && r.optIn.length) steps[r.name] = r.optIn;
const out = join(root, 'src/generated/autoconsent-opt-in.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ source: `@duckduckgo/autoconsent@${version}`, steps }));
console.error(`autoconsent opt-in steps: ${Object.keys(steps).length} of ${rules.autoconsent.length} rules -> ${out}`);
