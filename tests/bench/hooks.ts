// hooks_overhead_ratio: a Chart.js page (real Chart.js, canvas and measureText heavy) rendering 500
// frames, with Candor's MAIN-world hooks (whatever the built extension installs) vs without the
// extension. Runs alternate between the two browsers; the figure is the ratio of the medians.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Pair } from './browsers';
import type { Result } from './figures';
import { interleave, log, median, round } from './stats';

const FRAMES = 500;

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction('typeof window.renderFrames === "function"');
  await page.evaluate('window.renderFrames(40)'); // JIT and font caches warm on both sides
  return page;
}

export async function benchHooks(pair: Pair, root: string, quick: boolean): Promise<Result> {
  const url = pair.server.url('charts.bench.test', '/');
  const runs = quick ? 4 : 10;
  log(`hooks: Chart.js page, ${runs} alternating runs of ${FRAMES} frames`);
  const withExt = await open(pair.ext.context, url);
  const without = await open(pair.plain.context, url);
  const run = (p: Page) => () => p.evaluate(`window.renderFrames(${FRAMES})`) as Promise<number>;
  const r = await interleave(runs, run(withExt), run(without));
  await withExt.close();
  await without.close();
  const a = median(r.a);
  const b = median(r.b);
  // each run is compared with the run next to it in time: load from other processes drifts
  const pairRatio = median(r.a.map((x, i) => x / r.b[i]!));
  const hooksKb = round(statSync(join(root, '.output/chrome-mv3/content-scripts/page-hooks.js')).size / 1024, 1);
  return {
    name: 'hooks_overhead_ratio',
    value: round(pairRatio),
    baseline: `same Chart.js page in the same Chromium without the extension; median over ${runs} adjacent with/without pairs of ${FRAMES}-frame runs`,
    notes: [`runs with: ${r.a.map((x) => Math.round(x)).join(' ')}; without: ${r.b.map((x) => Math.round(x)).join(' ')}`, `${round(a, 1)} ms with ÷ ${round(b, 1)} ms without = ${round(a / b, 3)} as a ratio of medians (${round(a / FRAMES, 2)} vs ${round(b / FRAMES, 2)} ms a frame); built MAIN-world hooks script: ${hooksKb} kB`],
  };
}
