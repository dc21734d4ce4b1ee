// The differences between customer views, from their reports (built by the real report builder).
import { describe, expect, it } from 'vitest';
import type { FindingDraft } from '../../../src/model/finding';
import { computeDifferences, type ViewInput } from '../../../src/cli/views/differences';
import type { ViewKind } from '../../../src/cli/views/spec';
import { FB, GA, report } from './reports';

const URL_ = 'https://shop.example/kettle';
const at = '2026-11-23T12:00:00.000Z';

const price = (you: number, currency = 'USD', product = 'Trail Kettle'): FindingDraft => ({
  kind: 'price-difference', key: `price-difference:${product}`, source: 'dom', confidence: 'certain',
  evidence: [{ url: URL_, detail: `your page: ${you}`, at }], details: { product, you, clean: 49, currency, same: you === 49 },
});
const banner = (details: Record<string, unknown>): FindingDraft => ({
  kind: 'consent-banner', key: 'consent-banner', source: 'dom', confidence: 'likely', evidence: [{ url: URL_, detail: 'banner shown', at }], details: { cmp: 'cookieconsent3', ...details },
});
const experiment = (variant: string): FindingDraft => ({
  kind: 'experiment', key: 'experiment:optimizely', vendor: 'Optimizely', company: 'Optimizely', category: 'ab-testing', source: 'network', confidence: 'certain',
  // the vendor's script first (its presence), then what it was told: the variant
  evidence: [{ url: 'https://unpkg.com/@optimizely/optimizely-sdk/dist/optimizely.browser.umd.min.js', detail: 'script', at }, { url: 'https://logx.optimizely.com/v1/events', detail: `the vendor was told which variant you got: hero=${variant}`, at }],
  details: { vendor: 'Optimizely', experiments: [{ id: 'hero', variant }] },
});
const countdown = (text: string, resets = false): FindingDraft => ({
  kind: 'urgency', key: 'urgency:countdown', source: 'dom', confidence: 'likely', evidence: [{ url: URL_, detail: text, at }], details: { pattern: 'countdown', text, ...(resets ? { resets: true } : {}) },
});
const gpcSignal = (sent: boolean, usp: string): FindingDraft => ({
  kind: 'gpc', key: 'gpc', source: 'page', confidence: 'likely', evidence: [{ url: 'https://shop.example/.well-known/gpc.json', detail: 'the site declares it honours Global Privacy Control', at }, { detail: `US Privacy string ${usp}`, at }],
  details: { sent, usp, ...(sent ? { honored: usp[2] === 'Y' } : {}) },
});
const cmpScript: FindingDraft = { ...GA, key: 'tracker:cookielaw.org', vendor: 'OneTrust', company: 'OneTrust', category: 'consent', evidence: [{ url: 'https://cdn.cookielaw.org/otSDKStub.js', at }], details: { domain: 'cookielaw.org' } };
const cookie = (name: string): FindingDraft => ({ kind: 'identifier', key: `identifier:${name}`, source: 'network', confidence: 'certain', evidence: [{ url: URL_, detail: `Set-Cookie ${name}`, at }], details: { name, storage: 'cookie', thirdParty: false } });

function view(name: string, drafts: FindingDraft[], extra: Partial<ViewInput> = {}): ViewInput {
  const kind = (name.includes('=') ? name.slice(0, name.indexOf('=')) : name) as ViewKind;
  return { name, kind, ok: true, report: report(URL_, drafts), ...extra };
}

