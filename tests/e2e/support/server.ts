import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { headersFor, parseHeadersFile } from './headers.ts';

/** A running static server; `origin` is like http://127.0.0.1:40123. */
export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function isDirectory(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isDirectory() ?? false;
}

/** Files the host reads as configuration and never serves. */
const HOST_FILES = new Set(['/_headers', '/_redirects']);

/**
 * Serves a built site from `root` on 127.0.0.1 the way a static host does: `/dir/` answers with
 * `dir/index.html`, `/dir` redirects to `/dir/`, and a miss answers 404 with the site's 404.html.
 * Every response carries the headers the site's `_headers` file gives its path (Cloudflare Pages
 * semantics, see headers.ts), the Content-Security-Policy included.
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = path.resolve(root);
  const headersFile = path.join(base, '_headers');
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '/\0';
    }
    let file = path.join(base, pathname);
    // path.join normalises "..", so anything outside the root is a miss.
    const inside = file === base || file.startsWith(base + path.sep);
    const hostHeaders = headersFor(rules, url.pathname);
    if (inside && !pathname.endsWith('/') && (await isDirectory(file))) {
      res.writeHead(301, { ...hostHeaders, location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    let status = 200;
    if (!inside || pathname.includes('\0') || HOST_FILES.has(pathname) || !(await isFile(file))) {
      status = 404;
      file = path.join(base, '404.html');
    }
    const body = await readFile(file).catch(() => Buffer.from('Not found'));
    res.writeHead(status, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      ...hostHeaders,
      'content-length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
