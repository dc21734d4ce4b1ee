// Rights links: privacy policy, "Do Not Sell or Share My Personal Information" and its kin,
// data-request and cookie-settings links, from the `links` DOM section of any frame; whether each is
// findable (in the footer, visible). Privacy e-mail addresses found in mailto: links are kept as the
// contact for a data-request draft. Multilingual where cheap (en, de, fr, es, it, nl, pt).
import { capText, capUrl, type FindingDraft } from '../model/finding';
import type { LinkInfo } from '../model/dom';
import type { Detector } from './types';

export type RightsType = 'privacy-policy' | 'do-not-sell' | 'data-request' | 'cookie-settings';

// Order matters: the most specific type wins ("Your Privacy Choices" is not a privacy policy).
const PATTERNS: [RightsType, RegExp][] = [
  [
    'do-not-sell',
    /do not sell|don[’']t sell|do not share my|your (us )?privacy choices|limit the use of my sensitive|opt[- ]out of (the )?(sale|sharing)|ne pas vendre|no vender/i,
  ],
  [
    'data-request',
    /data (subject )?(access )?request|access (to )?(your|my) (personal )?data|delete (your|my) (personal )?data|request (your|my) data|dsar|auskunftsersuchen|datenauskunft|demande d[’']acc[eè]s|solicitud de (acceso|datos)|gegevensverzoek/i,
  ],
  [
    'cookie-settings',
    /cookie[- ]?(settings|preferences|einstellungen|instellingen|policy settings)|manage cookies|privacy settings|consent (settings|preferences)|param[eè]tres des cookies|gestion des cookies|configuraci[oó]n de cookies|impostazioni (dei )?cookie|change consent/i,
  ],
  [
    'privacy-policy',
    /privacy|datenschutz|confidentialit[eé]|donn[eé]es personnelles|privacidad|privacit[aà]|privacybeleid|gegevensbescherming|privacidade/i,
  ],
];
const HREF_PATTERNS: [RightsType, RegExp][] = [
  ['do-not-sell', /do-?not-?sell|privacy-?choices|opt-?out/i],
  ['data-request', /data-?(subject-?)?request|dsar|privacy-?request/i],
  ['privacy-policy', /privacy|datenschutz|confidentialite|privacidad/i],
];
const PRIVACY_MAIL = /^(privacy|dpo|gdpr|dataprotection|data-protection|data\.protection|datenschutz|privacidad|confidentialite|ccpa|legal)[@.+-]/i;

export function classifyLink(l: Pick<LinkInfo, 'href' | 'text' | 'label'>): RightsType | null {
  const words = `${l.text} ${l.label}`.trim();
  for (const [type, re] of PATTERNS) if (re.test(words)) return type;
  if (/^mailto:/i.test(l.href)) return null;
  let path = '';
  try {
    path = new URL(l.href).pathname;
  } catch {
    return null;
  }
  for (const [type, re] of HREF_PATTERNS) if (re.test(path)) return type;
  return null;
}

/** A privacy contact address from a mailto: link (privacy@, dpo@ …, or a mailto labelled as such). */
export function privacyEmail(l: Pick<LinkInfo, 'href' | 'text' | 'label'>): string | null {
  if (!/^mailto:/i.test(l.href)) return null;
  const addr = decodeURIComponent(l.href.slice(7).split('?')[0] ?? '').trim().toLowerCase();
  if (!/^[^\s@]{1,64}@[a-z0-9.-]{1,190}\.[a-z]{2,}$/.test(addr)) return null;
  if (PRIVACY_MAIL.test(addr) || /privacy|data protection|datenschutz|gdpr|ccpa|data request/i.test(`${l.text} ${l.label}`)) return addr;
  return null;
}

const score = (l: LinkInfo) => (l.visible ? 2 : 0) + (l.inFooter ? 1 : 0);

export const rightsDetector: Detector = {
  id: 'rights',
  onDom(snap): FindingDraft[] {
    const links = snap.sections.links;
    if (!Array.isArray(links)) return [];
    const best = new Map<RightsType, LinkInfo>();
    let email: { addr: string; link: LinkInfo } | null = null;
    for (const raw of links as LinkInfo[]) {
      if (!raw || typeof raw.href !== 'string') continue;
      const l: LinkInfo = { href: raw.href, text: String(raw.text ?? ''), label: String(raw.label ?? ''), inFooter: raw.inFooter === true, visible: raw.visible === true };
      const addr = privacyEmail(l);
      if (addr && !email) email = { addr, link: l };
      const type = addr ? 'data-request' : classifyLink(l);
      if (!type) continue;
      const prev = best.get(type);
      if (!prev || score(l) > score(prev)) best.set(type, l);
    }
    const at = new Date(snap.at).toISOString();
    return [...best.entries()].map(([type, l]) => ({
      kind: 'rights-link' as const,
      key: `rights-link:${type}`,
      source: 'dom' as const,
      confidence: 'certain' as const,
      assessment: l.visible || l.inFooter ? ('good' as const) : ('info' as const),
      evidence: [{ url: capUrl(l.href), detail: capText(l.text || l.label || l.href, 120), at }],
      details: {
        type,
        href: capUrl(l.href),
        text: capText(l.text || l.label, 120),
        inFooter: l.inFooter,
        visible: l.visible,
        findable: l.visible || l.inFooter,
        inFrame: !snap.isTop,
        ...(type === 'data-request' && email ? { email: email.addr } : {}),
      },
    }));
  },
};
