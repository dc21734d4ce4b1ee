// Demo shop: the jacket costs more for a returning visitor (the shop's cookie from the first visit is
// present), as some shops do; the audit lists this URL twice, so the second visit is a revisit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export default function handler(req: IncomingMessage, res: ServerResponse, { url, dir }: { url: URL; dir: string }): boolean {
  if (url.pathname !== '/jacket') return false;
  const returning = /(?:^|;\s*)np_visitor=/.test(req.headers.cookie ?? '');
  const price = returning ? '229.00' : '199.00';
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'set-cookie': `np_visitor=${Date.now().toString(36)}; Path=/; Max-Age=31536000; SameSite=Lax; Secure`,
  });
  res.end(readFileSync(join(dir, 'jacket.html.tpl'), 'utf8').replaceAll('{{PRICE}}', price));
  return true;
}
