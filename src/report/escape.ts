/** Escapes text for HTML text and attribute contexts. Page-derived text passes through here on export. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only http(s) links are ever made clickable; anything else (javascript:, data:) stays text. */
export function safeHref(url: unknown): string | null {
  const s = String(url ?? '');
  return /^https?:\/\//i.test(s) ? s : null;
}
