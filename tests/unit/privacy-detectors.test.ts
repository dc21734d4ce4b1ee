// The privacy detectors on recorded event sequences and requests: what must be reported, and what must not.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeDraft } from '../../src/background/merge';
import { validateCookieCatalog, knownCookie } from '../../src/detectors/cookie-catalog';
import { fingerprintingDetector } from '../../src/detectors/fingerprinting';
import { identifiersDetector } from '../../src/detectors/identifiers';
import { keyloggingDetector } from '../../src/detectors/keylogging';
import { piiDetector } from '../../src/detectors/pii';
import { redactUrl } from '../../src/detectors/privacy-util';
import { sessionReplayDetector } from '../../src/detectors/session-replay';
import type { Detector } from '../../src/detectors/types';
import type { FindingDraft } from '../../src/model/finding';
import type { DomSnapshot, PageEvent } from '../../src/model/observations';
import { md5 } from '../../src/observe/hooks/md5';
import { buildReport as buildSiteReport } from './build-report';
import { ctxFor, req, ROOT, visitFor } from './helpers';

const EVENTS = JSON.parse(readFileSync(join(__dirname, 'vectors/privacy-events.json'), 'utf8')) as Record<string, PageEvent[]>;
const PAGE = 'https://shop.example/checkout';

function replay(d: Detector, events: PageEvent[], page = PAGE): FindingDraft[] {
  const ctx = ctxFor(page);
  return events.flatMap((e) => d.onPageEvent!(e, ctx));
}

/** Merge drafts the way the background does, then build the report. */
function reportOf(drafts: FindingDraft[], page = PAGE) {
  const visit = visitFor(page);
  const byKey = new Map<string, ReturnType<typeof mergeDraft>>();
  for (const d of drafts) byKey.set(d.key, mergeDraft(byKey.get(d.key), d, visit, 1));
  return buildSiteReport({ visit, findings: [...byKey.values()], tool: { version: 't', browser: 'b' } });
}

describe('fingerprinting', () => {
  it('FingerprintJS’s recorded calls become one finding per technique, credited to FingerprintJS', () => {
    const out = replay(fingerprintingDetector, EVENTS.fingerprintjs!);
    expect(out.map((d) => d.details.technique)).toEqual(['navigator', 'canvas', 'webgl', 'audio']);
    expect(new Set(out.map((d) => d.vendor))).toEqual(new Set(['FingerprintJS']));
    expect(out.every((d) => d.source === 'page' && d.confidence === 'likely')).toBe(true);
    const r = reportOf(out);
    expect(r.findings.find((f) => f.details.technique === 'canvas')!.title).toBe('FingerprintJS (Fingerprint) draws a hidden image to tell your device apart (canvas fingerprinting)');
    expect(r.principles.privacy.summary).toMatch(/device is fingerprinted \(audio, canvas, navigator, webgl\)/);
    expect(r.dataUse.find((d) => d.company === 'Fingerprint')!.data).toContain('device-fingerprint');
  });

  it('ignores unknown techniques (a page can forge events) and treats enumerateDevices alone as possible', () => {
    expect(replay(fingerprintingDetector, [{ type: 'fingerprint', at: 1, data: { technique: 'mind-reading', api: 'x' } }])).toEqual([]);
    const [d] = replay(fingerprintingDetector, [{ type: 'fingerprint', script: 'https://meet.example/app.js', at: 1, data: { technique: 'navigator', api: 'enumerateDevices' } }]);
    expect(d!.confidence).toBe('possible');
    expect(reportOf([d!]).principles.privacy.summary).not.toContain('fingerprinted');
  });
});

