// A hostile page in a CI audit must not take the audit browser to the machine's own network (the cloud
// metadata endpoint, loopback services): without --allow-private the audit refuses such pages, and the
// browser holds every document request (each redirect hop, the page's own navigations, its frames)
// until the check answers.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { launchWithExtension } from '../../src/cli/launch';
import { EXT_DIR, expect, ROOT, test } from './fixtures';

const run = promisify(execFile);

test('without --allow-private the audit refuses loopback and link-local pages, says why, exits 3', async ({ server }) => {
  test.setTimeout(180_000); // two audit runs, each starting its own browser
  const urls = [server.url('shop.test', '/'), 'http://169.254.169.254/latest/meta-data/', 'http://2130706433/'];
  const res = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', '--wait', '300', '--retries', '0', '--host-resolver-rules', server.hostResolverRules, ...urls], { cwd: ROOT }).catch((e) => e);
  expect(res.code).toBe(3);
  const out = JSON.parse(res.stdout) as { url: string; error?: string }[];
  expect(out.map((r) => r.url)).toEqual(urls);
  expect(out[0]!.error).toMatch(/refused to follow the page to .*shop\.test.*: shop\.test resolves to 127\.0\.0\.1, which is a loopback address.*--allow-private/);
  expect(out[1]!.error).toMatch(/169\.254\.169\.254 is a link-local address/);
  expect(out[2]!.error).toMatch(/127\.0\.0\.1 is a loopback address/);
  // the same list with --allow-private (staging and test sites) audits the fixture shop
  const ok = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--json', '--wait', '300', '--allow-private', '--host-resolver-rules', server.hostResolverRules, urls[0]!], { cwd: ROOT });
  expect(JSON.parse(ok.stdout)[0].site).toBe('shop.test');
});

test('the browser holds each redirect hop, the page\'s own navigation and its frames for the check; a refused one never reaches the server', async () => {
  const reached: string[] = [];
  let port = 0;
  const http: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').split(':')[0];
    if (host === 'metadata.test') reached.push(req.url ?? '');
    if (req.url === '/go') return void res.writeHead(302, { location: `http://metadata.test:${port}/latest/meta-data/` }).end();
    if (req.url === '/hop') return void res.writeHead(302, { location: `http://public.test:${port}/page` }).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(req.url === '/page' ? `<title>page</title><iframe src="http://metadata.test:${port}/frame"></iframe>` : 'secret');
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  port = (http.address() as AddressInfo).port;
  const b = await launchWithExtension({ extensionDir: EXT_DIR, hostResolverRules: 'MAP *.test 127.0.0.1' });
  try {
    const asked: string[] = [];
    const guarded = async () => {
      const p = await b.newPage();
      await b.guard!(p, async (u, top) => {
        const url = new URL(u);
        asked.push(`${top ? 'top' : 'frame'} ${url.hostname}${url.pathname}`);
        return url.hostname === 'metadata.test';
      });
      return p;
    };
    let page = await guarded();
    // a redirect to the refused host: the navigation fails, the server never sees the request
    await expect(page.goto(`http://public.test:${port}/go`)).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
    expect(asked).toEqual(['top public.test/go', 'top metadata.test/latest/meta-data/']);
    // an allowed redirect hop is asked about too; a frame of the page is asked about as a frame
    asked.length = 0;
    page = await guarded();
    await page.goto(`http://public.test:${port}/hop`);
    await expect.poll(() => asked).toEqual(['top public.test/hop', 'top public.test/page', 'frame metadata.test/frame']);
    // the page's own navigation of the top frame
    await page.evaluate((p) => void (location.href = `http://metadata.test:${p}/latest/user-data`), port);
    await expect.poll(() => asked).toContain('top metadata.test/latest/user-data');
    expect(reached).toEqual([]);
  } finally {
    await b.close();
    http.close();
  }
});
