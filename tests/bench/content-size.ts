// content_start_kb: the JS every page and frame parses at document_start (the MAIN-world hooks and
// their relay), minified, as built, summed from the built manifest's content_scripts.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from './figures';

export function contentStartKb(root: string): Result {
  const dir = join(root, '.output/chrome-mv3');
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts?: { run_at?: string; js?: string[] }[] };
  const files = (m.content_scripts ?? []).filter((c) => c.run_at === 'document_start').flatMap((c) => c.js ?? []);
  const sizes = files.map((f) => [f, statSync(join(dir, f)).size] as const);
  const total = sizes.reduce((a, [, b]) => a + b, 0);
  return {
    name: 'content_start_kb',
    value: Math.round(total / 10) / 100,
    baseline: 'document_start content scripts of the Chromium build, minified bytes / 1000',
    notes: sizes.map(([f, b]) => `${f}: ${b} B`),
  };
}
