// AI transparency: which chat widget is on the page, whether it says it is an AI, whether a person can
// be reached (docs/report.md kinds ai-chat, ai-disclosure, human-contact).
//
// A widget is seen in pieces: its script request, its page global, its launcher in the top page, its
// greeting inside a (often cross-origin) frame. Every piece becomes a draft with the same key
// `ai-chat:<catalog id | unknown>`, so the engine merges them into one finding per widget and visit.
// Pieces only ever add facts (the text read, the disclosure phrase, the hand-off phrase), because a
// later snapshot must not erase an earlier one; `derive` then decides aiDisclosed / humanHandoff once
// over everything the visit saw.
import type { CatalogEntry } from '../catalog/schema';
import { capText, capUrl, type FindingDraft, type StoredFinding } from '../model/finding';
import type { DomSnapshot, VisitInfo } from '../model/observations';
import { aiContentLabelIn, aiDisclosureIn, aiHintIn, humanHandoffIn } from './ai-language';
import type { Detector, DetectorContext } from './types';

const TEXT_MAX = 300;
const isChat = (e: CatalogEntry) => e.roles.includes('chat') || e.roles.includes('ai-chat');

interface WidgetObs {
  catalogId?: string;
  how?: string;
  text?: string;
  labels?: string[];
  frameSrc?: string;
  open?: boolean;
}
interface FrameObs {
  text?: string;
  labels?: string[];
  isPanel?: boolean;
  catalogId?: string;
}
interface LinkObs {
  href?: string;
  text?: string;
  label?: string;
  visible?: boolean;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** The chat vendor a URL (script, frame) belongs to: our catalog by host, then by path pattern. */
export function chatVendorOfUrl(url: string, ctx: DetectorContext): CatalogEntry | undefined {
  const host = hostOf(url);
  if (!host) return undefined;
  const m = ctx.trackers.lookup(host);
  const byHost = m?.catalogId ? ctx.catalog.find((c) => c.id === m.catalogId && isChat(c)) : undefined;
  if (byHost) return byHost;
  const lower = url.toLowerCase();
  return ctx.catalog.find((c) => isChat(c) && c.scriptPatterns?.some((p) => lower.includes(p.toLowerCase())));
}

const str = (v: unknown, max = TEXT_MAX): string => (typeof v === 'string' ? capText(v, max) : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 12) : []);

interface Piece {
  entry?: CatalogEntry;
  how: string;
  /** conversation-surface text (panel, greeting, frame) or launcher text */
  text: string;
  isLauncher: boolean;
  source: FindingDraft['source'];
  url?: string;
  at: number;
}

/** One widget piece → its ai-chat draft (facts only) plus a chat hand-off contact when it offers a person. */
function draftsForPiece(p: Piece): FindingDraft[] {
  const ai = p.text ? aiDisclosureIn(p.text) : null;
  const human = p.text ? humanHandoffIn(p.text) : null;
  const hint = p.text && !ai ? aiHintIn(p.text) : null;
  const e = p.entry;
  const at = new Date(p.at).toISOString();
  const out: FindingDraft[] = [
    {
      kind: 'ai-chat',
      key: `ai-chat:${e?.id ?? 'unknown'}`,
      ...(e ? { vendor: e.vendor, company: e.company } : {}),
      category: 'customer-interaction',
      source: p.source,
      confidence: e ? (p.source === 'network' ? 'certain' : 'likely') : 'possible',
      evidence: [{ ...(p.url ? { url: capUrl(p.url) } : {}), detail: capText(p.text ? `${p.how}: ${p.text}` : p.how, TEXT_MAX), at }],
      details: {
        vendor: e?.vendor,
        catalogId: e?.id,
        aiFirst: e ? !!e.aiFirst : undefined,
        offersAi: e ? e.roles.includes('ai-chat') : undefined,
        // facts that only accumulate (undefined never overwrites a stored value)
        panelText: p.text && !p.isLauncher ? capText(p.text, TEXT_MAX) : undefined,
        launcherText: p.text && p.isLauncher ? capText(p.text, 160) : undefined,
        disclosure: ai?.sentence,
        disclosurePhrase: ai?.phrase,
        handoff: human?.sentence,
        aiHint: hint?.sentence,
      },
    },
  ];
  if (human) {
    out.push({
      kind: 'human-contact',
      key: 'human-contact:chat-handoff',
      ...(e ? { vendor: e.vendor } : {}),
      source: p.source,
      confidence: 'likely',
      assessment: 'good',
      evidence: [{ ...(p.url ? { url: capUrl(p.url) } : {}), detail: capText(human.sentence, TEXT_MAX), at }],
      details: { channel: 'chat-handoff', text: capText(human.sentence, TEXT_MAX) },
    });
  }
  return out;
}