describe('audio fingerprinting by its set-up, font enumeration by count', () => {
  const fp = (data: Record<string, unknown>, script = 'https://cdn.tracker.example/fp.js'): PageEvent => ({ type: 'fingerprint', at: 1, script, data });

  it('a tone sent through a compressor, analyser, script processor or worklet is flagged when the graph is built, even suspended', () => {
    for (const to of ['DynamicsCompressorNode', 'AnalyserNode', 'ScriptProcessorNode', 'AudioWorkletNode']) {
      const [d] = replay(fingerprintingDetector, [fp({ technique: 'audio', api: 'connect', from: 'OscillatorNode', to, silent: false, state: 'suspended' })]);
      expect(d).toMatchObject({ kind: 'fingerprinting', key: 'fingerprinting:audio:cdn.tracker.example', confidence: 'likely' });
      expect(d!.evidence[0]!.detail).toContain('while the audio stayed suspended');
    }
    const r = reportOf(replay(fingerprintingDetector, [fp({ technique: 'audio', api: 'connect', from: 'AnalyserNode', to: 'ScriptProcessorNode', state: 'suspended' })]));
    expect(r.principles.privacy.summary).toMatch(/device is fingerprinted \(audio\)/);
  });

  it('a tone played to the speakers or through a gain is not audio fingerprinting', () => {
    expect(replay(fingerprintingDetector, [
      fp({ technique: 'audio', api: 'connect', from: 'OscillatorNode', to: 'GainNode', silent: false, state: 'running' }),
      fp({ technique: 'audio', api: 'connect', from: 'GainNode', to: 'AudioDestinationNode', silent: false, state: 'running' }),
    ])).toEqual([]);
  });

  it('20 or more families against one or two test strings is font enumeration; fewer families, or many strings, is not', () => {
    expect(replay(fingerprintingDetector, [fp({ technique: 'font', api: 'offsetWidth', fonts: 10, texts: 1 })])).toEqual([]);
    const [d] = replay(fingerprintingDetector, [fp({ technique: 'font', api: 'offsetWidth', fonts: 20, texts: 1 })]);
    expect(d!.evidence[0]!.detail).toBe('measured the same text (offsetWidth) in 20 font families, to learn which fonts are installed');
    expect(replay(fingerprintingDetector, [fp({ technique: 'font', api: 'fonts.check', fonts: 30, texts: 2 })])).toHaveLength(1);
    // a page laying out many labels in many fonts is measuring its own text, not probing
    expect(replay(fingerprintingDetector, [fp({ technique: 'font', api: 'getBoundingClientRect', fonts: 30, texts: 5 })])).toEqual([]);
  });
});

describe('workers Candor cannot see into', () => {
  it('a worker started by a script is said plainly, as a possibility that does not count as fingerprinting', () => {
    const [d] = replay(fingerprintingDetector, [{ type: 'worker', at: 1, script: 'https://cdn.tracker.example/w.js', data: { kind: 'Worker', url: 'blob:https://shop.example/1234' } }]);
    expect(d).toMatchObject({ key: 'fingerprinting:worker:cdn.tracker.example', confidence: 'possible', details: { technique: 'worker' } });
    expect(d!.evidence[0]!.detail).toBe('started a background worker (code made in the page): a worker ran that Candor could not see into');
    const r = reportOf([d!]);
    expect(r.findings[0]!.title).toContain('ran code in a background worker that Candor could not see into');
    expect(r.principles.privacy.summary).not.toContain('fingerprinted');
    expect(replay(fingerprintingDetector, [{ type: 'worker', at: 1, data: { kind: 'Thread' } }])).toEqual([]);
  });
});

describe('session replay by behaviour', () => {
  it('an unknown rrweb recorder: observes the document, follows the pointer and input, uploads → one finding', () => {
    const out = replay(sessionReplayDetector, EVENTS['rrweb-unknown-vendor']!);
    expect(new Set(out.map((d) => d.key))).toEqual(new Set(['session-replay:quietreplay.test']));
    expect(out[1]!.details).toMatchObject({ detectedBy: 'behaviour', mutationObserver: true, uploads: [{ host: 'ingest.quietreplay.test', count: 2, bytes: 6312 }] });
    const f = reportOf(out).findings[0]!;
    expect(f.title).toBe('quietreplay.test records what you do on this page (session replay)');
    expect(f.why).toContain('mouse movements');
  });

  it('autocapture analytics (DOM observer + click counting) is not a recorder', () => {
    expect(replay(sessionReplayDetector, EVENTS['autocapture-analytics']!)).toEqual([]);
  });

  it('tiny uploads are not reported, and the site’s own code needs batches: one upload of a form is not a recording', () => {
    const ev = EVENTS['rrweb-unknown-vendor']![1]!;
    expect(replay(sessionReplayDetector, [{ ...ev, data: { ...ev.data, uploads: [{ host: 'i.example', count: 1, bytes: 200, max: 200 }] } }])).toEqual([]);
    expect(replay(sessionReplayDetector, [{ ...ev, script: 'https://shop.example/app.js', data: { ...ev.data, uploads: [{ host: 'shop.example', count: 1, bytes: 4000, max: 4000 }] } }])).toEqual([]);
    expect(replay(sessionReplayDetector, [{ ...ev, script: 'https://shop.example/app.js', data: { ...ev.data, uploads: [{ host: 'shop.example', count: 3, bytes: 600, max: 200 }] } }])).toEqual([]);
  });

  it('a self-hosted recorder sending batches to the site’s own server is found, and the report says where it goes', () => {
    const ev = EVENTS['rrweb-unknown-vendor']![1]!;
    const raw = { ...ev, script: 'https://shop.example/js/recorder.js', data: { observesDocument: true, listens: ['input', 'mousemove', 'scroll'], uploads: [{ host: 'api.shop.example', count: 2, bytes: 2400, max: 1800 }] } };
    const [d] = replay(sessionReplayDetector, [raw]);
    expect(d).toMatchObject({ key: 'session-replay:shop.example', vendor: 'shop.example', details: { firstParty: true, sentTo: 'own-server', listens: ['input', 'pointer-movement', 'scroll'] } });
    expect(d!.evidence[0]!.detail).toContain('to this site’s own server (api.shop.example)');
    const f = reportOf([d!]).findings[0]!;
    expect(f.why).toContain('recorded and sent to this site’s own server');
    expect(f.why).toContain('mouse movements');
  });

  it('a catalog vendor gets the catalog key, so behaviour enriches the vendor finding', () => {
    const [d] = replay(sessionReplayDetector, [{ ...EVENTS['rrweb-unknown-vendor']![1]!, script: 'https://static.hotjar.com/c/hotjar-1.js' }]);
    expect(d).toMatchObject({ key: 'session-replay:hotjar', vendor: 'Hotjar', company: 'Contentsquare' });
  });
});

