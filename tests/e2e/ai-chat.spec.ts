// AI transparency end to end: real chat loaders and UIs on fixture sites, the built extension reading
// them (top page, cross-origin frames, shadow roots), and what the popup says at a glance.
import type { Page as CorePage } from 'playwright-core';
import { openChatProbe } from '../../src/cli/probes/open-chat';
import type { SiteReport } from '../../src/model/report';
import { expect, reportFor, tabIdFor, test } from './fixtures';
import type { Launched } from '../../src/cli/launch';

type Finding = SiteReport['findings'][number];

async function chatOf(ext: Launched, url: string, pred: (f: Finding) => boolean = () => true): Promise<Finding | undefined> {
  const r = await reportFor(ext, url);
  return r?.findings.find((f) => f.kind === 'ai-chat' && pred(f));
}

async function popupFor(ext: Launched, url: string) {
  const tabId = await tabIdFor(ext, url);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  return popup;
}

async function openChat(ext: Launched, page: Awaited<ReturnType<Launched['context']['newPage']>>, url: string) {
  await openChatProbe.run(page as unknown as CorePage, { url, tabId: await tabIdFor(ext, url), ext, log: () => {} });
}

test('Intercom (real npm loader): Fin says it is an AI agent inside its frame and offers the team', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('intercom-shop.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await chatOf(ext, url))?.vendor, { timeout: 15000 }).toBe('Intercom');
  // before anyone opens it Candor has only seen the launcher: it cannot tell yet
  expect((await chatOf(ext, url))!.details.aiDisclosed).toBeNull();
  await openChat(ext, page, url);
  await expect.poll(async () => (await chatOf(ext, url))?.details.aiDisclosed, { timeout: 15000 }).toBe(true);
  const f = (await chatOf(ext, url))!;
  expect(f.details.humanHandoff).toBe(true);
  expect(f.details.text).toContain("I'm Fin, an AI agent");
  expect(f.assessment).toBe('good');
  const report = (await reportFor(ext, url))!;
  expect(report.findings.filter((x) => x.kind === 'ai-chat')).toHaveLength(1);
  expect(report.findings.some((x) => x.kind === 'human-contact' && x.details.channel === 'email')).toBe(true);

  const popup = await popupFor(ext, url);
  const card = popup.locator('.ai-chat-card');
  await expect(card.locator('.ai-present')).toHaveText('There is an AI assistant here (Intercom)');
  await expect(card.locator('.ai-disclosed')).toHaveText(/It tells you it is an AI/);
  await expect(card.locator('.ai-human')).toHaveText(/You can reach a human through the chat/);
  await expect(card.locator('.ai-evidence')).toContainText("I'm Fin, an AI agent");
});

test('LiveChat (real npm loader): a German greeting in a cross-origin frame discloses the assistant', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('livechat-hotel.test', '/');
  await page.goto(url);
  // the greeting is read in the vendor's cross-origin frame once it has drawn it: on a loaded two-core
  // machine that can take longer than the other widgets (seen: still unread after 15 s)
  await expect.poll(async () => (await chatOf(ext, url))?.details.aiDisclosed, { timeout: 40000 }).toBe(true);
  const f = (await chatOf(ext, url))!;
  expect(f.vendor).toBe('LiveChat');
  expect(f.details.text).toContain('digitale Assistent');
  expect(f.details.humanHandoff).toBe(true);
  const popup = await popupFor(ext, url);
  await expect(popup.locator('.ai-chat-card .ai-disclosed')).toHaveAttribute('data-value', 'yes');
  await expect(popup.locator('.ai-chat-card .ai-human')).toHaveText(/through the chat or by phone/);
});

test('Crisp (real npm loader): a live chat that does not say who answers is "cannot tell", not a concern', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('crisp-store.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await chatOf(ext, url))?.details.humanHandoff, { timeout: 15000 }).toBe(true);
  const f = (await chatOf(ext, url))!;
  expect(f.vendor).toBe('Crisp');
  expect(f.details.aiDisclosed).toBeNull();
  expect(f.assessment).toBe('info');
  const popup = await popupFor(ext, url);
  await expect(popup.locator('.ai-chat-card .ai-present')).toHaveText('There is a chat assistant here (Crisp) — it may be an AI');
  await expect(popup.locator('.ai-chat-card .ai-disclosed')).toHaveText(/does not say whether a person or an AI answers/);
});

test('n8n chat (real UI) without a disclosure: an AI that does not say so, and no way to a human', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('n8n-bank.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await chatOf(ext, url))?.vendor, { timeout: 15000 }).toBe('n8n Chat');
  await openChat(ext, page, url);
  await expect(page.locator('.chat-window')).toContainText('My name is Nathan');
  await expect.poll(async () => (await chatOf(ext, url))?.details.aiDisclosed, { timeout: 15000 }).toBe(false);
  const f = (await chatOf(ext, url))!;
  expect(f.details.humanHandoff).toBe(false);
  expect(f.details.text).toContain('My name is Nathan');
  expect(f.assessment).toBe('concern');
  expect(f.title).toBe('The chat assistant (n8n Chat) is an AI but does not say so');
  expect(f.why).toContain('EU AI Act (Article 50(1))');
  const report = (await reportFor(ext, url))!;
  expect(report.principles.transparency.score).toBeLessThanOrEqual(55);

  const popup = await popupFor(ext, url);
  await expect(popup.locator('.ai-chat-card .ai-present')).toHaveText('There is an AI assistant here (n8n Chat)');
  await expect(popup.locator('.ai-chat-card .ai-disclosed')).toHaveText(/It does not tell you it is an AI/);
  await expect(popup.locator('.ai-chat-card .ai-human')).toHaveText(/You cannot reach a human/);
  await expect(popup.locator('.ai-chat-card .ai-evidence')).toContainText('My name is Nathan');
});

