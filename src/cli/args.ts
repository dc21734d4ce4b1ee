// Argument parsing for `npm run audit` (REPORT.md, "The audit command"). Usage errors exit 2.
import { readFileSync } from 'node:fs';

export interface AuditArgs {
  urls: string[];
  json: boolean;
  out?: string;
  hostResolverRules?: string;
  insecure: boolean;
  profile?: string;
  wait?: number;
  interact: boolean;
  extension?: string;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run audit -- [options] <url>...

Audits each URL with the Candor extension in headless Chromium and prints its transparency report.

  --json                       print a JSON array of SiteReports on stdout (and nothing else there)
  --out DIR                    write DIR/<site>.json and DIR/<site>.html for each site
  --urls FILE                  read URLs from FILE, one a line (besides those given as arguments)
  --host-resolver-rules RULES  passed to Chromium (e.g. "MAP *.shop.test 127.0.0.1")
  --insecure                   accept invalid TLS certificates (staging sites, self-signed test servers)
  --profile DIR                keep a browser profile across runs (a second audit is a returning visitor)
  --wait MS                    settle time after load (default 2500)
  --interact                   active probes: type canary values, open the chat, reject the consent
                               banner, compare the price with a clean visit
  --extension DIR              the built extension to drive (default .output/chrome-mv3)
  -h, --help                   this help

Exit status: 0 all audited · 2 usage error · 3 some URLs failed (the others are still reported)`;

export function parseArgs(argv: string[], readFile: (p: string) => string = (p) => readFileSync(p, 'utf8')): AuditArgs {
  const a: AuditArgs = { urls: [], json: false, insecure: false, interact: false, help: false };
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
      case '-h': case '--help': a.help = true; break;
      case '--out': a.out = take(); break;
      case '--urls': urlFiles.push(take()); break;
      case '--host-resolver-rules': a.hostResolverRules = take(); break;
      case '--profile': a.profile = take(); break;
      case '--extension': a.extension = take(); break;
      case '--wait': {
        const v = take();
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0) throw new UsageError(`--wait takes milliseconds (a number ≥ 0), not "${v}"`);
        a.wait = n;
        break;
      }
      default:
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
  if (!a.help && a.urls.length === 0) throw new UsageError('no URL given');
  return a;
}