describe('key logging', () => {
  it('reports field and destination for values sent before submit, with nothing of the value', () => {
    const out = replay(keyloggingDetector, EVENTS.keylogger!);
    expect(out.map((d) => [d.details.field, d.details.destination, d.details.encoding, d.details.hashed])).toEqual([
      ['email field “email”', 'collect.formspy.test', 'plain', false],
      ['tel field “phone”', 'collect.formspy.test', 'sha256', true],
    ]);
    const r = reportOf(out);
    expect(r.findings[0]!.title).toBe('What you typed in the email field “email” was sent to collect.formspy.test before you pressed submit');
    expect(r.dataUse[0]).toMatchObject({ company: 'collect.formspy.test', data: ['typed-input'] });
  });

  it('a forged event carrying a value does not get it stored, and first-party destinations are the site’s own business', () => {
    const [d] = replay(keyloggingDetector, [{ type: 'keylog', at: 1, data: { fieldType: 'email', fieldName: 'e', destination: 'x.tracker.example', encoding: 'plain', value: 'secret@example.com' } }]);
    expect(JSON.stringify(d)).not.toContain('secret@example.com');
    expect(replay(keyloggingDetector, [{ type: 'keylog', at: 1, data: { fieldType: 'search', fieldName: 'q', destination: 'suggest.shop.example', encoding: 'plain' } }])).toEqual([]);
  });
});

describe('PII sent to ad platforms (network)', () => {
  const sha = createHash('sha256').update('jane.doe@example.com').digest('hex');
  const run = (url: string, over = {}) => piiDetector.onRequest!(req(url, { type: 'image', ...over }), ctxFor('https://pixel.example/thanks'));

  it('Facebook advanced matching: hashed e-mail and phone, the event name, and no hash in the evidence', () => {
    const out = run(`https://www.facebook.com/tr/?id=1&ev=Purchase&ud[em]=${sha}&ud[ph]=${sha}&ud[fn]=${sha}`);
    expect(out.map((d) => [d.details.type, d.details.hashed, d.details.param, d.confidence])).toEqual([
      ['email', true, 'ud[em]', 'certain'],
      ['phone', true, 'ud[ph]', 'certain'],
    ]);
    expect(out[0]!.details).toMatchObject({ events: ['Purchase'], otherFields: ['ud[fn]'], destination: 'www.facebook.com' });
    expect(out[0]!.source).toBe('network');
    expect(JSON.stringify(out)).not.toContain(sha);
  });

  it('Google enhanced conversions and a TikTok pixel JSON body', () => {
    expect(run('https://www.google.com/pagead/1p-conversion/1/?em=tv.1~em.q83vEjRWeJCrze8SNFZ4kKvN7xI0Vnia&value=1')[0]!.details).toMatchObject({ type: 'email', hashed: true });
    const tt = piiDetector.onRequest!(req('https://analytics.tiktok.com/api/v2/pixel', { type: 'xmlhttprequest', method: 'POST', body: JSON.stringify({ event: 'AddToCart', context: { user: { email: sha } } }) }), ctxFor('https://shop.example/'));
    expect(tt[0]!.details).toMatchObject({ type: 'email', hashed: true, events: ['AddToCart'], param: 'context.user.email' });
  });

  it('a plain e-mail address in any third-party parameter is reported unhashed', () => {
    const [d] = run('https://t.tracker.example/c?u=jane%40example.com');
    expect(d!.details).toMatchObject({ type: 'email', hashed: false });
    expect(reportOf([d!]).dataUse[0]!.data).toEqual(['contact-details']);
  });

  it('ordinary analytics hits and first-party requests are not PII leaks', () => {
    expect(run('https://www.google-analytics.com/g/collect?v=2&tid=G-1&cid=123.456&en=page_view&dl=https%3A%2F%2Fpixel.example%2F')).toEqual([]);
    expect(run(`https://pixel.example/api/newsletter?email=jane%40example.com`)).toEqual([]);
  });
});

