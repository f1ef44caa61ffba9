/**
 * The least a server can do for the report burst of bench/report-load.ts: read each request's body,
 * hash an upload's file part, and answer the JSON the clients check — no database, no files, no
 * sessions. Run as `node bench/null-server.ts PORT`. The burst against it is the floor of what the
 * clients and the machine themselves cost, so report-load can say how much of a ratio is the server's.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
let nextId = 1;

/** The bytes of the first part of a multipart body: between the part's header block and the closing boundary. */
function filePart(body: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? '';
  const start = body.indexOf('\r\n\r\n') + 4;
  const end = body.lastIndexOf(`\r\n--${boundary}`);
  return body.subarray(start, end);
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = req.url ?? '';
    let answer: object;
    let status = 200;
    if (url === '/api/health') answer = { status: 'ok' };
    else if (url.endsWith('/attachments')) {
      const file = filePart(Buffer.concat(chunks), req.headers['content-type'] ?? '');
      answer = { id: nextId++, sha256: createHash('sha256').update(file).digest('hex') };
      status = 201;
    } else if (url.endsWith('/submit')) answer = { status: 'submitted' };
    else {
      answer = { id: nextId++ };
      status = 201;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
}).listen(port, '127.0.0.1');
