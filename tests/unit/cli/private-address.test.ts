import { describe, expect, it } from 'vitest';
import { addressKind, privateAddressCheck, refusal } from '../../../src/cli/private-address';

describe('which addresses the audit refuses without --allow-private', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.8.9.10', 'loopback'], ['::1', 'loopback'], ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'],
    ['10.0.0.1', 'private'], ['172.16.0.1', 'private'], ['172.31.255.254', 'private'], ['192.168.1.1', 'private'], ['100.64.0.1', 'private'],
    ['fd00:ec2::254', 'private'], ['fc00::1', 'private'],
    ['169.254.169.254', 'link-local'], ['fe80::1', 'link-local'], ['[fe80::1]', 'link-local'],
    ['0.0.0.0', 'unspecified'], ['::', 'unspecified'],
  ])('%s is %s', (ip, kind) => {
    expect(addressKind(ip)).toBe(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '192.169.0.1', '169.255.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', 'example.com', ''])(
    'named negative: %j is public (or no address)',
    (ip) => {
      expect(addressKind(ip)).toBeNull();
    },
  );
});

describe('the check of a URL the audit is about to follow', () => {
  const lookups: string[] = [];
  const dns: Record<string, string[]> = { 'meta.evil.example': ['93.184.215.14', '169.254.169.254'], 'shop.example': ['93.184.215.14'], 'intranet.example': ['10.1.2.3'] };
  const check = privateAddressCheck({
    hostResolverRules: 'MAP *.shop.test 127.0.0.1, MAP staging.example 93.184.215.14, MAP gone.test ~NOTFOUND, MAP alias.test intranet.example',
    lookup: async (h) => (lookups.push(h), dns[h] ?? []),
  });

  it('refuses literal private addresses in any spelling the URL parser accepts', async () => {
    for (const u of ['http://127.0.0.1:8080/', 'http://2130706433/', 'http://0x7f.0.0.1/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data/', 'https://[::ffff:a9fe:a9fe]/', 'http://0.0.0.0/']) {
      expect(await check(u), u).not.toBeNull();
    }
  });

  it('refuses localhost, hosts the browser maps to loopback, and names whose DNS answer holds a private address', async () => {
    expect((await check('http://localhost:3000/'))?.kind).toBe('loopback');
    expect((await check('http://api.localhost/'))?.kind).toBe('loopback');
    expect((await check('https://www.shop.test/'))).toMatchObject({ address: '127.0.0.1', kind: 'loopback' });
    expect((await check('http://meta.evil.example/'))).toMatchObject({ address: '169.254.169.254', kind: 'link-local' });
    expect((await check('http://alias.test/'))).toMatchObject({ address: '10.1.2.3', kind: 'private' });
  });

  it('named negatives: public hosts, hosts mapped to public addresses, unresolvable hosts, non-network URLs', async () => {
    for (const u of ['https://shop.example/p/1', 'https://staging.example/', 'http://gone.test/', 'http://nowhere.example/', 'about:blank', 'data:text/html,x', 'not a url']) {
      expect(await check(u), u).toBeNull();
    }
    // a host mapped by a rule is not looked up in DNS
    expect(lookups).not.toContain('staging.example');
  });

  it('says what was refused and how to allow it', async () => {
    const hit = (await check('http://meta.evil.example/latest'))!;
    expect(refusal(hit)).toBe(
      'refused to follow the page to http://meta.evil.example/latest: meta.evil.example resolves to 169.254.169.254, which is a link-local address (where cloud metadata endpoints answer); audits stay on public addresses unless --allow-private is given',
    );
  });
});
