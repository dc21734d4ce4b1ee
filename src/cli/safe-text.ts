// What the audit prints is partly page text (titles, chat launcher labels, prices), probe errors and
// the URLs it was given: all hostile. A terminal runs ESC sequences (recolour, move the cursor, rewrite
// earlier lines, set the window title, even OSC 52 clipboard writes), C1 controls are their 8-bit
// form, and bidi overrides (U+202A–U+202E, U+2066–U+2069) make text read differently from what it
// is ("Trojan Source"). So every printed string goes through here: controls and overrides are dropped.

// C0 controls but tab and line feed, DEL, C1, and the bidi embeddings, overrides and isolates
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// the same on one line: tab and line feed become spaces, so a page cannot forge a line of the output
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// JSON.stringify escapes C0 but writes C1 and bidi characters raw: escape them (the data is unchanged)
const RAW_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal or log: line breaks and tabs kept, every other control and override dropped. */
export function safeText(s: string): string {
  return String(s).replace(UNSAFE, '');
}

/** One line of output: controls and overrides dropped, tabs and line breaks turned into spaces. */
export function safeLine(s: string): string {
  return String(s).replace(UNSAFE_LINE, (c) => (c === '\n' || c === '\t' || c === '\r' ? ' ' : ''));
}

/** JSON as printed: the same value, with C1 and bidi characters written as \u escapes. */
export function jsonForTerminal(json: string): string {
  return json.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
