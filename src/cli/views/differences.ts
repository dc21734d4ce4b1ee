// The differences between customer views, computed from each view's SiteReport (and, for the
// headline, from what the view saw first). Pure: views in, differences out, so every rule is unit
// tested. Each topic reads a view into { subject → value }; a subject differs when some view's value
// is not the baseline's. docs/views.md says what each value means.
import { capText, type Finding } from '../../model/finding';
import type { SiteReport } from '../../model/report';
import { VIEW_TOPICS, type ViewDifference, type ViewEvidence, type ViewTopic } from '../../model/views';
import type { ViewKind } from './spec';

export interface ViewInput {
  name: string;
  kind: ViewKind;
  ok: boolean;
  report?: SiteReport;
  /** what the view saw first on its (first measured) page */
  seen?: { url: string; headline: string };
  /** how the view answered the consent banner; absent when there was nothing to answer */
  answer?: { choice: 'rejected' | 'accepted'; ok: boolean; message: string; url: string };
  /** names of the cookies the view brought (cookies=FILE): the visitor's doing, not the site's */
  carriedCookies?: string[];
  /** prices the extension read on the view's pages (its price check's answer) */
  prices?: { url: string; product: string; price: number; currency: string; message: string }[];
}

interface Cell {
  value: string;
  evidence: Omit<ViewEvidence, 'view'>[];
}

type Reading = Map<string, Cell>;

/** Categories a refusal of consent does not cover: the consent platform's own scripts. */
const CONSENT_EXEMPT = new Set(['consent']);
/** What Global Privacy Control opts out of: sale and sharing for advertising. */
const GPC_COVERS = new Set(['advertising', 'social']);
const MAX_EVIDENCE_PER_VIEW = 2;

const ABSENT: Record<ViewTopic, string> = {
  price: 'no price read',
  trackers: 'does not load',
  consent: 'no banner',
  experiments: 'not in it',
  'ai-chat': 'no chat',
  urgency: 'none',
  gpc: 'the site records no opt-out status',
  content: 'no headline',
};

const str = (v: unknown, max = 200) => capText(typeof v === 'string' || typeof v === 'number' ? String(v) : '', max);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** A finding's evidence, the items that show the value first (a finding gathers evidence of several things). */
const ev = (f: Finding, shows?: (detail: string) => boolean): Omit<ViewEvidence, 'view'>[] =>
  [...f.evidence]
    .sort((a, b) => (shows ? Number(shows(b.detail ?? '')) - Number(shows(a.detail ?? '')) : 0))
    .slice(0, MAX_EVIDENCE_PER_VIEW)
    .map((e) => ({ ...(e.url ? { url: capText(e.url, 500) } : {}), ...(e.detail ? { detail: capText(e.detail, 300) } : {}) }));
const of = (r: SiteReport | undefined, kind: Finding['kind']) => (r?.findings ?? []).filter((f) => f.kind === kind);

