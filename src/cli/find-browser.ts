// Which Chromium to drive: CHROMIUM_PATH, then Playwright's own download, then Debian's /usr/bin/chromium.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export class NoBrowserError extends Error {}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const tried: string[] = [];
  if (env.CHROMIUM_PATH) {
    if (existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    tried.push(`CHROMIUM_PATH=${env.CHROMIUM_PATH} (no such file)`);
  }
  try {
    const p = chromium.executablePath();
    if (p && existsSync(p)) return p;
    tried.push(`Playwright's browser (${p}: not installed)`);
  } catch {
    tried.push("Playwright's browser (none)");
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(p)) return p;
    tried.push(p);
  }
  throw new NoBrowserError(
    `No Chromium found. Tried: ${tried.join('; ')}.\n` +
      `Install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  );
}

/** "chromium 156" from the binary's --version, for the report's tool.browser. */
export function browserVersion(exe: string): { label: string; major: number } {
  try {
    const out = execFileSync(exe, ['--version'], { encoding: 'utf8', timeout: 15000, stdio: ['ignore', 'pipe', 'ignore'] });
    const m = out.match(/(Chromium|Chrome)[^\d]*(\d+)\.(\d+)/i);
    if (m) return { label: `${m[1]!.toLowerCase().includes('chrome') && !/chromium/i.test(m[1]!) ? 'chrome' : 'chromium'} ${m[2]}`, major: Number(m[2]) };
  } catch {
    // fall through
  }
  return { label: 'chromium', major: 0 };
}
