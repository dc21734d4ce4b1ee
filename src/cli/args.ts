// Argument parsing for `npm run audit` (docs/report.md, "The audit command"). Usage errors exit 2.
// The flags of docs/report.md keep their meaning; everything else here is additive.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { BROWSERS, type BrowserName } from './driver';
import { PROBES } from './probes';
import { parseShard, type Shard } from './shard';

export interface AuditArgs {
  urls: string[];
  json: boolean;
  out?: string;
  hostResolverRules?: string;
  insecure: boolean;
  profile?: string;
  wait?: number;
  interact: boolean;
  /** which browser drives the extension (--browser, default chromium) */
  browser: BrowserName;
  extension?: string;
  help: boolean;
  /** parallel browsers; undefined = chosen from the core count (see defaultConcurrency) */
  concurrency?: number;
  /** same-site links to follow after each URL's page */
  pages: number;
  /** page-load time limit per page, ms */
  timeout?: number;
  /** further attempts for a URL that failed for a reason that may pass */
  retries: number;
  /** with --out: audit again what the directory already holds */
  force: boolean;
  shard?: Shard;
  /** probe names switched off with --no-probe-<name> */
  disabledProbes: string[];
  /** progress display: auto (bar on a TTY, lines otherwise) or none */
  progress: boolean;
  /** follow pages to loopback, private and link-local addresses (--allow-private) */
  allowPrivate: boolean;
  /** run Chromium without its sandbox (--no-sandbox): the explicit opt-out for root in a container */
  noSandbox: boolean;
}

export class UsageError extends Error {}

export const DEFAULT_RETRIES = 1;

/** One Chromium per two cores (a loaded page keeps about one core busy), at least 1, at most 8. */
export function defaultConcurrency(cores = availableParallelism()): number {
  return Math.max(1, Math.min(8, Math.floor(cores / 2)));
}

export function usage(probeNames: readonly { name: string; description: string }[] = PROBES): string {
  const probes = probeNames.length
    ? probeNames.map((p) => `  --no-probe-${p.name.padEnd(20)} ${p.description}`).join('\n')
    : '  (no probe is registered in this build)';
  return `Usage: npm run audit -- [options] <url>...
       npm run audit -- diff A.json B.json [--json]
       npm run audit -- merge a.jsonl b.jsonl ... --out DIR
       npm run audit -- views [--views LIST] [--out DIR] [--json] [options] <url>...

Audits each URL with the Candor extension in headless Chromium (or Firefox) and prints its
transparency report.

  --json                       print a JSON array of SiteReports on stdout (and nothing else there)
  --out DIR                    write DIR/<site>.json and DIR/<site>.html for each site, plus
                               DIR/reports.jsonl, DIR/findings.csv and DIR/index.html; a second run
                               with the same DIR skips what is already there (resume)
  --force                      with --out: audit every URL again, even those already in DIR
  --urls FILE                  read URLs from FILE, one a line (besides those given as arguments)
  --host-resolver-rules RULES  passed to Chromium (e.g. "MAP *.shop.test 127.0.0.1"); Firefox gets the
                               same mapping through a local proxy
  --insecure                   accept invalid TLS certificates (staging sites, self-signed test servers)
  --allow-private              follow pages to loopback, private and link-local addresses (127.0.0.1,
                               10.x, 192.168.x, 169.254.x …): staging and test sites. Without it a page
                               (or a redirect, or the page's own navigation) that leads there is refused
  --no-sandbox                 run Chromium without its sandbox, with a warning (only for root, e.g. in a
                               container you cannot change; better: run as an unprivileged user, README);
                               CANDOR_NO_SANDBOX=1 does the same
  --profile DIR                keep a browser profile across runs (a second audit is a returning visitor)
  --wait MS                    settle time after load (default 2500)
  --concurrency N              browsers in parallel, each with its own profile (default ${defaultConcurrency()}
                               here: one per two cores). URLs of the same site always share a browser,
                               in the order given, so a URL given twice is still a revisit
  --pages N                    also visit N same-site links from each URL's page (default 0) and report
                               the site over all of them
  --timeout MS                 time limit for loading each page (default 30000)
  --retries N                  try a failed URL again N more times (default ${DEFAULT_RETRIES}; not for unknown hosts,
                               invalid URLs or HTTP errors)
  --shard I/N                  audit only shard I of N (1 ≤ I ≤ N): a deterministic share of the list
                               by a stable hash of each URL's site; the N shards partition the list
  --no-progress                no progress display on stderr
  --interact                   active probes: type canary values, open the chat, reject the consent
                               banner, compare the price with a clean visit
${probes}
  --browser chromium|firefox   which browser drives the extension (default chromium). Firefox: FIREFOX_PATH,
                               else /usr/bin/firefox-esr (Debian/Ubuntu: sudo apt-get install -y firefox-esr)
  --extension DIR              the built extension to drive (default .output/chrome-mv3, or
                               .output/firefox-mv2 with --browser firefox)
  -V, --version                the version (as in each report's tool.version)
  -h, --help                   this help

The same commands run as \`npx candor audit …\`, \`npx candor views|diff|merge …\` from a checkout. For
JSON on stdout use \`npm run -s audit\` or \`npx candor\`: without -s npm prints its banner there too.

Subcommands (each has --help):
  diff A.json B.json [--json]  what changed between two reports of a site (trackers, disclosures,
                               grade and scores, prices); exit 0, or 2 when a file cannot be read
  merge FILE.jsonl... --out DIR  merge the reports.jsonl of several shards into one --out directory
  views [--views LIST] URL...  the page as each kind of customer sees it (new, returning, gpc, rejected,
                               accepted, locale=xx-YY, mobile, cookies=FILE, from=URL) and every
                               difference with its evidence; \`views --help\` for more

Exit status: 0 all audited · 2 usage error · 3 some URLs failed (the others are still reported)`;
}

