// Which Firefox to drive: FIREFOX_PATH when set, else Debian's firefox-esr, then a system firefox.
// Playwright's own Firefox build is not used: the audit drives Firefox over WebDriver BiDi
// (puppeteer-core), which needs a stock Firefox, and nothing here downloads a browser.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { NoBrowserError } from '../find-browser';

const HOW = 'Install one (Debian/Ubuntu: sudo apt-get install -y firefox-esr) or set FIREFOX_PATH to a Firefox binary (128 or newer).';

export function findFirefox(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): string {
  // a FIREFOX_PATH that is wrong is a mistake to point out, not a reason to drive another Firefox
  if (env.FIREFOX_PATH) {
    if (exists(env.FIREFOX_PATH)) return env.FIREFOX_PATH;
    throw new NoBrowserError(`No Firefox at FIREFOX_PATH=${env.FIREFOX_PATH} (no such file).\n${HOW}`);
  }
  const tried: string[] = [];
  for (const p of ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox']) {
    if (exists(p)) return p;
    tried.push(p);
  }
  throw new NoBrowserError(`No Firefox found. Tried: ${tried.join('; ')}.\n${HOW}`);
}

/** "firefox 153" from the binary's --version, for the report's tool.browser. */
export function firefoxVersion(exe: string): { label: string; major: number } {
  try {
    const out = execFileSync(exe, ['--version'], { encoding: 'utf8', timeout: 15000, stdio: ['ignore', 'pipe', 'ignore'] });
    const m = out.match(/Firefox[^\d]*(\d+)\./i);
    if (m) return { label: `firefox ${m[1]}`, major: Number(m[1]) };
  } catch {
    // fall through
  }
  return { label: 'firefox', major: 0 };
}
