// AI chat transparency in Firefox, on the fixture sites of ai-chat.spec.ts: real chat loaders and UIs
// (Intercom, LiveChat, Crisp, n8n, Flowise, an unknown widget in a shadow root), opened as the audit's
// --interact probe opens them. The same steps run in Chromium and Firefox; the reports must agree
// except for the parity table.
import type { AuditPage } from '../../src/cli/driver';
import { openChatProbe } from '../../src/cli/probes/open-chat';
import type { Finding } from '../../src/model/finding';
import type { SiteReport } from '../../src/model/report';
import { expect, runInBoth, test } from './firefox-fixtures';
import type { Step, StepContext } from './parity/session';

const chat = (r: SiteReport | null): Finding | undefined => r?.findings.find((f) => f.kind === 'ai-chat');
const openChat = (s: StepContext) => openChatProbe.run(s.page as AuditPage, { url: s.url, tabId: s.tabId, ext: s.b, log: () => {} });

test('AI chat findings in Firefox are the same as in Chromium on every chat fixture site', async ({ server }) => {
  test.setTimeout(420_000);
  const url = (host: string) => server.url(host, '/');
  const opened = (host: string, vendor: string, disclosed: boolean, act?: (s: StepContext) => Promise<unknown>): Step[] => [
    { site: host, url: url(host), does: 'before the chat is opened', ready: (r) => chat(r)?.vendor === vendor },
    {
      site: host,
      url: url(host),
      stay: true,
      does: 'the chat opened like a person would',
      act: async (s) => {
        await openChat(s);
        await act?.(s);
      },
      ready: (r) => chat(r)?.details.aiDisclosed === disclosed,
    },
  ];
  const { loadCatalogFromDir } = await import('../../src/catalog/load-node');
  const { ROOT } = await import('./fixtures');
  const selectors = loadCatalogFromDir(`${ROOT}/seeds/catalog`).flatMap((e) => (e.selectors ?? []).map((sel) => `${e.id}: ${sel}`));
  expect(selectors.length).toBeGreaterThan(100);
  const steps: Step[] = [
    {
      site: 'contact-only.test',
      url: url('contact-only.test'),
      does: 'every catalog selector parses in this browser (the scanner runs in its content script)',
      act: async (s) => {
        const bad = await s.page.evaluate((list: string[]) => {
          const out: string[] = [];
          for (const item of list) {
            try {
              document.querySelector(item.slice(item.indexOf(': ') + 2));
            } catch {
              out.push(item);
            }
          }
          return out;
        }, selectors);
        expect(bad, s.b.name).toEqual([]);
      },
      ready: (r) => r.findings.filter((f) => f.kind === 'human-contact').length === 3,
    },
    ...opened('intercom-shop.test', 'Intercom', true),
    { site: 'livechat-hotel.test', url: url('livechat-hotel.test'), ready: (r) => chat(r)?.details.aiDisclosed === true },
    { site: 'crisp-store.test', url: url('crisp-store.test'), ready: (r) => chat(r)?.details.humanHandoff === true },
    ...opened('n8n-bank.test', 'n8n Chat', false, (s) => s.until('the greeting', () => s.page.evaluate(() => !!document.querySelector('.chat-window')?.textContent?.includes('My name is Nathan')))),
    ...opened('n8n-insurer.test', 'n8n Chat', true),
    { site: 'generic-assistant.test', url: url('generic-assistant.test'), ready: (r) => chat(r)?.details.aiDisclosed === false },
    {
      site: 'faq-accordion.test',
      url: url('faq-accordion.test'),
      does: 'a chat-like FAQ, opened',
      act: async (s) => {
        await s.page.locator('summary').nth(0).click();
        await s.page.waitForTimeout(3000); // the content script's rescans get their chance to misfire
      },
      ready: () => true,
    },
    ...opened('clinique-flowise.test', 'Flowise embed', true),
  ];
  const { firefox } = await runInBoth(server, steps);
  const ff = (site: string, i = 0) => firefox.filter((s) => s.site === site)[i]!.report!;
  expect(chat(ff('intercom-shop.test'))!.details.aiDisclosed).toBeNull();
  expect(chat(ff('intercom-shop.test', 1))).toMatchObject({ assessment: 'good', details: { humanHandoff: true, text: expect.stringContaining("I'm Fin, an AI agent") } });
  expect(chat(ff('livechat-hotel.test'))).toMatchObject({ vendor: 'LiveChat', details: { humanHandoff: true, text: expect.stringContaining('digitale Assistent') } });
  expect(chat(ff('crisp-store.test'))).toMatchObject({ vendor: 'Crisp', assessment: 'info', details: { aiDisclosed: null } });
  expect(chat(ff('n8n-bank.test', 1))).toMatchObject({ assessment: 'concern', title: 'The chat assistant (n8n Chat) is an AI but does not say so', details: { humanHandoff: false } });
  expect(ff('n8n-bank.test', 1).principles.transparency.score).toBeLessThanOrEqual(55);
  expect(chat(ff('n8n-insurer.test', 1))).toMatchObject({ assessment: 'good', details: { humanHandoff: true } });
  expect(chat(ff('generic-assistant.test'))).toMatchObject({ confidence: 'possible', details: { text: expect.stringContaining("I'm Sunny") } });
  expect(chat(ff('generic-assistant.test'))!.vendor).toBeUndefined();
  for (const host of ['contact-only.test', 'faq-accordion.test']) expect(ff(host).findings.filter((f) => f.kind === 'ai-chat' || f.kind === 'ai-disclosure'), host).toEqual([]);
  expect(ff('clinique-flowise.test', 1).findings.filter((f) => f.kind === 'ai-chat')).toHaveLength(1);
  expect(chat(ff('clinique-flowise.test', 1))!.details.text).toContain('assistant virtuel');
});
