// Compares a built manifest with tests/permissions.allowlist.json. A permission is a promise to the
// user: adding or dropping one must be visible in review, so the allowlist changes in the same commit
// (Ghostery's scripts/check-permissions.js does the same). Also checks the extension pages' CSP.
// Usage: tsx scripts/check-permissions.ts [.output]   (exit 1 and a list of problems on drift)
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Allowlist = Record<string, Record<'permissions' | 'host_permissions' | 'optional_permissions' | 'optional_host_permissions', Record<string, string>>>;

interface ManifestLike {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: string | { extension_pages?: string; sandbox?: string };
  externally_connectable?: unknown;
  web_accessible_resources?: unknown;
  sandbox?: unknown;
}

const FIELDS = ['permissions', 'host_permissions', 'optional_permissions', 'optional_host_permissions'] as const;

/** Problems with one built manifest against its allowlist entry (empty when they agree). */
export function permissionProblems(target: string, manifest: ManifestLike, allow: Allowlist): string[] {
  const entry = allow[target];
  if (!entry) return [`${target}: no entry in tests/permissions.allowlist.json`];
  const out: string[] = [];
  for (const field of FIELDS) {
    const have = new Set(manifest[field] ?? []);
    const allowed = new Set(Object.keys(entry[field] ?? {}));
    for (const p of have) if (!allowed.has(p)) out.push(`${target}: ${field} "${p}" is not in the allowlist (add it with the reason a user would accept)`);
    for (const p of allowed) if (!have.has(p)) out.push(`${target}: ${field} "${p}" is in the allowlist but the manifest no longer asks for it (remove it)`);
  }
  return out;
}

/** A strict CSP for extension pages: scripts only from the package itself, no eval, no inline code. */
export function cspProblems(target: string, manifest: ManifestLike): string[] {
  const raw = manifest.content_security_policy;
  const csp = typeof raw === 'string' ? raw : raw?.extension_pages;
  const out: string[] = [];
  if (!csp) return [`${target}: no content_security_policy for extension pages`];
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values] as const),
  );
  const scriptSrc = directives.get('script-src');
  if (!scriptSrc) out.push(`${target}: CSP has no script-src`);
  else if (scriptSrc.join(' ') !== "'self'") out.push(`${target}: script-src must be exactly 'self' (is: ${scriptSrc.join(' ')})`);
  const objectSrc = directives.get('object-src');
  if (!objectSrc || !objectSrc.every((v) => v === "'self'" || v === "'none'")) out.push(`${target}: object-src must be 'self' or 'none'`);
  if (/unsafe-(eval|inline|hashes)|wasm-unsafe-eval|https?:|\*/i.test(csp)) out.push(`${target}: CSP allows eval, inline code or remote sources: ${csp}`);
  if (manifest.externally_connectable) out.push(`${target}: externally_connectable lets web pages message the extension`);
  if (manifest.web_accessible_resources) out.push(`${target}: web_accessible_resources exposes extension files to pages (and fingerprints the user)`);
  if (manifest.sandbox) out.push(`${target}: sandbox pages run with a looser CSP`);
  return out;
}

export function checkBuild(outputDir: string, allow: Allowlist): string[] {
  const problems: string[] = [];
  for (const target of Object.keys(allow).filter((k) => !k.startsWith('$'))) {
    const file = join(outputDir, target, 'manifest.json');
    if (!existsSync(file)) {
      problems.push(`${target}: ${file} not built (run npm run build)`);
      continue;
    }
    const m = JSON.parse(readFileSync(file, 'utf8')) as ManifestLike;
    problems.push(...permissionProblems(target, m, allow), ...cspProblems(target, m));
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  const root = resolve(import.meta.dirname ?? '.', '..');
  const allow = JSON.parse(readFileSync(join(root, 'tests/permissions.allowlist.json'), 'utf8')) as Allowlist;
  const problems = checkBuild(resolve(process.argv[2] ?? join(root, '.output')), allow);
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
}