function joinText(text: unknown, labels: unknown): string {
  return capText([str(text, 1200), ...strs(labels)].filter(Boolean).join(' · '), 1600);
}

function piecesFromSnapshot(snap: DomSnapshot, ctx: DetectorContext): Piece[] {
  const raw = snap.sections.chat;
  const sec = (raw && typeof raw === 'object' ? raw : {}) as { widgets?: unknown; frame?: unknown };
  const byId = (id: unknown) => (typeof id === 'string' ? ctx.catalog.find((c) => c.id === id && isChat(c)) : undefined);
  const pieces: Piece[] = [];
  for (const raw of Array.isArray(sec.widgets) ? (sec.widgets as WidgetObs[]).slice(0, 6) : []) {
    if (!raw || typeof raw !== 'object') continue;
    const entry = byId(raw.catalogId) ?? (typeof raw.frameSrc === 'string' ? chatVendorOfUrl(raw.frameSrc, ctx) : undefined);
    pieces.push({
      entry,
      how: raw.how === 'launcher' ? 'chat launcher' : raw.how === 'panel' ? 'chat panel' : 'chat widget',
      text: joinText(raw.text, raw.labels),
      // a catalog widget counts as read only once its conversation surface is shown
      isLauncher: raw.how === 'launcher' || (raw.how === 'catalog' && raw.open !== true),
      source: 'dom',
      url: typeof raw.frameSrc === 'string' && raw.frameSrc ? raw.frameSrc : snap.url,
      at: snap.at,
    });
  }
  const f = sec.frame as FrameObs | undefined;
  if (!snap.isTop && f && typeof f === 'object') {
    const entry = byId(f.catalogId) ?? chatVendorOfUrl(snap.url, ctx);
    // a frame is a chat only when it looks like one or belongs to a chat vendor
    if (entry || f.isPanel === true) {
      pieces.push({ entry, how: 'chat frame', text: joinText(f.text, f.labels), isLauncher: false, source: 'dom', url: snap.url, at: snap.at });
    }
  }
  // a catalog widget's script or frame on the page, even before it renders anything
  if (snap.isTop) {
    const seen = new Set(pieces.map((p) => p.entry?.id));
    for (const f of snap.iframes.slice(0, 100)) {
      const e = f?.src ? chatVendorOfUrl(f.src, ctx) : undefined;
      if (e && !seen.has(e.id)) {
        seen.add(e.id);
        pieces.push({ entry: e, how: 'chat frame', text: str(f.title, 160), isLauncher: true, source: 'dom', url: f.src, at: snap.at });
      }
    }
    for (const s of snap.scripts.slice(0, 300)) {
      const e = chatVendorOfUrl(s, ctx);
      if (e && !seen.has(e.id)) {
        seen.add(e.id);
        pieces.push({ entry: e, how: 'chat script', text: '', isLauncher: true, source: 'dom', url: s, at: snap.at });
      }
    }
  }
  return pieces;
}

