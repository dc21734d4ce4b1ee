// Our curated vendor catalog (seeds/catalog/*.json). Vendor knowledge is data, not code (docs/design.md).
// Every entry names its source (the vendor's own documentation or SDK) and when it was checked.
import type { TrackerCategory } from '../model/finding';

/** What a vendor's product does for the site, beyond its tracker category. */
export type CatalogRole =
  | 'tracker'
  | 'session-replay'
  | 'chat'
  | 'ai-chat'
  | 'experiment'
  | 'personalization'
  | 'pricing'
  | 'identity-resolution'
  | 'recommendations'
  | 'retargeting'
  | 'cmp'
  | 'privacy-friendly-analytics';

export interface CatalogEntry {
  /** stable id, kebab-case, unique across the catalog */
  id: string;
  vendor: string;
  company: string;
  category: TrackerCategory;
  roles: CatalogRole[];
  /** host suffixes: "hotjar.com" matches "static.hotjar.com" */
  hosts: string[];
  /** substrings of script/iframe URLs (host + path), for vendors served from shared CDNs */
  scriptPatterns?: string[];
  /** page globals (window.X) the SDK defines */
  globals?: string[];
  /** CSS selectors of the vendor's DOM (launchers, frames, containers) */
  selectors?: string[];
  /** cookie / storage key names or prefixes (a trailing * is a prefix) */
  cookies?: string[];
  /** the product's main mode is an AI agent (chat vendors) */
  aiFirst?: boolean;
  /** free-form, for a person reading the catalog */
  notes?: string;
  /** the vendor's documentation or SDK where the facts were checked */
  source: string;
  /** YYYY-MM-DD */
  checked: string;
}

export interface CatalogFile {
  description: string;
  entries: CatalogEntry[];
}

const ROLES = new Set<CatalogRole>([
  'tracker', 'session-replay', 'chat', 'ai-chat', 'experiment', 'personalization', 'pricing',
  'identity-resolution', 'recommendations', 'retargeting', 'cmp', 'privacy-friendly-analytics',
]);

/** Validates one catalog file; throws with every problem listed (used by tests and the build). */
export function validateCatalogFile(name: string, data: unknown): CatalogFile {
  const problems: string[] = [];
  const file = data as CatalogFile;
  if (!file || typeof file !== 'object' || !Array.isArray(file.entries)) {
    throw new Error(`${name}: expected { description, entries: [] }`);
  }
  file.entries.forEach((e, i) => {
    const at = `${name} entry ${i} (${e?.id ?? '?'})`;
    for (const k of ['id', 'vendor', 'company', 'category', 'source', 'checked'] as const) {
      if (typeof e[k] !== 'string' || !e[k]) problems.push(`${at}: missing ${k}`);
    }
    if (!Array.isArray(e.roles) || e.roles.length === 0 || e.roles.some((r) => !ROLES.has(r))) {
      problems.push(`${at}: roles must be a non-empty list of ${[...ROLES].join(', ')}`);
    }
    if (!Array.isArray(e.hosts)) problems.push(`${at}: hosts must be a list (may be empty)`);
    else if (e.hosts.some((h) => typeof h !== 'string' || h !== h.toLowerCase() || h.includes('/') || h.startsWith('.'))) {
      problems.push(`${at}: hosts must be bare lower-case host suffixes`);
    }
    if (!/^https?:\/\//.test(e.source ?? '')) problems.push(`${at}: source must be a URL`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.checked ?? '')) problems.push(`${at}: checked must be YYYY-MM-DD`);
  });
  if (problems.length) throw new Error(problems.join('\n'));
  return file;
}
