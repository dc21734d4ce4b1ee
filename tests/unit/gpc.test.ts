// GPC: the page-side signal and whether the site honours it; the /.well-known/gpc.json check (at most
// once per site per day, off by setting); the DNR rules and the registered script's match patterns.
import { beforeEach, describe, expect, it } from 'vitest';
import { gpcTrackersService } from '../../src/background/services/gpc-trackers';
import { createGpcWellKnownService, DAY_MS, fetchGpcJson, readGpcJson } from '../../src/background/services/gpc-well-known';
import type { BackgroundService, ServiceContext } from '../../src/background/services';
import { Engine } from '../../src/background/engine';
import { findingsForVisit } from '../../src/storage/queries';
import { buildDnrRules, matchPatternsFor, RULE_ID_MIN } from '../../src/actions/dnr-rules';
import { gpcDetector } from '../../src/detectors/gpc';
import type { StoredFinding } from '../../src/model/finding';
import type { DomSnapshot } from '../../src/model/observations';
import { CandorDb } from '../../src/storage/db';
import { DEFAULT_SETTINGS, setSetting } from '../../src/storage/settings';
import { CATALOG, ctxFor, trackerDb } from './helpers';

const ctx = ctxFor('https://store.example/');
const signal = (data: Record<string, unknown>) => gpcDetector.onPageEvent!({ type: 'gpc-signal', data, at: 1 }, ctx);

describe('gpc detector', () => {
  it('GPC sent and recorded as an opt-out by the US Privacy string: honoured', () => {
    expect(signal({ sent: true, usp: '1YYN' })[0]).toMatchObject({ kind: 'gpc', assessment: 'good', details: { sent: true, honored: true, usp: '1YYN' } });
  });
  it('GPC sent but the site records no opt-out: not honoured', () => {
    expect(signal({ sent: true, gppSections: { usnat: { SaleOptOut: 2 } } })[0]).toMatchObject({ assessment: 'concern', details: { honored: false, gppOptOut: false } });
  });
  it('GPC sent with nothing to measure it by: honoured unknown, so not stated', () => {
    const [f] = signal({ sent: true });
    expect(f).toMatchObject({ kind: 'gpc', assessment: 'info', details: { sent: true } });
    expect(f!.details).not.toHaveProperty('honored');
  });
  it('no GPC and no opt-out string: nothing to say', () => {
    expect(signal({ sent: false })).toEqual([]);
    expect(signal({ sent: false, usp: 'junk' })).toEqual([]);
  });
});

