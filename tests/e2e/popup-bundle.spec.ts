// What the popup loads, read from the build (.output/chrome-mv3 and its chunk list): the report is
// built from stored facts, so no detector, catalog or background module may be in the popup's entry
// or its chunks, and the whole stays under 250 kB minified.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgingModules, popupJs } from '../bench/popup-js';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../../.output/chrome-mv3');

test('the popup carries no detector, catalog or worker module, and under 250 kB of JS', () => {
  const p = popupJs(OUT);
  expect(p.files.length).toBeGreaterThan(0);
  // the chunk list names the sources in what the popup loads (the report builder among them)
  expect(p.modules).toContain('src/report/build.ts');
  expect(p.modules).toContain('entrypoints/popup/App.tsx');
  expect(judgingModules(p.modules)).toEqual([]);
  expect(p.bytes / 1000).toBeLessThanOrEqual(250);
  // it reads its report with the browser's IndexedDB API: no database library in it
  expect(p.modules).toContain('src/storage/stored.ts');
  expect(p.modules.filter((m) => m.startsWith('node_modules/dexie'))).toEqual([]);
});

test('the check sees a detector where one is bundled (the worker)', () => {
  const bg = judgingModules(Object.values((JSON.parse(readFileSync(`${OUT}.chunks.json`, 'utf8')) as { chunks: Record<string, string[]> }).chunks).flat());
  expect(bg).toContain('src/detectors/trackers.ts');
});
