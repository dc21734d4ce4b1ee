// Serves fixture and demo sites on loopback, each under its own host name, so pages load scripts
// "from" real vendor host names mapped to 127.0.0.1 by Chromium's --host-resolver-rules.
//
// Layout of a sites root:  <root>/<host name>/<path>      static files (index.html for "/")
//                          <root>/<host name>/_server.ts  optional dynamic handler (see SiteHandler)
//                          <root>/<host name>/.host      an empty vendor host (answers 204 to anything)
//                          <root>/vendors*.json           { "host/path": "node_modules/pkg/file.js" }
//                          <root>/_wildcard.<suffix>/     every host <label>.<suffix> without a folder of
//                                                         its own (e.g. 100 sites for a bulk audit test)
// One port speaks both HTTP and HTTPS (the first byte tells TLS apart), so https:// vendor URLs work.
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createServer as createNet, type Server, type Socket } from 'node:net';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TEST_CERT, TEST_KEY } from './test-cert';

export interface LoggedRequest {
  host: string;
  method: string;
  path: string;
  at: number;
  body?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A host's _server.ts default export: return true when it answered the request. */
export type SiteHandler = (req: IncomingMessage, res: ServerResponse, ctx: { url: URL; body: string; dir: string }) => boolean | Promise<boolean>;

export interface SiteServer {
  port: number;
  hosts: string[];
  /** suffixes served by a _wildcard.<suffix> folder (any <label>.<suffix>) */
  wildcards?: string[];
  /** for --host-resolver-rules: every served host mapped to this server, everything else unresolvable */
  hostResolverRules: string;
  requests: LoggedRequest[];
  url(host: string, path?: string, https?: boolean): string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServeOptions {
  roots: string[];
  /** project root, for vendors.json paths into node_modules */
  projectRoot: string;
  port?: number;
  /** extra hosts to map here (answered 204 unless a root serves them) */
  extraHosts?: string[];
}

export async function serveSites(o: ServeOptions): Promise<SiteServer> {
  const hostDirs = new Map<string, string>();
  const wildcardDirs = new Map<string, string>();
  const vendorFiles = new Map<string, string>();
  for (const root of o.roots.map((r) => resolve(r))) {
    for (const name of readdirSync(root)) {
      const p = join(root, name);
      if (!statSync(p).isDirectory()) continue;
      if (name.startsWith('_wildcard.')) wildcardDirs.set(name.slice('_wildcard.'.length).toLowerCase(), p);
      else hostDirs.set(name.toLowerCase(), p);
    }
    // vendors.json, vendors.<concern>.json …: one file per concern keeps parallel work apart
    for (const vj of readdirSync(root).filter((n) => /^vendors(\.[\w-]+)?\.json$/.test(n))) {
      for (const [k, v] of Object.entries(JSON.parse(readFileSync(join(root, vj), 'utf8')) as Record<string, string>)) {
        vendorFiles.set(k.toLowerCase(), resolve(o.projectRoot, v));
      }
    }
  }
  const vendorHosts = [...vendorFiles.keys()].map((k) => k.split('/')[0]!);
  const hosts = [...new Set([...hostDirs.keys(), ...vendorHosts, ...(o.extraHosts ?? [])])].sort();
  const handlers = new Map<string, SiteHandler>();
  for (const dir of [...hostDirs.values(), ...wildcardDirs.values()]) {
    const h = join(dir, '_server.ts');
    if (existsSync(h)) handlers.set(dir, ((await import(pathToFileURL(h).href)) as { default: SiteHandler }).default);
  }
  /** A host's folder: its own, else the wildcard folder of its parent domain (one label deep). */
  const dirOf = (host: string): string | undefined => {
    const own = hostDirs.get(host);
    if (own) return own;
    const dot = host.indexOf('.');
    return dot > 0 && /^[a-z0-9-]+$/.test(host.slice(0, dot)) ? wildcardDirs.get(host.slice(dot + 1)) : undefined;
  };
  const requests: LoggedRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').split(':')[0]!.toLowerCase();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', `http://${host}`);
    requests.push({ host, method: req.method ?? 'GET', path: url.pathname + url.search, at: Date.now(), body: body.slice(0, 20000), headers: req.headers });
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Headers', '*');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const dir = dirOf(host);
    const h = dir ? handlers.get(dir) : undefined;
    try {
      if (h && dir && (await h(req, res, { url, body, dir }))) return;
    } catch (e) {
      res.writeHead(500).end(String(e));
      return;
    }
    const vendorFile = vendorFiles.get(`${host}${url.pathname}`.toLowerCase());
    if (vendorFile) return sendFile(res, vendorFile);
    if (dir) {
      let rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
      if (rel.endsWith('/')) rel += 'index.html';
      const file = join(dir, rel);
      if (file.startsWith(dir) && existsSync(file) && statSync(file).isFile() && !rel.includes('_server.ts')) return sendFile(res, file);
      if (existsSync(file + '.html')) return sendFile(res, file + '.html');
    }
    // Vendor collection endpoints (pixels, beacons, /collect): accept and say nothing. A host folder
    // without an index.html is a vendor host; one with it is a site, where unknown paths are 404.
    if (!dir || !existsSync(join(dir, 'index.html'))) return void res.writeHead(204).end();
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };

  const http = createHttp((q, s) => void handle(q, s));
  const https = createHttps({ key: TEST_KEY, cert: TEST_CERT }, (q, s) => void handle(q, s));
  const server: Server = createNet((socket: Socket) => {
    socket.once('data', (buf) => {
      socket.pause();
      socket.unshift(buf);
      (buf[0] === 0x16 ? https : http).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(o.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const wildcards = [...wildcardDirs.keys()].sort();
  const rules = [...hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`), ...wildcards.map((w) => `MAP *.${w} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND'].join(', ');
  return {
    port,
    hosts,
    wildcards,
    hostResolverRules: rules,
    requests,
    url: (host, path = '/', secure = false) => `${secure ? 'https' : 'http'}://${host}${path}`,
    close: () =>
      new Promise<void>((r) => {
        http.closeAllConnections?.();
        https.closeAllConnections?.();
        server.close(() => r());
        setTimeout(r, 500);
      }),
  };
}

function sendFile(res: ServerResponse, file: string) {
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(readFileSync(file));
}
