// Chromium's --host-resolver-rules, as the Firefox audit follows them (a PAC script + a forwarding
// proxy): the same rule text must send each host where Chromium would.
import { request } from 'node:http';
import { connect } from 'node:net';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hostMatches, HostRulesError, pacScript, parseHostRules, resolveHost } from '../../../src/cli/firefox/host-rules';
import { startRulesProxy } from '../../../src/cli/firefox/rules-proxy';

describe('host rules for Firefox', () => {
  it('reads the rules the fixture server and staging setups write', () => {
    const rules = parseHostRules('MAP shop.test 127.0.0.1:4100, MAP *.tracker.test 10.0.0.5, EXCLUDE api.shop.test, MAP * ~NOTFOUND');
    expect(rules).toEqual([
      { kind: 'map', pattern: 'shop.test', host: '127.0.0.1', port: 4100 },
      { kind: 'map', pattern: '*.tracker.test', host: '10.0.0.5', port: undefined },
      { kind: 'exclude', pattern: 'api.shop.test' },
      { kind: 'notfound', pattern: '*' },
    ]);
  });

  it('sends each host where the first matching rule says, as Chromium does', () => {
    const rules = parseHostRules('EXCLUDE keep.shop.test, MAP *.shop.test 127.0.0.1:4100, MAP shop.test [::1]:4200, MAP * ~NOTFOUND');
    expect(resolveHost(rules, 'www.shop.test')).toEqual({ host: '127.0.0.1', port: 4100 });
    expect(resolveHost(rules, 'WWW.Shop.Test')).toEqual({ host: '127.0.0.1', port: 4100 });
    expect(resolveHost(rules, 'shop.test')).toEqual({ host: '::1', port: 4200 });
    expect(resolveHost(rules, 'keep.shop.test')).toBeNull();
    expect(resolveHost(rules, 'example.com')).toBe('notfound');
    expect(resolveHost(parseHostRules('MAP a.test 127.0.0.1'), 'b.test')).toBeNull();
  });

  it('matches * across labels, and nothing else loosely', () => {
    expect(hostMatches('*.shop.test', 'a.b.shop.test')).toBe(true);
    expect(hostMatches('*.shop.test', 'shop.test')).toBe(false);
    expect(hostMatches('shop.test', 'xshop.test')).toBe(false);
    expect(hostMatches('shop.test', 'shop-test')).toBe(false);
  });

  it.each(['MAP shop.test', 'RESOLVE shop.test 1.2.3.4', 'MAP a b c', 'MAP shop.test 127.0.0.1:99999'])('refuses %j with a reason', (text) => {
    expect(() => parseHostRules(text)).toThrow(HostRulesError);
  });

  it('writes a PAC script that routes mapped hosts to the proxy and unresolvable ones nowhere', () => {
    const pac = pacScript(parseHostRules('EXCLUDE x.shop.test, MAP *.shop.test 127.0.0.1:4100, MAP * ~NOTFOUND'), 5555);
    const shExpMatch = (s: string, p: string) => hostMatches(p, s);
    const find = new Function('shExpMatch', `${pac}; return FindProxyForURL;`)(shExpMatch) as (u: string, h: string) => string;
    expect(find('https://www.shop.test/', 'www.shop.test')).toBe('PROXY 127.0.0.1:5555');
    expect(find('http://x.shop.test/', 'x.shop.test')).toBe('DIRECT');
    expect(find('http://elsewhere.example/', 'elsewhere.example')).toBe('PROXY unresolvable.invalid:9');
  });
});

describe('the forwarding proxy', () => {
  async function origin(): Promise<{ port: number; seen: string[]; close(): Promise<void> }> {
    const seen: string[] = [];
    const s = createServer((req, res) => {
      seen.push(`${req.method} ${req.headers.host} ${req.url}`);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${req.headers.host}`);
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return { port: (s.address() as { port: number }).port, seen, close: () => new Promise((r) => s.close(() => r())) };
  }

  it('passes a plain HTTP request for a mapped host to the rule’s address, keeping its Host', async () => {
    const o = await origin();
    const proxy = await startRulesProxy(parseHostRules(`MAP *.shop.test 127.0.0.1:${o.port}`));
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: proxy.port, method: 'GET', path: 'http://www.shop.test/p/42?x=1', headers: { host: 'www.shop.test' } }, (res) => {
          let b = '';
          res.on('data', (c) => (b += c));
          res.on('end', () => resolve(`${res.statusCode} ${b}`));
        });
        req.on('error', reject);
        req.end();
      });
      expect(body).toBe('200 hello www.shop.test');
      expect(o.seen).toEqual(['GET www.shop.test /p/42?x=1']);
    } finally {
      await proxy.close();
      await o.close();
    }
  });

  it('tunnels CONNECT to the mapped address, and answers 404 for a host that must not resolve', async () => {
    const o = await origin();
    const proxy = await startRulesProxy(parseHostRules(`MAP shop.test 127.0.0.1:${o.port}, MAP * ~NOTFOUND`));
    const tunnel = (authority: string) =>
      new Promise<string>((resolve) => {
        const s = connect(proxy.port, '127.0.0.1', () => s.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
        let got = '';
        s.on('data', (c) => {
          got += c.toString();
          if (got.startsWith('HTTP/1.1 200') && got.endsWith('\r\n\r\n')) s.write('GET /through HTTP/1.1\r\nHost: shop.test\r\nConnection: close\r\n\r\n');
        });
        s.on('close', () => resolve(got));
      });
    try {
      const ok = await tunnel('shop.test:443');
      expect(ok.split('\r\n')[0]).toBe('HTTP/1.1 200 Connection Established');
      expect(ok).toContain('hello shop.test');
      expect(o.seen).toEqual(['GET shop.test /through']);
      expect((await tunnel('elsewhere.example:443')).split('\r\n')[0]).toBe('HTTP/1.1 404 Not Found');
    } finally {
      await proxy.close();
      await o.close();
    }
  });
});
