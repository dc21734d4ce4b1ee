// Answers the ISOLATED script's probe: which of these page globals exist? (Vendor SDK presence.)
import { CONTENT_TO_PAGE, type ProbeRequest } from '../bridge';
import { emit } from './emit';

export function installGlobalsProbe(): void {
  window.addEventListener(CONTENT_TO_PAGE, (e) => {
    try {
      const req = JSON.parse(String((e as CustomEvent).detail)) as ProbeRequest;
      if (!Array.isArray(req.globals)) return;
      const present = req.globals.filter((n) => typeof n === 'string' && Object.prototype.hasOwnProperty.call(window, n) && (window as unknown as Record<string, unknown>)[n] != null);
      emit('globals', { names: present.slice(0, 200) });
    } catch {
      // malformed probe (possibly forged by the page): ignore
    }
  });
}
