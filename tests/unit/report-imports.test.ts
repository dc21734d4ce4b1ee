// A report is one pure function of stored facts: src/report/ judges nothing itself, so it imports
// nothing from the detectors or the background (which is also what keeps the detectors out of the
// popup). Reads every import of every file under src/report/, type-only imports included.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

const SRC = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

/** every module specifier a file imports or re-exports (static and dynamic) */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

const FORBIDDEN = ['detectors', 'background'].map((d) => join(SRC, d));

describe('the report builder imports only stored facts', () => {
  it('reads imports the way the bundler does', () => {
    expect(importsOf(`import type { A } from '../detectors/types';\nimport x from "../background/merge";\nconst y = import('../detectors');`)).toEqual([
      '../detectors/types',
      '../background/merge',
      '../detectors',
    ]);
  });

  const files = filesUnder(join(SRC, 'report'));
  it('finds the report files', () => expect(files.length).toBeGreaterThan(5));

  it('no file under src/report/ imports from src/detectors/ or src/background/', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const spec of importsOf(readFileSync(f, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(f), spec);
        if (FORBIDDEN.some((d) => target === d || target.startsWith(d + '/'))) bad.push(`${relative(ROOT, f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