describe('identifiers', () => {
  const ctx = ctxFor('https://news.example/');
  it('a third-party Set-Cookie with an id-like value is an identifier; flags and first-party cookies are not', () => {
    const out = identifiersDetector.onRequest!(
      req('https://px.beacon.example/p.gif?uid=1234567890', {
        phase: 'response',
        setCookies: [
          { name: 'uid', valueLength: 16, looksLikeId: true, maxAgeDays: 365 },
          { name: 'consent', valueLength: 1, looksLikeId: false, maxAgeDays: 365 },
        ],
      }),
      ctx,
    );
    expect(out.map((d) => d.details)).toEqual([{ name: 'uid', storage: 'cookie', thirdParty: true, domain: 'beacon.example', setBy: 'px.beacon.example', lifetimeDays: 365 }]);
    expect(out[0]!.evidence[0]!.url).toBe('https://px.beacon.example/p.gif?uid=…');
    expect(identifiersDetector.onRequest!(req('https://news.example/x', { phase: 'response', setCookies: [{ name: 'sid', valueLength: 20, looksLikeId: true, maxAgeDays: 1 }] }), ctx)).toEqual([]);
  });

  it('known tracking cookies on the page are named with what they are for; unknown names are left alone', () => {
    const snap: DomSnapshot = { url: 'https://news.example/', isTop: true, title: '', lang: '', scripts: [], iframes: [], at: 1, sections: { identifiers: [
      { name: '_ga', storage: 'cookie', length: 26, idLike: true },
      { name: '_gcl_au', storage: 'cookie', length: 20, idLike: true },
      { name: 'theme', storage: 'localStorage', length: 4, idLike: false },
    ] } };
    const out = identifiersDetector.onDom!(snap, ctx);
    expect(out.map((d) => [d.details.name, d.company])).toEqual([['_ga', 'Google'], ['_gcl_au', 'Google']]);
    expect(reportOf(out, 'https://news.example/').findings[1]!.why).toBe('It links your visit to the Google ad you clicked (conversion tracking).');
  });

  it('the cookie catalog is sourced and its patterns match', () => {
    expect(() => validateCookieCatalog(JSON.parse(readFileSync(join(ROOT, 'seeds/cookies/tracking-cookies.json'), 'utf8')))).not.toThrow();
    expect(knownCookie('mp_abc123_mixpanel')?.vendor).toBe('Mixpanel');
    expect(knownCookie('_ga_XYZ')?.vendor).toBe('Google Analytics');
    expect(knownCookie('mp_')).toBeUndefined();
    expect(() => validateCookieCatalog({ entries: [{ name: 'x', vendor: 'v', company: 'c', purpose: 'p', source: 'nope', checked: '2026' }] })).toThrow(/source must be a URL/);
  });
});

describe('helpers', () => {
  it('redactUrl keeps parameter names and short flags, drops values', () => {
    expect(redactUrl('https://t.example/c?v=2&dl=https%3A%2F%2Fshop&em=abcdef#x')).toBe('https://t.example/c?v=2&dl=…&em=…');
    expect(redactUrl('https://t.example/c')).toBe('https://t.example/c');
  });
  it('md5 matches Node’s', () => {
    for (const s of ['', 'candor.canary.probe@example.com', 'héllo wörld', 'x'.repeat(200)]) expect(md5(s)).toBe(createHash('md5').update(s).digest('hex'));
  });
});
