// `npm run screenshots` (second part): a picture of views.html for the README. Runs `audit views` on
// the fixture shop that prices each kind of customer (tests/fixtures/sites/views-shop.test), served on
// loopback, with the already built extension (.output/chrome-mv3), then photographs the views.html it
// wrote. Writes docs/screenshots/views.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchPlain } from '../src/cli/launch';
import { serveSites } from '../src/cli/site-server';
import { viewsCommand } from '../src/cli/views/command';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Loopback fixture pages only: as root (a container) Chromium runs without its sandbox, explicitly and
// with the launcher's warning (src/cli/launch.ts, sandboxOff); as any other user the sandbox stays on.
if (process.getuid?.() === 0) process.env.CANDOR_NO_SANDBOX ??= '1';
const OUT = join(ROOT, 'docs/screenshots');

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, '.output/chrome-mv3/manifest.json'))) throw new Error('no built extension in .output/chrome-mv3: run `npm run build:chrome` first');
  mkdirSync(OUT, { recursive: true });
  const server = await serveSites({ roots: [join(ROOT, 'tests/fixtures/sites')], projectRoot: ROOT });
  const dir = mkdtempSync(join(tmpdir(), 'candor-views-shot-'));
  try {
    const code = await viewsCommand(
      ['--views', 'returning,mobile,locale=de-DE,from=https://compare.test/kettles', '--out', dir, '--insecure', '--allow-private', '--host-resolver-rules', server.hostResolverRules, '--wait', '1000', '--concurrency', '3', server.url('views-shop.test', '/kettle')],
      { stdout: process.stderr, stderr: process.stderr },
    );
    if (code !== 0) throw new Error(`audit views exited ${code}`);
    const b = await launchPlain({});
    try {
      const page = await b.context.newPage();
      await page.setViewportSize({ width: 1440, height: 1100 });
      await page.goto(pathToFileURL(join(dir, 'views.html')).href);
      await page.screenshot({ path: join(OUT, 'views.png') });
    } finally {
      await b.close();
    }
    process.stderr.write(`wrote ${join(OUT, 'views.png')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