export function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)}${currency ? ` ${currency}` : ''}`;
}

/** Prices: the extension's clean-visit check (your price), else the price change, else the engine's note. */
function prices(v: ViewInput): Reading {
  const out: Reading = new Map();
  const put = (product: unknown, amount: unknown, currency: unknown, f: Finding) => {
    const p = str(product, 120) || 'the product';
    const n = num(amount);
    if (n === undefined || out.has(p)) return;
    out.set(p, { value: money(n, str(currency, 8)), evidence: ev(f) });
  };
  for (const f of of(v.report, 'price-difference')) put(f.details.product, f.details.you, f.details.currency, f);
  for (const f of of(v.report, 'price-change')) put(f.details.product, f.details.after, f.details.currency, f);
  for (const f of of(v.report, 'pricing-engine')) put(f.details.product, f.details.price, f.details.currency, f);
  // a price the extension read but could not compare clearly (it moves by itself, another currency)
  for (const p of v.prices ?? []) {
    const name = str(p.product, 120) || 'the product';
    if (!out.has(name)) out.set(name, { value: money(p.price, str(p.currency, 8)), evidence: [{ url: capText(p.url, 500), detail: capText(`the extension read ${money(p.price, p.currency)} on the page: ${p.message}`, 300) }] });
  }
  return out;
}

function trackerName(f: Finding): string {
  const vendor = f.vendor ?? str(f.details.domain) ?? f.title;
  return f.company && f.company !== vendor ? `${vendor} (${f.company})` : vendor || f.title;
}

/** Trackers and the identifiers (cookies, storage) they and the site set. */
function trackers(v: ViewInput): Reading {
  const out: Reading = new Map();
  const refused = v.kind === 'rejected' && v.answer?.ok === true;
  for (const f of of(v.report, 'tracker')) {
    const subject = trackerName(f);
    let value = 'loads';
    if (refused && !CONSENT_EXEMPT.has(f.category ?? '')) value = 'loads after you said no';
    else if (v.kind === 'gpc' && GPC_COVERS.has(f.category ?? '')) value = 'loads despite GPC';
    out.set(subject, { value, evidence: ev(f) });
  }
  const carried = new Set(v.carriedCookies ?? []);
  for (const f of of(v.report, 'identifier')) {
    const name = str(f.details.name, 120);
    if (!name || carried.has(name)) continue;
    const storage = str(f.details.storage, 20) || 'cookie';
    out.set(`${storage} ${name}`, { value: 'set', evidence: ev(f) });
  }
  return out;
}

const absentTracker = (subject: string) => (/^(cookie|localStorage|sessionStorage) /.test(subject) ? 'not set' : ABSENT.trackers);

function bannerValue(f: Finding | undefined): string {
  if (!f) return ABSENT.consent;
  const d = f.details;
  const cmp = str(d.cmp, 80);
  if (d.shown === true) {
    const buttons = Array.isArray(d.firstLayerButtons) ? d.firstLayerButtons.map((b) => str(b, 40)).filter(Boolean) : [];
    const reject = d.rejectOnFirstLayer === true ? '“reject” on the first screen' : d.rejectOnFirstLayer === false ? 'no “reject” on the first screen' : '';
    return [`shown${cmp ? ` (${cmp})` : ''}`, reject, buttons.length ? `buttons: ${buttons.join(' · ')}` : ''].filter(Boolean).join('; ');
  }
  if (d.remembered === true) return 'not shown: an earlier answer is remembered';
  return cmp ? `not shown (${cmp} present)` : ABSENT.consent;
}

/** The consent banner, its choices, and what happened when the view answered it. */
function consent(v: ViewInput): Reading {
  const banner = of(v.report, 'consent-banner').find((f) => f.vendor !== 'Google Consent Mode');
  const a = v.answer;
  if (a) {
    const verb = a.choice === 'rejected' ? 'reject' : 'accept';
    const evidence = [{ url: a.url, detail: capText(`Candor asked the extension to ${verb} the banner: ${a.message}`, 300) }, ...(banner ? ev(banner) : [])];
    if (!a.ok) return new Map([['consent banner', { value: `could not be ${a.choice === 'rejected' ? 'rejected' : 'accepted'}`, evidence }]]);
    const again = banner?.details.shown === true;
    return new Map([['consent banner', { value: `you ${a.choice} it; after a reload it is ${again ? 'shown again' : 'not shown again'}`, evidence }]]);
  }
  if (!banner) return new Map();
  return new Map([['consent banner', { value: bannerValue(banner), evidence: ev(banner) }]]);
}

function experiments(v: ViewInput): Reading {
  const out: Reading = new Map();
  for (const f of of(v.report, 'experiment')) {
    const list = Array.isArray(f.details.experiments) ? (f.details.experiments as Record<string, unknown>[]) : [];
    const vendor = f.vendor ?? str(f.details.vendor, 80);
    for (const x of list.slice(0, 30)) {
      const id = str(x?.id, 120);
      if (!id) continue;
      const variant = str(x?.variant, 120);
      out.set(vendor ? `${vendor}: ${id}` : id, { value: variant ? `variant ${variant}` : 'in it (variant not readable)', evidence: ev(f, (d) => d.includes(`${id}=`)) });
    }
  }
  return out;
}

function aiChat(v: ViewInput): Reading {
  const out: Reading = new Map();
  for (const f of of(v.report, 'ai-chat')) {
    const d = f.details.aiDisclosed;
    const value = d === true ? 'an AI chat that says it is an AI' : d === false ? 'an AI chat that does not say it is an AI' : 'a chat (whether it is an AI is not known)';
    out.set(f.vendor ?? 'chat', { value, evidence: ev(f) });
  }
  return out;
}

function urgency(v: ViewInput): Reading {
  const by = new Map<string, { texts: string[]; resets: boolean; f: Finding }>();
  for (const f of of(v.report, 'urgency')) {
    const pattern = str(f.details.pattern, 40) || 'urgency';
    // a ticking countdown reads differently every second: compare its wording, not its digits
    const text = pattern === 'countdown' ? str(f.details.text).replace(/\d/g, '#') : str(f.details.text);
    const had = by.get(pattern) ?? { texts: [], resets: false, f };
    if (text && !had.texts.includes(text)) had.texts.push(text);
    had.resets ||= f.details.resets === true;
    by.set(pattern, had);
  }
  const out: Reading = new Map();
  for (const [pattern, x] of by) {
    const value = (x.texts.sort().join(' | ') || pattern) + (x.resets ? ' (restarted on the return visit)' : '');
    out.set(pattern, { value: capText(value, 400), evidence: ev(x.f) });
  }
  return out;
}

/** What the site records about the visitor's opt-out of sale; with GPC sent, whether it honours it. */
function gpc(v: ViewInput): Reading {
  const f = of(v.report, 'gpc').find((x) => typeof x.details.usp === 'string' || typeof x.details.gppOptOut === 'boolean');
  if (!f) return new Map();
  const d = f.details;
  const usp = str(d.usp, 8);
  const optedOut = usp ? usp[2]?.toUpperCase() === 'Y' : d.gppOptOut === true;
  const record = usp ? `US Privacy ${usp}` : `GPP: ${optedOut ? 'opted out' : 'not opted out'}`;
  let value = `${optedOut ? 'opted out' : 'not opted out'} of sale (${record})`;
  if (d.sent === true && d.honored === true) value = `GPC honoured: ${value}`;
  else if (d.sent === true && d.honored === false) value = `GPC not honoured: ${value}`;
  return new Map([['Global Privacy Control', { value, evidence: ev(f, (x) => (usp ? x.includes(usp) : /GPP/.test(x))) }]]);
}

function content(v: ViewInput): Reading {
  if (!v.seen?.headline) return new Map();
  return new Map([['headline', { value: v.seen.headline, evidence: [{ url: v.seen.url, detail: capText(`h1: “${v.seen.headline}”`, 300) }] }]]);
}

const READERS: Record<ViewTopic, (v: ViewInput) => Reading> = {
  price: prices,
  trackers,
  consent,
  experiments,
  'ai-chat': aiChat,
  urgency,
  gpc,
  content,
};

/** One product on both sides, named differently (a translated name): the same subject. */
function alignSingleProduct(base: Reading, other: Reading): Reading {
  if (base.size !== 1 || other.size !== 1) return other;
  const [b] = base.keys();
  const [[, cell]] = [...other.entries()] as [[string, Cell]];
  return new Map([[b!, cell]]);
}

/**
 * Every difference between the views and the baseline (the first view). Views that failed have no
 * value; a baseline that failed leaves nothing to compare with, so there are no differences.
 */
export function computeDifferences(views: readonly ViewInput[]): ViewDifference[] {
  const base = views[0];
  if (!base?.ok || !base.report) return [];
  const others = views.slice(1).filter((v) => v.ok && v.report);
  const out: ViewDifference[] = [];
  for (const topic of VIEW_TOPICS) {
    const read = READERS[topic];
    const baseReading = read(base);
    const readings = others.map((v) => {
      const r = read(v);
      return { v, r: topic === 'price' ? alignSingleProduct(baseReading, r) : r };
    });
    const subjects = [...new Set([...baseReading.keys(), ...readings.flatMap((x) => [...x.r.keys()])])].sort((a, b) => a.localeCompare(b));
    const absent = (s: string) => (topic === 'trackers' ? absentTracker(s) : ABSENT[topic]);
    for (const subject of subjects) {
      const b = baseReading.get(subject);
      const baseValue = b?.value ?? absent(subject);
      const values: Record<string, string> = { [base.name]: baseValue };
      const evidence: ViewEvidence[] = (b?.evidence ?? []).map((e) => ({ view: base.name, ...e }));
      let differs = false;
      for (const { v, r } of readings) {
        const c = r.get(subject);
        const value = c?.value ?? absent(subject);
        if (value === baseValue) continue;
        differs = true;
        values[v.name] = value;
        evidence.push(...(c?.evidence ?? []).map((e) => ({ view: v.name, ...e })));
      }
      if (differs) out.push({ topic, subject: capText(subject, 300), values, evidence: evidence.slice(0, 20) });
    }
  }
  return out;
}
