import { describe, expect, it } from 'vitest';
import { hostOf } from '../../src/model/host';

describe('hostOf (fast path) agrees with the URL parser', () => {
  const urls = [
    'https://www.google-analytics.com/g/collect?v=2',
    'http://shop.test:8080/x',
    'https://a.b.c.example.co.uk',
    'https://example.com?q=1',
    'https://example.com#frag',
    'https://user:pw@evil.example/@good.example/',
    'https://WWW.Example.COM./x',
    'https://[::1]:8443/x',
    'https://xn--bcher-kva.example/',
    'https://bücher.example/',
    'https://exa%6dple.com/',
    'wss://socket.example/chat',
    'data:text/plain,hello',
    'not a url',
    'https://example.com\\@evil.com/',
    'https://127.0.0.1:9/x',
  ];
  for (const u of urls) {
    it(u, () => {
      let expected = '';
      try {
        expected = new URL(u).hostname.toLowerCase().replace(/\.$/, '');
      } catch {
        expected = '';
      }
      expect(hostOf(u)).toBe(expected);
    });
  }
});