describe('customer-view differences', () => {
  it('views shown the same report differ in nothing', () => {
    const same = [GA, price(49), banner({ shown: true, rejectOnFirstLayer: true })];
    expect(computeDifferences([view('new', same), view('mobile', same), view('locale=de-DE', same), view('returning', same)])).toEqual([]);
  });

  it('a price per view, keyed by the view names as given; a view with the baseline price is left out', () => {
    const d = computeDifferences([view('new', [price(49)]), view('returning', [price(57)]), view('mobile', [price(49)]), view('locale=de-DE', [price(52, 'EUR')])]);
    expect(d).toEqual([
      {
        topic: 'price',
        subject: 'Trail Kettle',
        values: { new: '49.00 USD', returning: '57.00 USD', 'locale=de-DE': '52.00 EUR' },
        evidence: [
          { view: 'new', url: URL_, detail: 'your page: 49' },
          { view: 'returning', url: URL_, detail: 'your page: 57' },
          { view: 'locale=de-DE', url: URL_, detail: 'your page: 52' },
        ],
      },
    ]);
  });

  it('a price the extension read but could not compare clearly still counts; the report’s own finding comes first', () => {
    const read = (price: number) => ({ url: URL_, product: 'Trail Kettle', price, currency: 'USD', message: 'The price moves by itself on this page' });
    const d = computeDifferences([view('new', [], { prices: [read(49.5)] }), view('mobile', [], { prices: [read(54)] }), view('returning', [price(57)], { prices: [read(99)] })]);
    expect(d).toHaveLength(1);
    expect(d[0]!.values).toEqual({ new: '49.50 USD', mobile: '54.00 USD', returning: '57.00 USD' });
    expect(d[0]!.evidence[0]).toEqual({ view: 'new', url: URL_, detail: 'the extension read 49.50 USD on the page: The price moves by itself on this page' });
  });

  it('one product under a translated name is still the same product', () => {
    const d = computeDifferences([view('new', [price(49)]), view('locale=de-DE', [price(52, 'EUR', 'Wasserkocher Trail')])]);
    expect(d.map((x) => [x.subject, x.values])).toEqual([['Trail Kettle', { new: '49.00 USD', 'locale=de-DE': '52.00 EUR' }]]);
  });

  it('a tracker that still loads after the banner was rejected, and one that waits for a yes', () => {
    const rejected = { choice: 'rejected' as const, ok: true, message: 'Rejected the cookieconsent3 banner for you.', url: URL_ };
    const accepted = { ...rejected, choice: 'accepted' as const, message: 'Accepted the cookieconsent3 banner.' };
    const d = computeDifferences([
      view('new', [FB, banner({ shown: true, rejectOnFirstLayer: true })]),
      view('rejected', [FB], { answer: rejected }),
      view('accepted', [FB, GA], { answer: accepted }),
    ]);
    const trackers = d.filter((x) => x.topic === 'trackers');
    expect(trackers.map((x) => [x.subject, x.values])).toEqual([
      ['Facebook', { new: 'loads', rejected: 'loads after you said no' }],
      ['Google Analytics (Google)', { new: 'does not load', accepted: 'loads' }],
    ]);
    expect(trackers[0]!.evidence).toContainEqual({ view: 'rejected', url: 'https://www.facebook.com/tr?id=1' });
    const consent = d.find((x) => x.topic === 'consent')!;
    expect(consent.values).toEqual({
      new: 'shown (cookieconsent3); “reject” on the first screen',
      rejected: 'you rejected it; after a reload it is not shown again',
      accepted: 'you accepted it; after a reload it is not shown again',
    });
    expect(consent.evidence).toContainEqual({ view: 'rejected', url: URL_, detail: 'Candor asked the extension to reject the banner: Rejected the cookieconsent3 banner for you.' });
  });

  it('a refusal that could not be given blames no tracker, and says so; the CMP’s own script is never blamed', () => {
    const d = computeDifferences([
      view('new', [FB, cmpScript, banner({ shown: true })]),
      view('rejected', [FB, cmpScript], { answer: { choice: 'rejected', ok: false, message: 'The banner was found, but rejecting it did not work.', url: URL_ } }),
    ]);
    expect(d.map((x) => [x.topic, x.values])).toEqual([['consent', { new: 'shown (cookieconsent3)', rejected: 'could not be rejected' }]]);
    const ok = computeDifferences([view('new', [cmpScript]), view('rejected', [cmpScript], { answer: { choice: 'rejected', ok: true, message: 'ok', url: URL_ } })]);
    expect(ok.filter((x) => x.topic === 'trackers')).toEqual([]);
  });

  it('under GPC: advertising still loading is a difference, analytics is not (GPC opts out of sale and sharing)', () => {
    const d = computeDifferences([view('new', [FB, GA]), view('gpc', [FB, GA])]);
    expect(d.map((x) => [x.subject, x.values])).toEqual([['Facebook', { new: 'loads', gpc: 'loads despite GPC' }]]);
  });

  it('GPC honoured: the site records the opt-out only for the view that sent it', () => {
    const d = computeDifferences([view('new', [gpcSignal(false, '1YNN')]), view('gpc', [gpcSignal(true, '1YYN')])]);
    expect(d).toEqual([
      {
        topic: 'gpc',
        subject: 'Global Privacy Control',
        values: { new: 'not opted out of sale (US Privacy 1YNN)', gpc: 'GPC honoured: opted out of sale (US Privacy 1YYN)' },
        evidence: [
          { view: 'new', detail: 'US Privacy string 1YNN' },
          { view: 'new', url: 'https://shop.example/.well-known/gpc.json', detail: 'the site declares it honours Global Privacy Control' },
          { view: 'gpc', detail: 'US Privacy string 1YYN' },
          { view: 'gpc', url: 'https://shop.example/.well-known/gpc.json', detail: 'the site declares it honours Global Privacy Control' },
        ],
      },
    ]);
    const ignored = computeDifferences([view('new', [gpcSignal(false, '1YNN')]), view('gpc', [gpcSignal(true, '1YNN')])]);
    expect(ignored[0]!.values.gpc).toBe('GPC not honoured: not opted out of sale (US Privacy 1YNN)');
  });

  it('the experiment variant each view was put in', () => {
    const d = computeDifferences([view('new', [experiment('control')]), view('returning', [experiment('control')]), view('mobile', [experiment('benefit')])]);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ topic: 'experiments', subject: 'Optimizely: hero', values: { new: 'variant control', mobile: 'variant benefit' } });
    // the evidence that shows the variant comes first
    expect(d[0]!.evidence.map((e) => [e.view, e.url])).toEqual([
      ['new', 'https://logx.optimizely.com/v1/events'],
      ['new', 'https://unpkg.com/@optimizely/optimizely-sdk/dist/optimizely.browser.umd.min.js'],
      ['mobile', 'https://logx.optimizely.com/v1/events'],
      ['mobile', 'https://unpkg.com/@optimizely/optimizely-sdk/dist/optimizely.browser.umd.min.js'],
    ]);
  });

  it('an AI chat that says what it is in one view and not in another', () => {
    const chat = (aiDisclosed: boolean | null): FindingDraft => ({
      kind: 'ai-chat', key: 'ai-chat:intercom', vendor: 'Intercom', company: 'Intercom', source: 'dom', confidence: 'likely',
      evidence: [{ url: URL_, detail: aiDisclosed ? 'I am Fin, an AI agent' : 'Hi! How can I help?', at }], details: { aiDisclosed, humanHandoff: null, text: 'Hi' },
    });
    const d = computeDifferences([view('new', [chat(true)]), view('locale=de-DE', [chat(false)]), view('mobile', [])]);
    expect(d).toEqual([
      {
        topic: 'ai-chat',
        subject: 'Intercom',
        values: { new: 'an AI chat that says it is an AI', 'locale=de-DE': 'an AI chat that does not say it is an AI', mobile: 'no chat' },
        evidence: [
          { view: 'new', url: URL_, detail: 'I am Fin, an AI agent' },
          { view: 'locale=de-DE', url: URL_, detail: 'Hi! How can I help?' },
        ],
      },
    ]);
  });

  it('a ticking countdown is the same claim; one that restarts on the return visit is not', () => {
    expect(computeDifferences([view('new', [countdown('Sale ends in 09:59')]), view('mobile', [countdown('Sale ends in 09:57')])])).toEqual([]);
    const d = computeDifferences([view('new', [countdown('Sale ends in 09:59')]), view('returning', [countdown('Sale ends in 09:59', true)])]);
    expect(d[0]!.values).toEqual({ new: 'Sale ends in ##:##', returning: 'Sale ends in ##:## (restarted on the return visit)' });
  });

  it('the headline each view saw first', () => {
    const seen = (headline: string) => ({ seen: { url: URL_, headline } });
    const d = computeDifferences([view('new', [], seen('Trail Kettle')), view('from=https://compare.test/', [], seen('Trail Kettle — matched')), view('mobile', [], seen('Trail Kettle'))]);
    expect(d).toEqual([
      {
        topic: 'content',
        subject: 'headline',
        values: { new: 'Trail Kettle', 'from=https://compare.test/': 'Trail Kettle — matched' },
        evidence: [
          { view: 'new', url: URL_, detail: 'h1: “Trail Kettle”' },
          { view: 'from=https://compare.test/', url: URL_, detail: 'h1: “Trail Kettle — matched”' },
        ],
      },
    ]);
  });

  it('cookies the site sets in one view only; the cookies a view carried in are its own doing', () => {
    const d = computeDifferences([view('new', []), view('returning', [cookie('seen')]), view('cookies=loyal.txt', [cookie('member')], { carriedCookies: ['member'] })]);
    expect(d.map((x) => [x.topic, x.subject, x.values])).toEqual([['trackers', 'cookie seen', { new: 'not set', returning: 'set' }]]);
  });

  it('a view that failed has no value; a baseline that failed leaves nothing to compare with', () => {
    const failed: ViewInput = { name: 'mobile', kind: 'mobile', ok: false };
    expect(computeDifferences([view('new', [price(49)]), failed, view('returning', [price(57)])]).map((x) => Object.keys(x.values))).toEqual([['new', 'returning']]);
    expect(computeDifferences([{ name: 'new', kind: 'new', ok: false }, view('returning', [price(57)])])).toEqual([]);
  });

  it('topics come in the contract order', () => {
    const d = computeDifferences([
      view('new', [price(49), experiment('a')], { seen: { url: URL_, headline: 'A' } }),
      view('mobile', [price(54), FB, experiment('b')], { seen: { url: URL_, headline: 'B' } }),
    ]);
    expect(d.map((x) => x.topic)).toEqual(['price', 'trackers', 'experiments', 'content']);
  });
});
