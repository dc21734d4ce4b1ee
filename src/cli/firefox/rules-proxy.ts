// A forwarding HTTP proxy on loopback that applies host rules (host-rules.ts): Firefox sends it the
// requests for mapped hosts (its PAC script says which), and it connects to the address the rule
// names — the port of the URL unless the rule gives one. HTTPS and WebSockets arrive as CONNECT and are
// tunnelled byte for byte (TLS stays end to end, between Firefox and the server); plain HTTP arrives in
// absolute form and is passed on in origin form. Nothing is read, changed or logged on the way.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { resolveHost, type HostRule } from './host-rules';

export interface RulesProxy {
  port: number;
  close(): Promise<void>;
}

function target(rules: readonly HostRule[], host: string, port: number): { host: string; port: number } | null {
  const t = resolveHost(rules, host);
  if (t === 'notfound') return null;
  // a host the PAC script sent here without a rule (it should not happen): connect as asked
  return t ? { host: t.host, port: t.port ?? port } : { host, port };
}

export async function startRulesProxy(rules: readonly HostRule[]): Promise<RulesProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const to = target(rules, url.hostname, Number(url.port) || (url.protocol === 'https:' ? 443 : 80));
    // 404 from a proxy is how Firefox learns that a host does not resolve
    if (!to) return void res.writeHead(404).end();
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const up = httpRequest({ host: to.host, port: to.port, method: req.method, path: url.pathname + url.search, headers }, (r: IncomingMessage) => {
      res.writeHead(r.statusCode ?? 502, r.rawHeaders as unknown as Record<string, string>);
      r.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host, port] = splitHostPort(req.url ?? '');
    const to = host ? target(rules, host, port) : null;
    client.on('error', () => {});
    if (!to) {
      client.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const upstream = connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

function splitHostPort(authority: string): [string, number] {
  const m = authority.match(/^\[?([^\]]+?)\]?:(\d+)$/);
  return m ? [m[1]!.toLowerCase(), Number(m[2])] : [authority.toLowerCase(), 443];
}