test('n8n chat (real UI) with a disclosure: credited, with the human adviser and the phone line', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('n8n-insurer.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await chatOf(ext, url))?.vendor, { timeout: 15000 }).toBe('n8n Chat');
  await openChat(ext, page, url);
  await expect.poll(async () => (await chatOf(ext, url))?.details.aiDisclosed, { timeout: 15000 }).toBe(true);
  const f = (await chatOf(ext, url))!;
  expect(f.details.humanHandoff).toBe(true);
  expect(f.assessment).toBe('good');
  const popup = await popupFor(ext, url);
  await expect(popup.locator('.ai-chat-card .ai-disclosed')).toHaveText(/It tells you it is an AI/);
  await expect(popup.locator('.ai-chat-card .ai-human')).toHaveText(/through the chat or by phone/);
  await popup.locator('.principle[data-principle="transparency"] .principle-head').click();
  await expect(popup.locator('.finding[data-kind="ai-chat"] .finding-title')).toHaveText(/tells you it is an AI/);
});

test('an unknown widget in an open shadow root is found generically and judged AI from its model name', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('generic-assistant.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await chatOf(ext, url))?.details.aiDisclosed, { timeout: 15000 }).toBe(false);
  const f = (await chatOf(ext, url))!;
  expect(f.vendor).toBeUndefined();
  expect(f.confidence).toBe('possible');
  expect(f.details.text).toContain("I'm Sunny");
  const popup = await popupFor(ext, url);
  await expect(popup.locator('.ai-chat-card .ai-present')).toHaveText('There is an AI assistant here');
  await expect(popup.locator('.ai-chat-card .ai-human')).toHaveText(/through a contact form — not through the chat/);
});

test('negatives: a contact form without chat, and a chat-like FAQ accordion, show no AI chat', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const contact = server.url('contact-only.test', '/');
  await page.goto(contact);
  await expect
    .poll(async () => (await reportFor(ext, contact))?.findings.filter((f) => f.kind === 'human-contact').map((f) => f.details.channel).sort(), { timeout: 15000 })
    .toEqual(['email', 'form', 'phone']);
  const faq = server.url('faq-accordion.test', '/');
  const page2 = await ext.context.newPage();
  await page2.goto(faq);
  await page2.locator('summary').first().click();
  await page2.waitForTimeout(3000);
  for (const url of [contact, faq]) {
    const r = (await reportFor(ext, url))!;
    expect(r.findings.filter((f) => f.kind === 'ai-chat' || f.kind === 'ai-disclosure'), url).toEqual([]);
    const popup = await popupFor(ext, url);
    await expect(popup.locator('.report')).toBeVisible();
    await expect(popup.locator('.ai-glance')).toHaveCount(0);
  }
});

test('audit --interact opens the chat launcher and reports what the assistant said', async ({ server }) => {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { ROOT } = await import('./fixtures');
  const url = server.url('n8n-bank.test', '/');
  // --insecure: the chat bundle comes from https://cdn.jsdelivr.net, served here with a self-signed cert
  const args = ['--import', 'tsx', 'src/cli/main.ts', '--json', '--insecure', '--wait', '1500', '--allow-private', '--host-resolver-rules', server.hostResolverRules];
  const [without, withProbe] = await Promise.all([
    promisify(execFile)(process.execPath, [...args, url], { cwd: ROOT }),
    promisify(execFile)(process.execPath, [...args, '--interact', url], { cwd: ROOT }),
  ]);
  const chat = (out: string) => (JSON.parse(out) as SiteReport[])[0]!.findings.find((f) => f.kind === 'ai-chat')!;
  // without opening it, only the closed launcher is visible: Candor cannot tell
  expect(chat(without.stdout).details.aiDisclosed).toBeNull();
  // opened like a person would: the greeting was read and it never says it is an AI
  expect(chat(withProbe.stdout).details).toMatchObject({ aiDisclosed: false, humanHandoff: false });
  expect(chat(withProbe.stdout).details.text).toContain('My name is Nathan');
});

test('every chat catalog selector parses in Chromium (the browser the scanner runs in)', async ({ ext }) => {
  const { loadCatalogFromDir } = await import('../../src/catalog/load-node');
  const { ROOT } = await import('./fixtures');
  const selectors = loadCatalogFromDir(`${ROOT}/seeds/catalog`).flatMap((e) => (e.selectors ?? []).map((s) => `${e.id}: ${s}`));
  const page = await ext.context.newPage();
  const bad = await page.evaluate((list: string[]) => {
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
  expect(selectors.length).toBeGreaterThan(100);
  expect(bad).toEqual([]);
});

test('Flowise (real UI in an open shadow root): a French greeting discloses the virtual assistant', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const url = server.url('clinique-flowise.test', '/');
  await page.goto(url);
  await expect.poll(async () => (await chatOf(ext, url))?.vendor, { timeout: 15000 }).toBe('Flowise embed');
  await openChat(ext, page, url);
  await expect.poll(async () => (await chatOf(ext, url))?.details.aiDisclosed, { timeout: 15000 }).toBe(true);
  const f = (await chatOf(ext, url))!;
  expect(f.details.text).toContain('assistant virtuel');
  expect(f.details.humanHandoff).toBe(true);
  // the widget's own shadow root is not reported a second time as an unknown chat
  expect((await reportFor(ext, url))!.findings.filter((x) => x.kind === 'ai-chat')).toHaveLength(1);
  const popup = await popupFor(ext, url);
  await expect(popup.locator('.ai-chat-card .ai-disclosed')).toHaveText(/It tells you it is an AI/);
});
