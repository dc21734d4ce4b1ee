// Plain words for what a session recorder listens to: the detector's evidence and the report's
// sentence both say it, so it lives beside the finding types (shared by both sides).
const LISTEN_WORDS: Record<string, string> = {
  input: 'typing in fields',
  keyboard: 'keystrokes',
  'pointer-movement': 'mouse movements',
  clicks: 'clicks',
  scroll: 'scrolling',
};

export function listenWords(listens: readonly unknown[]): string {
  return listens.map((l) => LISTEN_WORDS[String(l)] ?? String(l)).join(', ');
}
