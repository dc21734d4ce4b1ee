// The audit visits pages that may be hostile, often from a CI runner or a cloud VM. Such a page must
// not be able to point the audit browser at the machine's own network: the cloud metadata endpoint
// (169.254.169.254, fd00:ec2::254) hands out credentials to a plain GET, and loopback or private
// addresses reach services that trust "local" callers — whose answers would then be printed in the
// report. So, unless --allow-private is given, every page the audit follows (the URL given, each
// redirect hop, a navigation the page itself starts, the links --pages follows) is refused when its
// host is, or resolves to, a loopback, private, link-local or unspecified address.
//
// A host is checked as the browser would connect: literal addresses as they are (the URL parser has
// already turned 2130706433 or 0x7f.1 into 127.0.0.1), `localhost` and `*.localhost` as loopback,
// hosts that --host-resolver-rules maps by their rule's target, the rest by a DNS lookup (every
// address it returns). A DNS answer can change between our lookup and the browser's (rebinding), so
// the audit also checks the address the browser actually connected to where the browser reports it.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { type HostRule, parseHostRules, resolveHost } from './firefox/host-rules';

export type AddressKind = 'loopback' | 'private' | 'link-local' | 'unspecified';

const ranges: [AddressKind, string, number, 'ipv4' | 'ipv6'][] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'], // "this network": 0.0.0.0 reaches the host's own services
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'], // carrier-grade NAT, also used inside clouds
  ['link-local', '169.254.0.0', 16, 'ipv4'], // the cloud metadata endpoint lives here
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'], // unique local, fd00:ec2::254 included
  ['link-local', 'fe80::', 10, 'ipv6'],
];
const lists = new Map<AddressKind, BlockList>();
for (const [kind, net, prefix, type] of ranges) {
  const l = lists.get(kind) ?? new BlockList();
  l.addSubnet(net, prefix, type);
  lists.set(kind, l);
}

/** What kind of non-public address `ip` is, or null for a public one (or no address at all). */
export function addressKind(ip: string): AddressKind | null {
  let a = ip.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/) ?? a.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (mapped) a = mapped.length === 3 ? v4FromHex(mapped[1]!, mapped[2]!) : mapped[1]!;
  const type = isIP(a);
  if (!type) return null;
  for (const [kind, list] of lists) if (list.check(a, type === 4 ? 'ipv4' : 'ipv6')) return kind;
  return null;
}

function v4FromHex(hi: string, lo: string): string {
  const h = parseInt(hi, 16);
  const l = parseInt(lo, 16);
  return [h >> 8, h & 255, l >> 8, l & 255].join('.');
}

export interface PrivateHit {
  url: string;
  host: string;
  address: string;
  kind: AddressKind;
}

/** Every address a host name resolves to (empty when it does not resolve). */
export type Lookup = (host: string) => Promise<string[]>;

const systemLookup: Lookup = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * A checker for the URLs the audit is about to follow: the hit when the URL's host is not public,
 * else null (public hosts, non-network URLs such as about:blank or data:, hosts that do not resolve:
 * the browser fails those by itself).
 */
export function privateAddressCheck(o: { hostResolverRules?: string; lookup?: Lookup } = {}): (url: string) => Promise<PrivateHit | null> {
  const rules: HostRule[] = o.hostResolverRules ? parseHostRules(o.hostResolverRules) : [];
  const lookup = o.lookup ?? systemLookup;
  const cache = new Map<string, Promise<{ address: string; kind: AddressKind } | null>>();
  const classify = async (host: string): Promise<{ address: string; kind: AddressKind } | null> => {
    if (host === 'localhost' || host.endsWith('.localhost')) return { address: host, kind: 'loopback' };
    const direct = addressKind(host);
    if (direct) return { address: host.replace(/^\[|\]$/g, ''), kind: direct };
    if (isIP(host.replace(/^\[|\]$/g, ''))) return null;
    const rule = resolveHost(rules, host);
    if (rule === 'notfound') return null;
    const target = rule ? rule.host : host;
    if (rule && isIP(target)) {
      const k = addressKind(target);
      return k ? { address: target, kind: k } : null;
    }
    if (rule && (target === 'localhost' || target.endsWith('.localhost'))) return { address: target, kind: 'loopback' };
    const addresses = await lookup(target).catch(() => [] as string[]);
    for (const a of addresses) {
      const k = addressKind(a);
      if (k) return { address: a, kind: k };
    }
    return null;
  };
  return async (url: string) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ws:' && u.protocol !== 'wss:') return null;
    const host = u.hostname.toLowerCase();
    let p = cache.get(host);
    if (!p) cache.set(host, (p = classify(host)));
    const hit = await p;
    return hit ? { url: u.href, host, ...hit } : null;
  };
}

const KIND_WORDS: Record<AddressKind, string> = {
  loopback: 'a loopback address (this machine)',
  private: 'a private network address',
  'link-local': 'a link-local address (where cloud metadata endpoints answer)',
  unspecified: 'an unspecified address (this machine)',
};

/** The plain-words error for a refused page. */
export function refusal(hit: PrivateHit): string {
  const where = hit.address === hit.host.replace(/^\[|\]$/g, '') ? `${hit.host} is` : `${hit.host} resolves to ${hit.address}, which is`;
  return `refused to follow the page to ${hit.url.slice(0, 300)}: ${where} ${KIND_WORDS[hit.kind]}; audits stay on public addresses unless --allow-private is given`;
}