export const USAGE = usage();

function count(flag: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} takes a whole number ≥ ${min}, not "${v}"`);
  return n;
}

export function parseArgs(
  argv: string[],
  readFile: (p: string) => string = (p) => readFileSync(p, 'utf8'),
  probeNames: readonly string[] = PROBES.map((p) => p.name),
): AuditArgs {
  const a: AuditArgs = { urls: [], json: false, insecure: false, interact: false, browser: 'chromium', help: false, pages: 0, retries: DEFAULT_RETRIES, force: false, disabledProbes: [], progress: true, allowPrivate: false, noSandbox: false };
  const urlFiles: string[] = [];
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const take = (): string => (inline !== undefined ? inline : value(i++, flag));
    switch (flag) {
      case '--json': a.json = true; break;
      case '--insecure': a.insecure = true; break;
      case '--interact': a.interact = true; break;
      case '--force': a.force = true; break;
      case '--no-progress': a.progress = false; break;
      case '--allow-private': a.allowPrivate = true; break;
      case '--no-sandbox': a.noSandbox = true; break;
      case '-h': case '--help': a.help = true; break;
      case '--out': a.out = take(); break;
      case '--urls': urlFiles.push(take()); break;
      case '--host-resolver-rules': a.hostResolverRules = take(); break;
      case '--profile': a.profile = take(); break;
      case '--extension': a.extension = take(); break;
      case '--browser': {
        const v = take();
        if (!(BROWSERS as readonly string[]).includes(v)) throw new UsageError(`--browser takes ${BROWSERS.join(' or ')}, not "${v}"`);
        a.browser = v as BrowserName;
        break;
      }
      case '--concurrency': a.concurrency = count(flag, take(), 1); break;
      case '--pages': a.pages = count(flag, take(), 0); break;
      case '--retries': a.retries = count(flag, take(), 0); break;
      case '--timeout': a.timeout = count(flag, take(), 1); break;
      case '--shard': {
        const v = take();
        const s = parseShard(v);
        if (!s) throw new UsageError(`--shard takes I/N with 1 ≤ I ≤ N (e.g. 2/4), not "${v}"`);
        a.shard = s;
        break;
      }
      case '--wait': {
        const v = take();
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) throw new UsageError(`--wait takes milliseconds (a number ≥ 0), not "${v}"`);
        a.wait = n;
        break;
      }
      default:
        if (flag.startsWith('--no-probe-')) {
          const name = flag.slice('--no-probe-'.length);
          if (!probeNames.includes(name)) {
            throw new UsageError(`unknown probe "${name}" in ${arg} (probes: ${probeNames.join(', ') || 'none registered'})`);
          }
          a.disabledProbes.push(name);
          break;
        }
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        a.urls.push(arg);
    }
  }
  for (const f of urlFiles) {
    let text: string;
    try {
      text = readFile(f);
    } catch (e) {
      throw new UsageError(`cannot read --urls file ${f}: ${(e as Error).message}`);
    }
    for (const line of text.split(/\r?\n/)) {
      const t = line.trim();
      if (t && !t.startsWith('#')) a.urls.push(t);
    }
  }
  if (a.force && !a.out) throw new UsageError('--force only makes sense with --out DIR');
  if (!a.help && a.urls.length === 0) throw new UsageError('no URL given');
  return a;
}
