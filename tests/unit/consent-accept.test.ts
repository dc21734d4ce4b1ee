// Accepting a consent banner on request (the audit's `accepted` customer view): the background asks
// the frame that found the banner for autoconsent's opt-in, and Candor's own "yes" is recorded as
// Candor's, never as the person's. Rejecting still asks for the opt-out.
import { describe, expect, it, vi } from 'vitest';
import { consentHandlers } from '../../src/background/handlers/consent';
import type { BackgroundDeps } from '../../src/background/handlers/types';
import type { Sender } from '../../src/background/messages';
import { consentDetector } from '../../src/detectors/consent';
import type { PageEvent } from '../../src/model/observations';
import { CONTROL } from '../../src/observe/consent/autoconsent';
import { buildReport as buildSiteReport } from './build-report';
import { ctxFor, visitFor } from './helpers';

function setup(answer: (msg: unknown) => Promise<unknown>, cmp?: string) {
  const sent: unknown[] = [];
  const events: PageEvent[] = [];
  const deps = {
    db: {} as never,
    browser: { tabs: { sendMessage: vi.fn(async (_tab: number, msg: unknown) => (sent.push(msg), answer(msg))) } } as never,
    engine: { visitFor: async () => visitFor('https://shop.example/'), onPageEvents: async (_t: number, evs: PageEvent[]) => void events.push(...evs) } as never,
    ignoredTabs: new Set<number>(),
    visitReady: async () => {},
    reportForTab: async () => (cmp ? { findings: [{ kind: 'consent-banner', details: { cmp, shown: true } }] } : null),
  } as unknown as BackgroundDeps;
  return { h: consentHandlers(deps), sent, events };
}

const frame: Sender = { id: 'x', url: 'https://shop.example/', tab: { id: 3 }, frameId: 0 };

describe('consent/accept', () => {
  it('asks the banner frame for the opt-in, with the opt-in steps of the CMP found on the page', async () => {
    const { h, sent } = setup(async () => ({ ok: true, cmp: 'cookieconsent3' }), 'cookieconsent3');
    const r = await h['consent/accept']!({ tabId: 3 }, {});
    expect(r).toEqual({ ok: true, message: 'Accepted the cookieconsent3 banner.' });
    // autoconsent's own rule for vanilla-cookieconsent v3: its "accept all" button
    expect(sent).toEqual([{ type: CONTROL, action: 'optIn', steps: [{ waitForThenClick: '.cm__btn[data-role=all]' }] }]);
  });

  it('a CMP opted in by its own code (Klaro), or none known: no steps are sent', async () => {
    const klaro = setup(async () => ({ ok: true, cmp: 'Klaro' }), 'Klaro');
    await klaro.h['consent/accept']!({ tabId: 3 }, {});
    expect(klaro.sent).toEqual([{ type: CONTROL, action: 'optIn' }]);
    const unknown = setup(async () => ({ ok: true, cmp: 'x' }), '__proto__');
    await unknown.h['consent/accept']!({ tabId: 3 }, {});
    expect(unknown.sent).toEqual([{ type: CONTROL, action: 'optIn' }]);
  });

  it('says so when no frame has a banner, or the opt-in failed', async () => {
    const none = setup(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect(await none.h['consent/accept']!({ tabId: 3 }, {})).toMatchObject({ ok: false, message: expect.stringContaining('no consent banner') });
    const failed = setup(async () => ({ ok: false, cmp: 'Klaro' }));
    expect((await failed.h['consent/accept']!({ tabId: 3 }, {})).ok).toBe(false);
  });

  it('rejecting still asks for the opt-out', async () => {
    const { h, sent } = setup(async () => ({ ok: true, cmp: 'Klaro' }));
    await h['consent/reject']!({ tabId: 3, always: false }, {});
    expect(sent).toEqual([{ type: CONTROL }]);
  });
});

describe("autoconsent's opt-in result", () => {
  it('a successful opt-in is recorded as accepted by Candor, and the report says Candor did it', async () => {
    const { h, events } = setup(async () => null);
    await h['consent/autoconsent']!({ msg: { type: 'optInResult', cmp: 'cookieconsent3', result: true } }, frame);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ phase: 'choice', cmp: 'cookieconsent3', choice: 'accepted', by: 'candor' });

    const ctx = ctxFor('https://shop.example/');
    const shown = consentDetector.onPageEvent!({ type: 'consent-cmp', at: 1, data: { phase: 'popup', cmp: 'cookieconsent3', rejectOnFirstLayer: true } }, ctx)[0]!;
    const choice = consentDetector.onPageEvent!(events[0]!, ctx)[0]!;
    expect(choice.details).toMatchObject({ choice: 'accepted', choiceBy: 'candor' });
    expect(choice.evidence[0]!.detail).toContain('Candor accepted');
    const finding = { ...shown, ...choice, details: { ...shown.details, ...choice.details }, id: '1', visitId: 'v1', site: 'shop.example', count: 1, firstAt: 1, lastAt: 2 };
    const report = buildSiteReport({ visit: visitFor('https://shop.example/'), findings: [finding as never], tool: { version: 't', browser: 't' } });
    const title = report.findings.find((f) => f.kind === 'consent-banner')!.title;
    expect(title).toContain('Candor accepted it');
    expect(title).not.toContain('you accepted');
  });

  it('a failed opt-in records nothing', async () => {
    const { h, events } = setup(async () => null);
    await h['consent/autoconsent']!({ msg: { type: 'optInResult', cmp: 'Klaro', result: false } }, frame);
    expect(events).toEqual([]);
  });
});
