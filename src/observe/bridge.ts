// The MAIN-world <-> ISOLATED-world bridge. Both worlds share the DOM, so they talk through DOM events,
// but never on an object the page can reach: the MAIN script creates a detached element at
// document_start and hands it to the content script in a handshake that is over before any page script
// runs (whichever of the two scripts starts second completes it). The page never holds that element, so
// it can neither listen to, stop, read nor forge what crosses it. Details are JSON strings (strings
// cross worlds in every browser; objects do not in Firefox). Still, the MAIN world shares its realm with
// the page: what arrives from it is page-sourced and treated as untrusted.

/** MAIN -> ISOLATED: "here is the channel" (the element rides as the MouseEvent's relatedTarget) */
export const HELLO = 'candor:hello';
/** ISOLATED -> MAIN: "I am here, send the channel again" */
export const ASK = 'candor:ask';
/** on the channel element: a batch of event tuples, MAIN -> ISOLATED */
export const TO_CONTENT = 'e';
/** on the channel element: a probe request, ISOLATED -> MAIN */
export const TO_PAGE = 'p';

export interface ProbeRequest {
  globals: string[];
}

/** One observation as it crosses the bridge: [type, at (epoch ms), script URL or '', data]. */
export type EventTuple = [type: string, at: number, script: string, data: Record<string, unknown>];

/** page-state readouts (reads/emit.ts), on window: page-visible, so only these kinds are taken from it */
export const READS = 'candor:reads';
export const READ_TYPES = ['tcf', 'gpp', 'consent-mode', 'gpc-signal', 'experiments'] as const;
