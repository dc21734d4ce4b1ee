// The page cannot see that it is observed, nor switch the observation off: hooked APIs look the same
// as in a browser without the extension, and a page that silences the relay event, zeroes the stack
// limit and replaces the intrinsics after load still gets its fingerprinting found and attributed.
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { expect, reportFor, test } from './fixtures';

/** What a page can learn about the APIs Candor wraps: source text, own property names, descriptors. */
async function apiShapes(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const w = window as unknown as Record<string, { prototype: object }>;
    const targets: [string, object | undefined, string][] = [];
    const methods: [string, string[]][] = [
      ['CanvasRenderingContext2D', ['fillText', 'strokeText', 'fillRect', 'fill', 'stroke', 'strokeRect', 'save', 'restore', 'getImageData', 'measureText']],
      ['HTMLCanvasElement', ['toDataURL', 'toBlob', 'getContext']],
      ['OffscreenCanvas', ['getContext']],
      ['OfflineAudioContext', ['startRendering']],
      ['AudioBuffer', ['getChannelData', 'copyFromChannel']],
      ['MediaDevices', ['enumerateDevices']],
      ['RTCPeerConnection', ['createDataChannel', 'createOffer']],
      ['MutationObserver', ['observe']],
      ['EventTarget', ['addEventListener']],
      ['XMLHttpRequest', ['open', 'send']],
      ['Navigator', ['sendBeacon']],
      ['Function', ['toString']],
    ];
    for (const [iface, names] of methods) for (const n of names) targets.push([`${iface}.${n}`, w[iface]?.prototype, n]);
    targets.push(['window.fetch', window, 'fetch']);
    for (const n of ['userAgent', 'platform', 'hardwareConcurrency', 'languages', 'plugins', 'webdriver']) targets.push([`Navigator.${n}`, Navigator.prototype, n]);
    for (const n of ['width', 'colorDepth', 'availHeight']) targets.push([`Screen.${n}`, Screen.prototype, n]);
    targets.push(['HTMLImageElement.src', HTMLImageElement.prototype, 'src']);
    for (const [o, n] of [[Node.prototype, 'textContent'], [HTMLElement.prototype, 'innerText'], [Element.prototype, 'innerHTML'], [CharacterData.prototype, 'data'], [Node.prototype, 'nodeValue']] as const) targets.push([`${n}`, o, n]);
    const out: Record<string, string> = {};
    const shape = (f: unknown) =>
      typeof f === 'function'
        ? JSON.stringify({ src: Function.prototype.toString.call(f), str: String(f), names: Object.getOwnPropertyNames(f), name: f.name, length: f.length, proto: 'prototype' in f, nameDesc: Object.getOwnPropertyDescriptor(f, 'name'), lengthDesc: Object.getOwnPropertyDescriptor(f, 'length') })
        : String(f);
    for (const [label, obj, n] of targets) {
      const d = obj && Object.getOwnPropertyDescriptor(obj, n);
      if (!d) continue;
      out[label] = JSON.stringify({ w: d.writable, e: d.enumerable, c: d.configurable, v: shape(d.value), g: shape(d.get), s: shape(d.set) });
    }
    out['Object.getOwnPropertyNames(window) has candor'] = String(Object.getOwnPropertyNames(window).some((k) => /candor/i.test(k)));
    return out;
  });
}

test('a page checking every hooked API sees the same as in a browser without the extension', async ({ ext, server }) => {
  const url = server.url('clean.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await page.waitForLoadState('load');
  const withExtension = await apiShapes(page);
  expect(Object.keys(withExtension).length).toBeGreaterThan(30);

  const exe = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const plain = await chromium.launch({ executablePath: exe, args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), `--host-resolver-rules=${server.hostResolverRules}`, '--ignore-certificate-errors'] });
  try {
    const p = await (await plain.newContext({ ignoreHTTPSErrors: true })).newPage();
    await p.goto(url);
    await p.waitForLoadState('load');
    expect(withExtension).toEqual(await apiShapes(p));
  } finally {
    await plain.close();
  }
});

test('a page that silences the relay, zeroes the stack limit and replaces the intrinsics still gets its fingerprinting found', async ({ ext, server }) => {
  const url = server.url('sneaky.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect(page.locator('#out')).toHaveText('ok'); // the page's own calls still work
  await expect
    .poll(async () => ((await reportFor(ext, url))?.findings ?? []).filter((f) => f.kind === 'fingerprinting').map((f) => `${f.details.technique} ${f.details.script}`), { timeout: 20000 })
    .toContain('canvas https://cdn.sneakyfp.test/fp.js');
});

test('a page that hides stack frames behind a getter and a read-only formatter still gets its fingerprinting attributed', async ({ ext, server }) => {
  const url = server.url('frozen-stack.test', '/');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect(page.locator('#out')).toHaveText('ok');
  // the page's own view of Error is as it left it
  expect(await page.evaluate(() => [Error.stackTraceLimit, Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace')?.writable])).toEqual([0, false]);
  await expect
    .poll(async () => ((await reportFor(ext, url))?.findings ?? []).filter((f) => f.kind === 'fingerprinting').map((f) => `${f.details.technique} ${f.details.script}`), { timeout: 20000 })
    .toContain('canvas https://cdn.frozenfp.test/fp.js');
});

test('a page that locks the stack limit at 0 still gets a fingerprint taken by an external script credited to it', async ({ ext, server }) => {
  const url = server.url('frozen-stack.test', '/locked.html');
  const page = await ext.context.newPage();
  await page.goto(url);
  await expect(page.locator('#out')).toHaveText('ok');
  await expect
    .poll(async () => ((await reportFor(ext, url))?.findings ?? []).filter((f) => f.kind === 'fingerprinting').map((f) => `${f.details.technique} ${f.details.script}`), { timeout: 20000 })
    .toContain('canvas https://cdn.frozenfp.test/fp-now.js');
});
