// Message types of the consent-and-rights concern, merged into MessageMap (messages.ts).
// Plain data only. Actions are asked for by extension pages; only `consent/load` and `consent/autoconsent`
// come from content scripts (autoconsent's own protocol, relayed: see src/observe/consent/autoconsent.ts).

export type DataRequestKind = 'access' | 'deletion';
export type DataRequestLaw = 'gdpr' | 'ccpa';

export interface DataRequestDraft {
  /** the privacy contact found on the site, '' when none was found */
  to: string;
  subject: string;
  body: string;
  /** mailto: URL with subject and body, ready to open (nothing is sent by the extension) */
  mailto: string;
  /** where the address came from (a link on the page), or why there is none */
  note: string;
}

export interface ConsentControls {
  site: string;
  /** autoconsent rejects this site's banner on every visit */
  alwaysReject: boolean;
  /** tracker categories blocked on this site, with the domains each rule blocks */
  blocked: Record<string, string[]>;
  gpc: { all: boolean; site: boolean; wellKnownCheck: boolean };
}

export interface ConsentMessages {
  /** content script (top or first-level frame): load autoconsent here if `hint` (a selector that
   *  matched) or the frame's URL says a consent platform may be present */
  'consent/load': { req: { hint: string }; res: { loaded: boolean } };
  /** content script: one autoconsent message (init, eval, cmpDetected, popupFound, optOutResult…) */
  'consent/autoconsent': { req: { msg: unknown }; res: { reply: unknown } };
  /** extension page: what the user has switched on for the tab's site */
  'consent/controls': { req: { tabId: number }; res: { controls: ConsentControls | null } };
  /** extension page: reject the tab's consent banner now; `always` also on every later visit */
  'consent/reject': { req: { tabId: number; always: boolean }; res: { ok: boolean; message: string } };
  /** extension page (the audit's `accepted` customer view): accept the tab's consent banner now, once.
   *  Nothing in the popup offers it: Candor never says yes for a person. */
  'consent/accept': { req: { tabId: number }; res: { ok: boolean; message: string } };
  /** extension page: stop rejecting this site's banner automatically */
  'consent/always-reject': { req: { tabId: number; on: boolean }; res: { ok: boolean } };
  /** extension page: block (or unblock: undo) a category of third parties on the tab's site */
  'consent/block': { req: { tabId: number; category: string; block: boolean }; res: { ok: boolean; domains: string[]; message: string } };
  /** extension page (a company card's button): block (or unblock: undo) one company's third-party
   *  domains seen on the tab's site, on that site only */
  'company/block': { req: { tabId: number; company: string; block: boolean }; res: { ok: boolean; domains: string[] } };
  /** extension page: send Global Privacy Control everywhere, on the tab's site, or switch the gpc.json check */
  'gpc/set': { req: { scope: 'all' | 'site' | 'well-known-check'; tabId?: number; on: boolean }; res: { ok: boolean } };
  /** extension page: a data-access or deletion request addressed to the site's privacy contact */
  'rights/draft': { req: { tabId: number; request: DataRequestKind; law: DataRequestLaw }; res: { draft: DataRequestDraft | null } };
}
