import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** Stand-ins for the outside servers notifications go to: a chat robot's webhook and an SMTP relay. */

/** A local HTTP server that records the JSON bodies posted to it, answering like the robots do. */
export async function robotServer() {
  const received: { path: string; body: any }[] = [];
  const server = createHttpServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(data) });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { received, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A local SMTP sink that accepts every message and keeps the raw DATA. */
export async function smtpServer() {
  const messages: { from: string; to: string; data: string }[] = [];
  const server = createNetServer((socket) => {
    let buffer = '';
    let inData = false;
    let msg = { from: '', to: '', data: '' };
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(msg);
            msg = { from: '', to: '', data: '' };
            socket.write('250 queued\r\n');
          } else msg.data += `${line}\r\n`;
        } else if (/^EHLO/i.test(line)) socket.write('250-sink\r\n250 AUTH PLAIN\r\n');
        else if (/^AUTH/i.test(line)) socket.write('235 ok\r\n');
        else if (/^MAIL FROM:/i.test(line)) {
          msg.from = line.slice(10);
          socket.write('250 ok\r\n');
        } else if (/^RCPT TO:/i.test(line)) {
          msg.to = line.slice(8);
          socket.write('250 ok\r\n');
        } else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write('354 go\r\n');
        }
        else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `smtp://tuijin:secret@127.0.0.1:${(server.address() as AddressInfo).port}?from=noreply@tuijin.test`;
  return { messages, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}
