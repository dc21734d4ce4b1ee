// Workers the page starts (MAIN world): a dedicated or shared worker, or a service worker registered.
// Their code runs where these hooks cannot reach (a worker has its own globals: OffscreenCanvas,
// navigator, fetch), so the `worker` event says one ran, from which script and URL; the report says
// Candor could not see into it (src/detectors/fingerprinting.ts). The emit budget caps a page that
// starts hundreds.
import { emit } from './emit';
import { construct, defineProperty, getOwnDescriptor, sliceStr } from './safe';
import { callerScript } from './stack';
import { disguiseAs, quietly, wrapMethod } from './wrap';

const note = (kind: string, url: unknown) => quietly(() => emit('worker', { kind, url: sliceStr(String(url), 0, 300) }, callerScript()));

export function installWorkerHooks(): void {
  for (const kind of ['Worker', 'SharedWorker']) {
    const desc = getOwnDescriptor(window, kind);
    const W = desc?.value as (new (...a: unknown[]) => object) | undefined;
    if (!W || !desc!.configurable) continue;
    // a constructor cannot be a method-style wrapper: a Proxy that only observes `new`
    const P = new Proxy(W, { construct: (t, a, nt) => (note(kind, a[0]), construct(t, a, nt) as object) });
    disguiseAs(P, W);
    defineProperty(window, kind, { ...desc, value: P });
  }
  wrapMethod(window.ServiceWorkerContainer?.prototype, 'register', { before: (_c, a) => note('ServiceWorker', a[0]) });
}
