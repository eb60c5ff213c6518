// A tiny static server for dist/ on 127.0.0.1, under a path prefix (default /widgets/oms/) so tests
// prove that every URL is relative. No dependencies. Usage:
//   node server.mjs --dir ../../dist --port 8787 --prefix /widgets/oms/
// With --widget URL, the text WIDGET in served HTML files becomes URL (for the example host page,
// served from another origin: node server.mjs --dir ../../examples --port 8788 --prefix / --widget ...).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const args = new Map();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i], process.argv[i + 1]);
const dir = resolve(args.get('--dir') ?? 'dist');
const port = Number(args.get('--port') ?? 8787);
let prefix = args.get('--prefix') ?? '/widgets/oms/';
if (!prefix.endsWith('/')) prefix += '/';
const widget = args.get('--widget');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  if (!url.pathname.startsWith(prefix)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not under ' + prefix);
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(prefix.length));
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(dir, rel));
  if (file !== dir && !file.startsWith(dir + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    let body = await readFile(file);
    if (widget && extname(file) === '.html') body = Buffer.from(body.toString('utf8').replaceAll('WIDGET', widget));
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
      // As the hosting examples advise, so the widget also runs in an opaque-origin sandbox
      // (left out with ?nocors, to test a CORS refusal).
      ...(url.searchParams.has('nocors') ? {} : { 'access-control-allow-origin': '*' }),
    });
    if (url.searchParams.has('slow')) {
      // A body that trickles in: headers and a first byte at once, then a byte every 2 s.
      let i = 1;
      res.write(body.subarray(0, 1));
      const timer = setInterval(() => {
        if (i >= body.length || res.destroyed) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(body.subarray(i, i + 1));
        i += 1;
      }, 2000);
      req.on('close', () => clearInterval(timer));
      return;
    }
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`serving ${dir} at http://127.0.0.1:${port}${prefix}`);
});
