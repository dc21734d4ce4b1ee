// The chat detector on recorded snapshots: pieces from the top page and the widget's frame combine
// into one finding per widget and visit, and the report answers "AI? says so? a person?".
import { describe, expect, it } from 'vitest';
import { parse as parseSelector } from 'css-what';
import { chatDetector } from '../../src/detectors/chat';
import { mergeDraft } from '../../src/background/merge';
import { validateCatalogFile } from '../../src/catalog/schema';
import type { FindingDraft, StoredFinding } from '../../src/model/finding';
import type { DomSnapshot } from '../../src/model/observations';
import { buildReport as buildSiteReport } from './build-report';
import { CATALOG, ctxFor, ROOT, visitFor } from './helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const URL_ = 'https://shop.example/';
const ctx = ctxFor(URL_);

function snap(over: Partial<DomSnapshot>): DomSnapshot {
  return { url: URL_, isTop: true, title: '', lang: 'en', scripts: [], iframes: [], sections: {}, at: 1_700_000_000_000, ...over };
}

/** What the engine does: merge drafts by key, then the report builder derives and words them. */
function report(drafts: FindingDraft[]) {
  const visit = visitFor(URL_);
  const byKey = new Map<string, StoredFinding>();
  drafts.forEach((d, i) => byKey.set(d.key, mergeDraft(byKey.get(d.key), d, visit, visit.startedAt + i)));
  return buildSiteReport({ visit, findings: [...byKey.values()], tool: { version: 't', browser: 'test' } });
}

const chatOf = (r: ReturnType<typeof report>) => r.findings.filter((f) => f.kind === 'ai-chat');

describe('chat catalog', () => {
  const file = JSON.parse(readFileSync(join(ROOT, 'seeds/catalog/chat.json'), 'utf8'));
  it('validates and has at least 40 chat vendors, each with a source and a way to find it', () => {
    validateCatalogFile('chat.json', file);
    const chats = file.entries.filter((e: { roles: string[] }) => e.roles.includes('chat') || e.roles.includes('ai-chat'));
    expect(chats.length).toBeGreaterThanOrEqual(40);
    for (const e of chats) {
      expect(e.category).toBe('customer-interaction');
      expect(typeof e.aiFirst).toBe('boolean');
      expect(e.hosts.length + (e.scriptPatterns?.length ?? 0) + (e.selectors?.length ?? 0)).toBeGreaterThan(0);
    }
    expect(new Set(CATALOG.map((e) => e.id)).size).toBe(CATALOG.length);
  });
  it('every selector parses', () => {
    // css-what is the selector parser of css-select/cheerio; the browser parses at least as much
    for (const e of file.entries) for (const s of e.selectors ?? []) expect(() => parseSelector(s), `${e.id}: ${s}`).not.toThrow();
    expect(() => parseSelector('iframe[src*=')).toThrow();
  });
});

