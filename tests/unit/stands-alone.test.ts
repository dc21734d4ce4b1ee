// The project stands alone: what users and contributors need is in the README and docs/, so no file
// points outside the repository or to a tracker's issue numbers, which a reader of a clone cannot see.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const DIRS = ['src', 'entrypoints', 'tests', 'scripts', 'seeds', 'docs', 'public'];
const FILES = ['README.md', 'wxt.config.ts', 'package.json', 'PRIVACY.md'];
const SKIP = new Set(['node_modules', 'generated', '.output', '.wxt']);
const TEXT = /\.(ts|tsx|js|mjs|json|md|html|css|tpl|txt)$/;

function walk(dir: string, out: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    if (SKIP.has(n)) continue;
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (TEXT.test(n)) out.push(p);
  }
  return out;
}

const files = [...DIRS.flatMap((d) => walk(join(ROOT, d), [])), ...FILES.map((f) => join(ROOT, f))].filter((f) => {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
});
// built from pieces so this file does not match itself
const OUTSIDE = new RegExp(['\\.\\./', 'shared', '/'].join(''));
const ISSUE = new RegExp(['\\bissues?', ' #?\\d+\\b'].join(''), 'i');

describe('the project stands alone', () => {
  it('has files to check', () => expect(files.length).toBeGreaterThan(100));
  it('no file links outside the repository', () => {
    const bad = files.filter((f) => OUTSIDE.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(bad).toEqual([]);
  });
  it('no file names an issue number', () => {
    const bad = files
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((l, i) => [f, i + 1, l] as const))
      .filter(([, , l]) => ISSUE.test(l))
      .map(([f, i, l]) => `${relative(ROOT, f)}:${i}: ${l.trim().slice(0, 120)}`);
    expect(bad).toEqual([]);
  });
});
