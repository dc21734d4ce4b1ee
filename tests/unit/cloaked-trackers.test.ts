// CNAME cloaking: a first-party host whose canonical name (where the browser can tell) belongs to a
// listed tracker is reported as that tracker, served from the site's own domain.
import { describe, expect, it } from 'vitest';
import { createCanonicalNames, dnsOf } from '../../src/background/canonical-names';
import { siteOf } from '../../src/background/site';
import { cloakedTrackersDetector } from '../../src/detectors/cloaked-trackers';
import { createTrackerDb } from '../../src/detectors/tracker-db';
import type { TrackerIndex } from '../../src/detectors/tracker-index-build';
import type { DetectorContext } from '../../src/detectors/types';
import trackerIndex from '../../src/generated/tracker-index.json';
import type { RequestObservation } from '../../src/model/observations';

const ctx = {
  visit: { site: 'shop.example' },
  trackers: createTrackerDb(trackerIndex as unknown as TrackerIndex),
  catalog: [],
  siteOf,
  isThirdParty: (h: string) => siteOf(h) !== 'shop.example',
} as unknown as DetectorContext;

const req = (url: string, canonicalHost?: string): RequestObservation => ({ phase: 'request', url, type: 'image', method: 'GET', tabId: 1, frameId: 0, topUrl: 'https://www.shop.example/', at: 0, canonicalHost });

describe('trackers behind a DNS alias', () => {
  it('names the tracker a first-party host is an alias of, served from the site', () => {
    const [f] = cloakedTrackersDetector.onRequest!(req('https://metrics.shop.example/b/ss/x/1?pageName=checkout', 'shop.example.ssl.sc.omtrdc.net'), ctx);
    expect(f).toMatchObject({
      kind: 'tracker',
      vendor: 'Adobe Experience Cloud',
      company: 'Adobe',
      source: 'network',
      confidence: 'certain',
      details: { servedFrom: 'first-party', domain: 'omtrdc.net', host: 'metrics.shop.example', canonicalName: 'shop.example.ssl.sc.omtrdc.net' },
    });
    expect(f!.evidence[0]!.url).not.toContain('checkout');
  });

  it('says nothing without a canonical name, for an alias inside the site, for a CDN, or for a third party', () => {
    expect(cloakedTrackersDetector.onRequest!(req('https://metrics.shop.example/x'), ctx)).toEqual([]);
    expect(cloakedTrackersDetector.onRequest!(req('https://img.shop.example/x', 'static.shop.example'), ctx)).toEqual([]);
    expect(cloakedTrackersDetector.onRequest!(req('https://img.shop.example/x', 'shop.example.cdn.cloudflare.net'), ctx)).toEqual([]);
    expect(cloakedTrackersDetector.onRequest!(req('https://px.other.example/x', 'x.sc.omtrdc.net'), ctx)).toEqual([]);
  });
});

describe('canonical names from the browser', () => {
  it('is only there when the browser has a dns API', () => {
    expect(dnsOf({})).toBeNull();
    expect(dnsOf({ dns: {} })).toBeNull();
    expect(dnsOf({ dns: { resolve: async () => ({}) } })).not.toBeNull();
  });

  it('asks once per host, keeps only a different canonical name, and treats failures as none', async () => {
    const asked: string[] = [];
    const names = createCanonicalNames({
      resolve: async (h, flags) => {
        asked.push(`${h} ${flags?.join()}`);
        if (h === 'gone.shop.example') throw new Error('NS_ERROR_UNKNOWN_HOST');
        return { canonicalName: h === 'metrics.shop.example' ? 'Shop.Example.ssl.sc.omtrdc.net.' : h, addresses: ['192.0.2.1'] };
      },
    });
    expect(await names.of('metrics.shop.example')).toBe('shop.example.ssl.sc.omtrdc.net');
    expect(await names.of('metrics.shop.example')).toBe('shop.example.ssl.sc.omtrdc.net');
    expect(await names.of('www.shop.example')).toBeUndefined();
    expect(await names.of('gone.shop.example')).toBeUndefined();
    expect(asked).toEqual(['metrics.shop.example canonical_name', 'www.shop.example canonical_name', 'gone.shop.example canonical_name']);
  });
});