describe('/.well-known/gpc.json', () => {
  let db: CandorDb;
  let n = 0;
  let now = 1_700_000_000_000;
  beforeEach(async () => {
    db = new CandorDb(`gpc-${n++}`);
    await db.open();
  });
  const snap = (isTop = true): DomSnapshot => ({ url: 'https://store.example/', isTop, title: '', lang: '', scripts: [], iframes: [], sections: {}, at: now });
  const sctx = (): ServiceContext => ({ ...ctxFor('https://store.example/a'), db, now });

  it('is fetched once per site per day and its answer credited', async () => {
    const asked: string[] = [];
    const svc = createGpcWellKnownService(async (url) => (asked.push(url), { status: 200, json: { gpc: true, lastUpdate: '2026-01-01' } }));
    const [d] = await svc.onDom!(snap(), sctx());
    expect(d).toMatchObject({ kind: 'gpc', source: 'network', assessment: 'good', details: { wellKnown: true, wellKnownUpdated: '2026-01-01' } });
    await svc.onDom!(snap(), sctx());
    now += DAY_MS - 1;
    await svc.onDom!(snap(), sctx());
    expect(asked).toEqual(['https://store.example/.well-known/gpc.json']);
    now += 2;
    await svc.onDom!(snap(), sctx());
    expect(asked).toHaveLength(2);
  });

  it('frames do not trigger it, and the setting turns it off', async () => {
    const asked: string[] = [];
    const svc = createGpcWellKnownService(async (url) => (asked.push(url), { status: 200, json: { gpc: true } }));
    expect(await svc.onDom!(snap(false), sctx())).toEqual([]);
    await setSetting(db, 'gpcWellKnownCheck', false);
    expect(await svc.onDom!(snap(), sctx())).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('a missing file is only mentioned to someone who sends GPC', async () => {
    const svc = createGpcWellKnownService(async () => ({ status: 404, json: null }));
    expect(await svc.onDom!(snap(), sctx())).toEqual([]);
    await setSetting(db, 'gpcSites', ['store.example']);
    now += 2 * DAY_MS;
    expect((await svc.onDom!(snap(), sctx()))[0]!.details).toMatchObject({ wellKnown: false, sent: true });
  });

  it('reads the file per the spec: only `"gpc": true` counts', () => {
    expect(readGpcJson({ gpc: true }).gpc).toBe(true);
    expect(readGpcJson({ gpc: 'true' }).gpc).toBe(false);
    expect(readGpcJson('<html>').gpc).toBe(false);
  });
});

describe('declarativeNetRequest rules', () => {
  it('no GPC and no blocks: no rules', () => {
    expect(buildDnrRules(DEFAULT_SETTINGS)).toEqual([]);
  });
  it('GPC everywhere: one header rule on every request', () => {
    const [r] = buildDnrRules({ ...DEFAULT_SETTINGS, gpcAll: true, gpcSites: ['a.example'] });
    expect(r).toMatchObject({ id: RULE_ID_MIN, action: { type: 'modifyHeaders', requestHeaders: [{ header: 'Sec-GPC', value: '1' }] } });
    expect(r!.condition.resourceTypes).toContain('main_frame');
    expect(r!.condition.requestDomains).toBeUndefined();
  });
  it('GPC on one site: its pages and the requests its pages make', () => {
    const rs = buildDnrRules({ ...DEFAULT_SETTINGS, gpcSites: ['a.example'] });
    expect(rs.map((r) => r.condition.requestDomains ?? r.condition.initiatorDomains)).toEqual([['a.example'], ['a.example']]);
  });
  it('a blocked category: third-party requests to its domains from that site only; undo removes it', () => {
    const s = { ...DEFAULT_SETTINGS, blocked: { 'shop.example': { analytics: ['google-analytics.com', 'shop.example'] } } };
    const [r] = buildDnrRules(s);
    expect(r).toMatchObject({ action: { type: 'block' }, condition: { requestDomains: ['google-analytics.com'], initiatorDomains: ['shop.example'], domainType: 'thirdParty' } });
    expect(r!.condition.resourceTypes).not.toContain('main_frame');
    expect(buildDnrRules({ ...s, blocked: {} })).toEqual([]);
  });
  it('a blocked company: its domains from that site only, beside a blocked category; undo removes only it', () => {
    const s = {
      ...DEFAULT_SETTINGS,
      blocked: { 'shop.example': { analytics: ['google-analytics.com'] } },
      blockedCompanies: { 'shop.example': { Facebook: ['connect.facebook.net', 'www.facebook.com', 'shop.example'] } },
    };
    const rs = buildDnrRules(s);
    expect(rs.map((r) => r.condition.requestDomains)).toEqual([['google-analytics.com'], ['connect.facebook.net', 'www.facebook.com']]);
    expect(rs[1]).toMatchObject({ action: { type: 'block' }, condition: { initiatorDomains: ['shop.example'], domainType: 'thirdParty' } });
    expect(new Set(rs.map((r) => r.id)).size).toBe(2);
    expect(buildDnrRules({ ...s, blockedCompanies: {} }).map((r) => r.condition.requestDomains)).toEqual([['google-analytics.com']]);
  });
  it('the GPC script matches the site and its subdomains', () => {
    expect(matchPatternsFor(['a.example'])).toEqual(['*://a.example/*', '*://*.a.example/*']);
  });
});

describe('GPC honoured, by trackers before and after', () => {
  let db: CandorDb;
  let n = 0;
  beforeEach(async () => {
    db = new CandorDb(`gpct-${n++}`);
    await db.open();
  });
  const visitRow = (id: string, startedAt: number) => ({ id, site: 'store.example', url: 'https://store.example/', tabId: 1, startedAt, trackerCount: 0, findingCount: 0 });
  const tracker = (visitId: string, vendor: string, category: string): StoredFinding => ({
    id: `${visitId}|${vendor}`,
    visitId,
    site: 'store.example',
    key: `tracker:${vendor}`,
    kind: 'tracker',
    vendor,
    category,
    source: 'network',
    confidence: 'certain',
    evidence: [],
    details: {},
    count: 1,
    firstAt: 0,
    lastAt: 0,
  });
  const run = async (current: string[]) => {
    await db.visits.bulkPut([visitRow('before', 100), visitRow('now', 200)]);
    await db.findings.bulkPut([tracker('before', 'Facebook', 'social'), tracker('before', 'Criteo', 'advertising'), tracker('before', 'GA', 'analytics')]);
    await db.findings.bulkPut(current.map((v) => tracker('now', v, 'advertising')));
    const ctx: ServiceContext = { ...ctxFor('https://store.example/'), visit: { visitId: 'now', tabId: 1, url: 'https://store.example/', site: 'store.example', startedAt: 200 }, db, now: 300 };
    return gpcTrackersService.onPageEvent!({ type: 'gpc-signal', data: { sent: true }, at: 300 }, ctx);
  };

  it('fewer advertising trackers with GPC than on the visit without it: honoured (a hint)', async () => {
    const [d] = await run(['Criteo']);
    expect(d!.details).toMatchObject({ trackersWithoutGpc: ['Criteo', 'Facebook'], trackersWithGpc: ['Criteo'], trackersHonored: true });
  });

  it('the same trackers with GPC: not honoured', async () => {
    expect((await run(['Criteo', 'Facebook']))[0]!.details.trackersHonored).toBe(false);
  });

  it('no earlier visit to compare with, or GPC not sent: nothing', async () => {
    const ctx: ServiceContext = { ...ctxFor('https://store.example/'), db, now: 1 };
    expect(await gpcTrackersService.onPageEvent!({ type: 'gpc-signal', data: { sent: true }, at: 1 }, ctx)).toEqual([]);
    expect(await gpcTrackersService.onPageEvent!({ type: 'gpc-signal', data: { sent: false }, at: 1 }, ctx)).toEqual([]);
  });
});

describe('/.well-known/gpc.json: the limits of Candor’s own request', () => {
  let db: CandorDb;
  let n = 0;
  beforeEach(async () => {
    db = new CandorDb(`gpc-limits-${n++}`);
    await db.open();
  });
  const at = 1_700_000_000_000;
  const snapOf = (url: string): DomSnapshot => ({ url, isTop: true, title: '', lang: '', scripts: [], iframes: [], sections: {}, at });
  const ctxOf = (url: string): ServiceContext => ({ ...ctxFor(url), db, now: at });

  it('runs once per site a day, not once per origin: a site’s subdomains share one check', async () => {
    const asked: string[] = [];
    const svc = createGpcWellKnownService(async (url) => (asked.push(url), { status: 200, json: { gpc: true } }));
    for (const url of ['https://www.store.example/', 'https://shop.store.example/', 'https://help.store.example/a']) {
      const [d] = await svc.onDom!(snapOf(url), ctxOf(url));
      expect(d?.details.wellKnown).toBe(true);
    }
    expect(asked).toEqual(['https://www.store.example/.well-known/gpc.json']);
    // negative: another site is its own check
    await svc.onDom!(snapOf('https://other.example/'), ctxOf('https://other.example/'));
    expect(asked).toHaveLength(2);
  });

  const respond = (body: BodyInit | null, init: ResponseInit = { status: 200 }) => (async () => new Response(body, init)) as unknown as typeof fetch;

  it('follows no redirect: a site cannot send the request to another site or a private address', async () => {
    let init: RequestInit | undefined;
    const fake = (async (_u: string, i: RequestInit) => {
      init = i;
      throw new TypeError('Failed to fetch (redirect mode is "error")');
    }) as unknown as typeof fetch;
    expect(await fetchGpcJson('https://store.example/.well-known/gpc.json', fake)).toEqual({ status: 0, json: null });
    expect(init).toMatchObject({ redirect: 'error', credentials: 'omit', cache: 'no-store' });
  });

  it('stops reading a body past the cap, and reads a body under it', async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        c.enqueue(new TextEncoder().encode(' '.repeat(1024)));
      },
    });
    expect(await fetchGpcJson('https://store.example/.well-known/gpc.json', respond(endless), { timeoutMs: 60_000, maxBytes: 4096 })).toEqual({ status: 200, json: null });
    expect(pulls).toBeLessThan(10);
    expect(await fetchGpcJson('https://store.example/.well-known/gpc.json', respond('{"gpc": true}'), { timeoutMs: 60_000, maxBytes: 4096 })).toEqual({ status: 200, json: { gpc: true } });
    // a declared length over the cap is not read at all
    expect((await fetchGpcJson('u', respond('{"gpc": true}', { status: 200, headers: { 'content-length': '999999' } }), { timeoutMs: 60_000, maxBytes: 4096 })).json).toBeNull();
    // not JSON, or not 200: no declaration
    expect((await fetchGpcJson('u', respond('<html>'))).json).toBeNull();
    expect(await fetchGpcJson('u', respond('{"gpc": true}', { status: 404 }))).toEqual({ status: 404, json: null });
  });

  it('gives up on an answer that never comes', async () => {
    const hangs = ((_u: string, i: RequestInit) =>
      new Promise((_r, reject) => i.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch;
    expect(await fetchGpcJson('https://store.example/.well-known/gpc.json', hangs, { timeoutMs: 10, maxBytes: 4096 })).toEqual({ status: 0, json: null });
  });

  it('never holds back the other findings of the page: they are stored while the check waits, its own when it answers', async () => {
    let answer: (v: { status: number; json: unknown }) => void = () => {};
    let asked: () => void = () => {};
    const wasAsked = new Promise<void>((r) => (asked = r));
    const gpcSvc = createGpcWellKnownService(() => new Promise((r) => ((answer = r), asked())));
    const other: BackgroundService = { id: 'other', onDom: async () => [{ kind: 'rights-link', key: 'rights:privacy', source: 'dom', confidence: 'certain', evidence: [], details: { type: 'privacy-policy' } }] };
    const e = new Engine({ db, detectors: [], trackers: trackerDb(), catalog: CATALOG, services: [gpcSvc, other], now: () => at });
    await setSetting(db, 'gpcAll', true);
    const v = await e.startVisit(1, 'https://store.example/');
    await e.onDom(1, snapOf('https://store.example/'));
    await e.writer.whenIdle();
    expect((await findingsForVisit(db, v.visitId)).map((f) => f.kind)).toEqual(['rights-link']);
    await wasAsked;
    answer({ status: 200, json: { gpc: true } });
    await e.settled();
    expect((await findingsForVisit(db, v.visitId)).map((f) => f.kind).sort()).toEqual(['gpc', 'rights-link']);
  });
});
