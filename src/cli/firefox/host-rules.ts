// Chromium's --host-resolver-rules, understood for Firefox (which has no such switch). The audit takes
// the same flag for both browsers; for Firefox it becomes a PAC script that sends the mapped hosts to a
// local forwarding proxy (rules-proxy.ts), which connects where the rule says — exactly the effect of
// Chromium resolving the host to that address: the page, its URLs and the extension see the real host.
//
// Grammar (the subset of Chromium's that staging and test setups use), rules separated by commas:
//   MAP <pattern> <host-or-ip>[:<port>]   <pattern> is a host name, may contain * (e.g. *.shop.test, *)
//   MAP <pattern> ~NOTFOUND               the host does not resolve
//   EXCLUDE <pattern>                     the host resolves normally even when a later MAP matches
// The first matching rule wins, as in Chromium.

export type HostRule =
  | { kind: 'map'; pattern: string; host: string; port?: number }
  | { kind: 'notfound'; pattern: string }
  | { kind: 'exclude'; pattern: string };

export type RuleTarget = { host: string; port?: number } | 'notfound' | null;

export class HostRulesError extends Error {}

export function parseHostRules(text: string): HostRule[] {
  const rules: HostRule[] = [];
  for (const part of text.split(',')) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const [verb, pattern, target] = words;
    const v = verb!.toUpperCase();
    if (v === 'EXCLUDE' && pattern && words.length === 2) {
      rules.push({ kind: 'exclude', pattern: pattern.toLowerCase() });
      continue;
    }
    if (v !== 'MAP' || !pattern || !target || words.length !== 3) {
      throw new HostRulesError(`cannot read the host rule "${part.trim()}" (expected "MAP pattern target" or "EXCLUDE pattern")`);
    }
    if (target === '~NOTFOUND') {
      rules.push({ kind: 'notfound', pattern: pattern.toLowerCase() });
      continue;
    }
    const m = target.match(/^(\[[0-9a-f:.]+\]|[^:\s]+)(?::(\d{1,5}))?$/i);
    if (!m || (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535))) throw new HostRulesError(`cannot read the target "${target}" of the host rule "${part.trim()}"`);
    rules.push({ kind: 'map', pattern: pattern.toLowerCase(), host: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] === undefined ? undefined : Number(m[2]) });
  }
  return rules;
}

/** Chromium's host pattern: * matches any run of characters (dots included). */
export function hostMatches(pattern: string, host: string): boolean {
  if (!pattern.includes('*')) return pattern === host;
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(host);
}

export function resolveHost(rules: readonly HostRule[], host: string): RuleTarget {
  const h = host.toLowerCase();
  for (const r of rules) {
    if (!hostMatches(r.pattern, h)) continue;
    if (r.kind === 'exclude') return null;
    if (r.kind === 'notfound') return 'notfound';
    return { host: r.host, port: r.port };
  }
  return null;
}

/**
 * The PAC script: hosts a rule maps go to the forwarding proxy, hosts a rule makes unresolvable go to
 * a proxy name that does not resolve (Firefox then fails the request as a DNS failure would), the
 * rest go direct. Loopback never reaches a PAC script in Firefox, as it never needs a rule.
 */
export function pacScript(rules: readonly HostRule[], proxyPort: number): string {
  const data = JSON.stringify(rules.map((r) => [r.kind, r.pattern]));
  return `var RULES = ${data};
function FindProxyForURL(url, host) {
  host = host.toLowerCase();
  for (var i = 0; i < RULES.length; i++) {
    if (!shExpMatch(host, RULES[i][1])) continue;
    if (RULES[i][0] === 'exclude') return 'DIRECT';
    if (RULES[i][0] === 'notfound') return 'PROXY unresolvable.invalid:9';
    return 'PROXY 127.0.0.1:${proxyPort}';
  }
  return 'DIRECT';
}`;
}
