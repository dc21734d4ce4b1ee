// popup_js_kb, and what the popup loads: popup.html's scripts and module preloads, then every chunk
// those import (statically or dynamically), as built in .output/chrome-mv3 (minified). The source
// modules in each chunk come from the build's chunk list (scripts/chunk-list.ts).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

export interface PopupJs {
  /** chunk files the popup loads, relative to the output folder */
  files: string[];
  bytes: number;
  /** the source modules in those chunks, relative to the project */
  modules: string[];
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g;

export function popupJs(outDir: string): PopupJs {
  const html = readFileSync(join(outDir, 'popup.html'), 'utf8');
  const queue = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  if (queue.length === 0) throw new Error(`${outDir}/popup.html loads no script`);
  const seen = new Set<string>();
  while (queue.length) {
    const f = posix.normalize(queue.shift()!);
    if (seen.has(f)) continue;
    seen.add(f);
    const text = readFileSync(join(outDir, f), 'utf8');
    for (const m of text.matchAll(IMPORT)) queue.push(posix.join(posix.dirname(f), m[1]!));
  }
  const files = [...seen].sort();
  const listFile = `${outDir}.chunks.json`;
  const list = existsSync(listFile) ? (JSON.parse(readFileSync(listFile, 'utf8')) as { chunks: Record<string, string[]> }).chunks : {};
  const modules = [...new Set(files.flatMap((f) => list[f] ?? []))].sort();
  return { files, bytes: files.reduce((n, f) => n + statSync(join(outDir, f)).size, 0), modules };
}

/** Source modules that judge observations: they belong in the worker, never in the popup. */
export function judgingModules(modules: readonly string[]): string[] {
  return modules.filter((m) => /^(src\/(detectors|catalog|background|observe|generated)\/|seeds\/|node_modules\/(tldts|third-party-web|@duckduckgo\/autoconsent)\/)/.test(m));
}