describe('chat detector', () => {
  it('combines the top-page launcher and the cross-origin frame greeting into one disclosed AI chat', () => {
    const top = chatDetector.onDom!(
      snap({ sections: { chat: { widgets: [{ how: 'catalog', catalogId: 'livechat', text: '', labels: ['Open LiveChat'], frameSrc: 'https://secure.livechatinc.com/customer/x' }], aiLabels: [] } } }),
      ctx,
    );
    const frame = chatDetector.onDom!(
      snap({ url: 'https://secure.livechatinc.com/customer/x', isTop: false, sections: { chat: { widgets: [], aiLabels: [], frame: { text: "Hi! I'm Max, a virtual assistant. Want to talk to a live agent?", labels: [], isPanel: true } } } }),
      ctx,
    );
    // a later top-page scan without text must not erase what the frame said
    const again = chatDetector.onDom!(snap({ sections: { chat: { widgets: [{ how: 'catalog', catalogId: 'livechat', text: '', labels: [] }], aiLabels: [] } } }), ctx);
    const r = report([...top, ...frame, ...again]);
    const chats = chatOf(r);
    expect(chats).toHaveLength(1);
    expect(chats[0]!.vendor).toBe('LiveChat');
    expect(chats[0]!.details).toMatchObject({ aiDisclosed: true, humanHandoff: true });
    expect(chats[0]!.details.text).toContain('virtual assistant');
    expect(chats[0]!.assessment).toBe('good');
    expect(chats[0]!.why).toContain('Article 50(1)');
    expect(r.findings.some((f) => f.kind === 'human-contact' && f.details.channel === 'chat-handoff')).toBe(true);
  });

  it('an AI-first widget whose greeting says nothing about AI is a concern', () => {
    const d = chatDetector.onDom!(
      snap({ sections: { chat: { widgets: [{ how: 'catalog', catalogId: 'n8n-chat', open: true, text: 'Hi there! 👋 My name is Nathan. How can I assist you today?', labels: ['Type your question..'] }], aiLabels: [] } } }),
      ctx,
    );
    const r = report(d);
    const [c] = chatOf(r);
    expect(c!.details).toMatchObject({ aiDisclosed: false, humanHandoff: false });
    expect(c!.assessment).toBe('concern');
    expect(c!.title).toBe('The chat assistant (n8n Chat) is an AI but does not say so');
    expect(r.principles.transparency.score).toBeLessThan(70);
  });

  it('the same AI-first widget still closed (only its launcher shown) is null: nothing was said yet', () => {
    const d = chatDetector.onDom!(snap({ sections: { chat: { widgets: [{ how: 'catalog', catalogId: 'n8n-chat', open: false, text: 'Chat', labels: [] }], aiLabels: [] } } }), ctx);
    const [c] = chatOf(report(d));
    expect(c!.details).toMatchObject({ aiDisclosed: null, humanHandoff: null });
  });

  it('a live-chat widget that says nothing about who answers is null, not false', () => {
    const d = chatDetector.onDom!(snap({ sections: { chat: { widgets: [{ how: 'catalog', catalogId: 'crisp', text: 'Hello! How can we help?', labels: [] }], aiLabels: [] } } }), ctx);
    const [c] = chatOf(report(d));
    expect(c!.details.aiDisclosed).toBeNull();
    expect(c!.assessment).toBe('info');
  });

  it('an AI-first widget seen only by its script is null until its text is read', () => {
    const d = chatDetector.onDom!(snap({ scripts: ['https://www.chatbase.co/embed.min.js'] }), ctx);
    const [c] = chatOf(report(d));
    expect(c!.vendor).toBe('Chatbase');
    expect(c!.details.aiDisclosed).toBeNull();
    expect(c!.details.humanHandoff).toBeNull();
  });

  it('an unknown widget in an open shadow root that names its model is judged AI', () => {
    const d = chatDetector.onDom!(
      snap({ sections: { chat: { widgets: [{ how: 'panel', text: 'Shopping helper · Ask me anything · Powered by OpenAI', labels: [] }], aiLabels: [] } } }),
      ctx,
    );
    const [c] = chatOf(report(d));
    expect(c!.vendor).toBeUndefined();
    expect(c!.confidence).toBe('possible');
    expect(c!.details.aiDisclosed).toBe(false);
  });

  it('a frame that is neither a chat vendor nor chat-shaped is ignored (ads, videos)', () => {
    const d = chatDetector.onDom!(snap({ url: 'https://ads.example.net/x', isTop: false, sections: { chat: { widgets: [], aiLabels: [], frame: { text: 'Buy now', labels: [], isPanel: false } } } }), ctx);
    expect(d).toEqual([]);
  });

  it('human contact from links: phone, e-mail, contact page', () => {
    const d = chatDetector.onDom!(
      snap({
        sections: {
          links: [
            { href: 'tel:+4930123456', text: 'Call us', label: '', inFooter: true, visible: true },
            { href: 'mailto:help@shop.example', text: 'help@shop.example', label: '', inFooter: true, visible: true },
            { href: 'https://shop.example/kontakt', text: 'Kontakt', label: '', inFooter: true, visible: true },
            { href: 'https://shop.example/about', text: 'About', label: '', inFooter: true, visible: true },
          ],
          chat: { widgets: [], aiLabels: [] },
        },
      }),
      ctx,
    );
    const r = report(d);
    expect(r.findings.filter((f) => f.kind === 'human-contact').map((f) => f.details.channel).sort()).toEqual(['email', 'form', 'phone']);
    expect(chatOf(r)).toEqual([]);
    expect(r.principles.human.assessed).toBe(true);
  });

  it('AI content labels on the page become ai-disclosure; other AI mentions do not', () => {
    const d = chatDetector.onDom!(
      snap({ sections: { chat: { widgets: [], aiLabels: ['Review summary — AI-generated from 212 reviews', 'Our position on the EU AI Act', 'AI'] } } }),
      ctx,
    );
    const r = report(d);
    const labels = r.findings.filter((f) => f.kind === 'ai-disclosure');
    expect(labels).toHaveLength(1);
    expect(labels[0]!.details.text).toContain('AI-generated');
    expect(labels[0]!.assessment).toBe('good');
  });

  it('a chat vendor script request is network evidence of the widget', () => {
    const d = chatDetector.onRequest!({ phase: 'request', url: 'https://widget.intercom.io/widget/abc', type: 'script', method: 'GET', tabId: 1, frameId: 0, topUrl: URL_, at: 1 }, ctx);
    expect(d[0]).toMatchObject({ kind: 'ai-chat', key: 'ai-chat:intercom', source: 'network' });
  });
});

describe('chat detector: frames listed by the top page', () => {
  it('a known chat vendor frame in the page is a widget even before its own snapshot arrives', () => {
    const d = chatDetector.onDom!(snap({ iframes: [{ src: 'https://www.chatbase.co/chatbot-iframe/abc', title: 'Chatbot' }], sections: {} }), ctx);
    expect(d.map((x) => x.key)).toEqual(['ai-chat:chatbase']);
  });
  it('an unrelated frame is not', () => {
    expect(chatDetector.onDom!(snap({ iframes: [{ src: 'https://www.youtube.com/embed/x', title: 'Video' }], sections: {} }), ctx)).toEqual([]);
  });
});
