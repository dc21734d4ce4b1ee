// The n8n chat webhook: answers every message with one fixed reply (the real one runs a workflow).
import type { SiteHandler } from '../../../../src/cli/site-server';

const handler: SiteHandler = (req, res, { url }) => {
  if (!url.pathname.startsWith('/webhook/')) return false;
  res.writeHead(200, { 'content-type': 'application/json' }).end(req.method === 'POST' ? JSON.stringify({ output: 'Thanks, noted.' }) : '{}');
  return true;
};
export default handler;
