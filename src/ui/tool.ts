// Which Candor and which browser made a report (docs/report.md `tool`).
export function toolInfo(): { version: string; browser: string } {
  let version = '0.0.0';
  try {
    version = (globalThis as unknown as { chrome?: { runtime?: { getManifest?: () => { version: string } } } }).chrome?.runtime?.getManifest?.().version ?? version;
  } catch {
    // not in an extension page (unit tests)
  }
  const m = navigator.userAgent.match(/(Firefox|Chrome)\/(\d+)/);
  return { version, browser: m ? `${m[1]!.toLowerCase()} ${m[2]}` : 'unknown' };
}
