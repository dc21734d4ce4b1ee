// After every build, the list of the chunks it wrote and the source modules in each, beside the
// output folder (`.output/chrome-mv3.chunks.json`, not shipped): tests/e2e/{popup,content}-bundle(s).spec.ts and
// the benchmark's popup_js_kb read it to see what the popup loads.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export interface ChunkList {
  /** chunk file (relative to the output folder) → source modules in it, relative to the project */
  chunks: Record<string, string[]>;
}

interface BuildDone {
  steps: { chunks: ({ type: 'chunk'; fileName: string; moduleIds: string[] } | { type: 'asset'; fileName: string })[] }[];
}

export function writeChunkList(outDir: string, root: string, output: BuildDone): void {
  const chunks: Record<string, string[]> = {};
  for (const step of output.steps) {
    for (const c of step.chunks) {
      if (c.type !== 'chunk') continue;
      chunks[c.fileName] = c.moduleIds.map((m) => relative(root, m.replace(/^\0/, '').split('?')[0]!)).sort();
    }
  }
  writeFileSync(`${outDir}.chunks.json`, JSON.stringify({ chunks } satisfies ChunkList, null, 1));
}