const CONTACT_WORDS = /(?<![\p{L}])(?:contact(?: us)?|kontakt(?:ieren)?|contactez[- ]nous|nous contacter|contacto|contáctanos|contatti|contattaci|neem contact op|klantenservice|customer (?:service|support)|get in touch)(?![\p{L}])/iu;
const CONTACT_PATH = /\/(?:contact|kontakt|contacto|contatti|contactez-nous|contact-us|support\/contact)(?:[/.?#-]|$)/i;

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

function contactDrafts(snap: DomSnapshot): FindingDraft[] {
  const out: FindingDraft[] = [];
  const at = new Date(snap.at).toISOString();
  const links = Array.isArray(snap.sections.links) ? (snap.sections.links as LinkObs[]).slice(0, 400) : [];
  const add = (channel: string, href: string, text: string) => {
    if (out.some((d) => d.details.channel === channel)) return;
    out.push({
      kind: 'human-contact',
      key: `human-contact:${channel}`,
      source: 'dom',
      confidence: 'likely',
      assessment: 'good',
      evidence: [{ url: capUrl(href || snap.url), detail: capText(text || href, 160), at }],
      details: { channel, ...(href ? { href: capUrl(href) } : {}), text: capText(text, 160) },
    });
  };
  for (const l of links) {
    if (!l || typeof l.href !== 'string') continue;
    const href = l.href;
    const text = str(l.text, 120) || str(l.label, 120);
    if (/^tel:/i.test(href) && href.replace(/\D/g, '').length >= 5) add('phone', href, text || href.slice(4));
    else if (/^mailto:[^@\s]+@[^@\s]+/i.test(href)) add('email', href, text || href.slice(7));
    else if (/^https?:/i.test(href) && (CONTACT_PATH.test(pathOf(href)) || CONTACT_WORDS.test(text))) add('form', href, text || 'contact page');
  }
  const form = (snap.sections.chat as { contactForm?: { text?: unknown; action?: unknown } } | undefined)?.contactForm;
  if (form && typeof form === 'object' && !out.some((d) => d.details.channel === 'form')) add('form', snap.url, str(form.text, 120) || 'contact form');
  return out;
}

function aiLabelDrafts(snap: DomSnapshot, claimedText: string): FindingDraft[] {
  const sec = snap.sections.chat as { aiLabels?: unknown } | undefined;
  const out: FindingDraft[] = [];
  for (const t of strs(sec?.aiLabels).slice(0, 20)) {
    const m = aiContentLabelIn(t);
    // text inside a chat widget is the widget's own disclosure (ai-chat), not a content label
    if (!m || claimedText.includes(m.sentence.slice(0, 40))) continue;
    out.push({
      kind: 'ai-disclosure',
      key: `ai-disclosure:${m.phrase.toLowerCase().slice(0, 60)}`,
      source: 'dom',
      confidence: 'likely',
      assessment: 'good',
      evidence: [{ url: capUrl(snap.url), detail: capText(m.sentence, TEXT_MAX), at: new Date(snap.at).toISOString() }],
      details: { text: capText(m.sentence, TEXT_MAX), phrase: m.phrase, lang: m.lang },
    });
    if (out.length >= 5) break;
  }
  return out;
}

/**
 * The visit-level answer for each widget: aiDisclosed is true when any piece stated AI/automation;
 * false when the widget is AI (AI-first product, or it names an AI model) and its conversation text
 * was read without such a statement; null when Candor could not tell (a live-chat product, or only a
 * launcher was seen). humanHandoff likewise: true when offered, false when the text read offers no
 * person, null when nothing was read.
 */
export function finaliseChat(findings: readonly StoredFinding[]): FindingDraft[] {
  const channels = [...new Set(findings.filter((f) => f.kind === 'human-contact').map((f) => String(f.details.channel)))];
  return findings
    .filter((f) => f.kind === 'ai-chat')
    .map((f) => {
      const d = f.details;
      const panel = typeof d.panelText === 'string' ? d.panelText : '';
      const launcher = typeof d.launcherText === 'string' ? d.launcherText : '';
      const disclosed = typeof d.disclosure === 'string' && d.disclosure !== '';
      const judgedAi = d.aiFirst === true || typeof d.aiHint === 'string';
      const read = panel.length > 0;
      const aiDisclosed = disclosed ? true : judgedAi && read ? false : null;
      const humanHandoff = typeof d.handoff === 'string' ? true : read ? false : null;
      const assessment = aiDisclosed === true ? 'good' : aiDisclosed === false ? 'concern' : 'info';
      return {
        kind: 'ai-chat' as const,
        key: f.key,
        source: f.source,
        confidence: f.confidence,
        assessment,
        evidence: [],
        details: {
          aiDisclosed,
          humanHandoff,
          judgedAi,
          text: capText(disclosed ? String(d.disclosure) : panel || launcher, TEXT_MAX),
          otherChannels: channels.filter((c) => c !== 'chat-handoff'),
        },
      } satisfies FindingDraft;
    });
}

export const chatDetector: Detector = {
  id: 'chat',
  pageEventTypes: ['globals'],
  onRequest(req, ctx) {
    if (req.phase !== 'request' || (req.type !== 'script' && req.type !== 'sub_frame')) return [];
    const e = chatVendorOfUrl(req.url, ctx);
    if (!e) return [];
    return draftsForPiece({ entry: e, how: req.type === 'script' ? 'chat script loaded' : 'chat frame loaded', text: '', isLauncher: true, source: 'network', url: req.url, at: req.at });
  },
  onPageEvent(ev, ctx) {
    if (ev.type !== 'globals' || !Array.isArray(ev.data.names)) return [];
    const names = new Set(ev.data.names.filter((n): n is string => typeof n === 'string'));
    return ctx.catalog
      .filter((e) => isChat(e) && e.globals?.some((g) => names.has(g)))
      .flatMap((e) => draftsForPiece({ entry: e, how: `page global window.${e.globals!.find((g) => names.has(g))}`, text: '', isLauncher: true, source: 'page', at: ev.at }));
  },
  onDom(snap, ctx) {
    const pieces = piecesFromSnapshot(snap, ctx);
    const out = pieces.flatMap(draftsForPiece);
    out.push(...aiLabelDrafts(snap, pieces.map((p) => p.text).join(' ')));
    if (snap.isTop) out.push(...contactDrafts(snap));
    return out;
  },
  derive(findings: readonly StoredFinding[], _visit: VisitInfo) {
    return finaliseChat(findings);
  },
};
