// The store listings take screenshots of exactly 1280×800 (Chrome Web Store; addons.mozilla.org shows
// them as given): the ones `npm run screenshots` writes for them must be that size, and present.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '../../docs/screenshots');

/** width and height from a PNG's IHDR chunk */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('store screenshots', () => {
  for (const name of ['store-1.png', 'store-2.png']) {
    it(`${name} is 1280×800`, () => {
      expect(pngSize(join(DIR, name))).toEqual({ width: 1280, height: 800 });
    });
  }
});
