// What the three observers hand to the detectors. Plain data only (it crosses message boundaries).

/** A network request, as seen by the background's webRequest listeners. Cannot be forged by a page. */
export interface RequestObservation {
  /** "request": sent (onBeforeRequest, with body); "response": headers received (with Set-Cookie);
   *  "blocked": the browser stopped it (ERR_BLOCKED_BY_CLIENT: our block rule or another blocker) */
  phase: 'request' | 'response' | 'blocked';
  url: string;
  /** webRequest resource type: main_frame, sub_frame, script, xmlhttprequest, image, ping, beacon… */
  type: string;
  method: string;
  tabId: number;
  frameId: number;
  /** the origin that caused the request, when the browser says */
  initiator?: string;
  /** URL of the top-level page this request belongs to */
  topUrl: string;
  at: number;
  /** request body, decoded to text and capped (only POST/PUT bodies, for pii/keylogging detectors) */
  body?: string;
  /** names of cookies set by the response's Set-Cookie headers */
  setCookies?: SetCookieObservation[];
  statusCode?: number;
  /** request headers we care about (cookie names sent, sec-gpc) — names only for cookies */
  sentCookieNames?: string[];
  /** where the browser can tell (Firefox's dns API): the canonical name (CNAME target) of the
   *  request's host, when it differs from the host; set for first-party requests only */
  canonicalHost?: string;
}

export interface SetCookieObservation {
  name: string;
  /** length and shape of the value only: values are never stored */
  valueLength: number;
  looksLikeId: boolean;
  maxAgeDays: number | null;
}

/**
 * An event from the MAIN-world hooks (src/observe/hooks). The page can forge these: every finding
 * made from one has source "page". `type` must be one of the detectors' declared page event types.
 */
export interface PageEvent {
  type: string;
  /** the script the call came from (from the stack), when known */
  script?: string;
  at: number;
  data: Record<string, unknown>;
}

/**
 * One scan of one frame's DOM by the ISOLATED content script. `sections` holds each DOM scanner's
 * output under its own name (src/observe/dom/*), read by the detector of the same concern.
 */
export interface DomSnapshot {
  url: string;
  isTop: boolean;
  title: string;
  lang: string;
  scripts: string[];
  iframes: { src: string; title: string }[];
  sections: Record<string, unknown>;
  at: number;
}

/** What a page visit knows about itself: the context every detector receives. */
export interface VisitInfo {
  visitId: string;
  tabId: number;
  url: string;
  /** registrable domain (eTLD+1) of the top-level page */
  site: string;
  startedAt: number;
}
