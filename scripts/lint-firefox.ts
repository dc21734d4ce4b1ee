// `npm run lint:firefox`: web-ext lint of the Firefox package with addons.mozilla.org's listing checks,
// failing on any error and on any warning that is not justified below. A justified warning is matched
// by code and file, and its count is pinned, so a new instance of the same warning fails too. The
// folder linted must be exactly what the store package (`npm run package`) holds.
// Usage: tsx scripts/lint-firefox.ts [dir]   (exit 1 with the reasons)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Message {
  code: string;
  message: string;
  file?: string;
}

interface Justified {
  code: string;
  file: RegExp;
  count: number;
  why: string;
}

export const JUSTIFIED: readonly Justified[] = [
  {
    // React's DOM renderer assigns innerHTML in two places: for `dangerouslySetInnerHTML` and to create
    // a <script> element in a detached <div>. Candor never passes dangerouslySetInnerHTML (checked by
    // noInnerHtmlInSources below) and renders no <script>, so no page text ever reaches innerHTML.
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/report-[\w-]+\.js$/,
    count: 2,
    why: "react-dom's own dangerouslySetInnerHTML and <script> creation, never used by Candor",
  },
];

/** Candor's own sources never write HTML into the DOM (the premise of the justification above). */
export function noInnerHtmlInSources(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(name)) {
        const text = readFileSync(p, 'utf8');
        if (/dangerouslySetInnerHTML|\.innerHTML\s*=(?!=)|\.outerHTML\s*=(?!=)|insertAdjacentHTML\(/.test(text)) out.push(p);
      }
    }
  };
  for (const d of ['src', 'entrypoints']) walk(join(root, d));
  return out;
}

/** The file names in a zip archive (its central directory), without unpacking it. */
export function zipEntries(buf: Buffer): string[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('a broken zip central directory');
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names.filter((x) => !x.endsWith('/')).sort();
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
}

/** The problems with a lint result: errors, and warnings not justified (or more of them than justified). */
export function lintProblems(result: { errors: Message[]; warnings: Message[] }, justified: readonly Justified[] = JUSTIFIED): string[] {
  const problems = result.errors.map((e) => `error ${e.code}: ${e.message}${e.file ? ` (${e.file})` : ''}`);
  const counts = new Map<Justified, number>();
  for (const w of result.warnings) {
    const j = justified.find((x) => x.code === w.code && x.file.test(w.file ?? ''));
    if (!j) problems.push(`warning ${w.code}: ${w.message}${w.file ? ` (${w.file})` : ''} — fix it, or justify it in scripts/lint-firefox.ts`);
    else counts.set(j, (counts.get(j) ?? 0) + 1);
  }
  for (const [j, n] of counts) if (n > j.count) problems.push(`warning ${j.code}: ${n} in ${j.file}, ${j.count} justified (${j.why}): a new one appeared`);
  return problems;
}

function main(): number {
  const root = resolve(import.meta.dirname, '..');
  const dir = resolve(process.argv[2] ?? join(root, '.output/firefox-mv2'));
  let json: string;
  try {
    json = execFileSync(join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', maxBuffer: 20e6 });
  } catch (e) {
    // web-ext exits 1 when there are errors, with the report on stdout
    json = (e as { stdout?: string }).stdout ?? '';
    if (!json) throw e;
  }
  const result = JSON.parse(json) as { errors: Message[]; warnings: Message[]; notices: Message[] };
  const problems = [...lintProblems(result), ...noInnerHtmlInSources(root).map((f) => `${f} writes HTML into the DOM: the innerHTML justification no longer holds`)];
  if (!process.argv[2]) {
    // the store package must hold exactly the folder that was linted
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    const zip = join(root, `.output/candor-${version}-firefox.zip`);
    if (!existsSync(zip)) problems.push(`no store package at ${zip}: run \`npm run package\``);
    else if (zipEntries(readFileSync(zip)).join('\n') !== filesUnder(dir).sort().join('\n')) problems.push(`${zip} does not hold what ${dir} holds: run \`npm run package\` again`);
  }
  for (const n of result.notices) process.stdout.write(`notice ${n.code}: ${n.message}\n`);
  if (problems.length) {
    process.stderr.write(`web-ext lint of ${dir}:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`web-ext lint of ${dir}: 0 errors, ${result.warnings.length} warnings, all justified (scripts/lint-firefox.ts)\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) process.exit(main());
