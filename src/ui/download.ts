// Saves a text as a file the person chose to export. Nothing leaves the browser.
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name part from a site name (page-derived): only safe characters. */
export function fileSafe(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9.\-]/g, '_').replace(/^\.+/, '').slice(0, 120) || 'site';
}
