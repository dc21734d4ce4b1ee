// Answers the content script's probe: which of these page globals exist? (Vendor SDK presence.)
import type { ProbeRequest } from '../bridge';
import { emit, onProbe } from './emit';
import { apply, parse } from './safe';

const hasOwn = Object.prototype.hasOwnProperty;

export function installGlobalsProbe(): void {
  onProbe((detail) => {
    const req = parse(detail) as ProbeRequest;
    if (!req || !Array.isArray(req.globals)) return;
    const present: string[] = [];
    const w = window as unknown as Record<string, unknown>;
    for (const n of req.globals) {
      if (typeof n === 'string' && apply(hasOwn, window, [n]) && w[n] != null) present[present.length] = n;
      if (present.length >= 200) break;
    }
    emit('globals', { names: present });
  });
}
