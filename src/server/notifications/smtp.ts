import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/**
 * A minimal SMTP client (RFC 5321) over node:net / node:tls: enough to hand one plain-text message
 * to a relay. `SMTP_URL` is `smtp://[user:pass@]host[:port][?from=addr]` (port 25 by default;
 * STARTTLS is used when the server offers it) or `smtps://…` (implicit TLS, port 465).
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

interface SmtpTarget {
  secure: boolean;
  host: string;
  port: number;
  user: string | null;
  pass: string | null;
  from: string;
}

export function parseSmtpUrl(url: string): SmtpTarget {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error('SMTP_URL 应为 smtp:// 或 smtps:// 地址');
  const secure = u.protocol === 'smtps:';
  const user = u.username ? decodeURIComponent(u.username) : null;
  return {
    secure,
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 25,
    user,
    pass: u.password ? decodeURIComponent(u.password) : null,
    from: u.searchParams.get('from') ?? (user?.includes('@') ? user : `tuijin@${u.hostname}`),
  };
}

/** Sends one message; throws with the server's answer when a step is refused. */
export async function sendMail(smtpUrl: string, msg: MailMessage, timeoutMs = 15_000): Promise<void> {
  const t = parseSmtpUrl(smtpUrl);
  let socket: Socket = t.secure ? tlsConnect({ host: t.host, port: t.port, servername: t.host }) : netConnect({ host: t.host, port: t.port });
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error('SMTP 超时')));
  let reader = lineReader(socket);
  try {
    await expect(reader, 220);
    let ehlo = await command(socket, reader, 'EHLO tuijin', 250);
    if (!t.secure && /STARTTLS/i.test(ehlo)) {
      await command(socket, reader, 'STARTTLS', 220);
      socket.removeAllListeners('data');
      socket = tlsConnect({ socket, servername: t.host });
      reader = lineReader(socket);
      ehlo = await command(socket, reader, 'EHLO tuijin', 250);
    }
    if (t.user !== null) await command(socket, reader, `AUTH PLAIN ${Buffer.from(`\0${t.user}\0${t.pass ?? ''}`).toString('base64')}`, 235);
    await command(socket, reader, `MAIL FROM:<${t.from}>`, 250);
    await command(socket, reader, `RCPT TO:<${msg.to}>`, 250, 251);
    await command(socket, reader, 'DATA', 354);
    await command(socket, reader, `${formatMessage(t.from, msg)}\r\n.`, 250);
    socket.write('QUIT\r\n');
  } finally {
    socket.end();
  }
}

/** Headers (subject encoded as UTF-8 base64) and a base64 body, dot-stuffing needless with base64. */
export function formatMessage(from: string, msg: MailMessage): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const body = b64(msg.text)
    .replace(/.{1,76}/g, '$&\r\n')
    .trimEnd();
  return [
    `From: =?UTF-8?B?${b64('推进平台')}?= <${from}>`,
    `To: <${msg.to}>`,
    `Subject: =?UTF-8?B?${b64(msg.subject)}?=`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}

type Reader = () => Promise<{ code: number; text: string }>;

/** Reads whole SMTP replies (multi-line "250-…" up to "250 …"). */
function lineReader(socket: Socket): Reader {
  let buffer = '';
  const lines: string[] = [];
  let waiting: (() => void) | null = null;
  let failure: Error | null = null;
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let i: number;
    while ((i = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, i).replace(/\r$/, ''));
      buffer = buffer.slice(i + 1);
    }
    waiting?.();
  });
  const fail = (e: Error) => {
    failure = e;
    waiting?.();
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('SMTP 连接已关闭')));
  const nextLine = async (): Promise<string> => {
    while (!lines.length) {
      if (failure) throw failure;
      await new Promise<void>((r) => (waiting = r));
      waiting = null;
    }
    return lines.shift()!;
  };
  return async () => {
    const parts: string[] = [];
    for (;;) {
      const line = await nextLine();
      parts.push(line);
      if (line[3] !== '-') return { code: Number(line.slice(0, 3)), text: parts.join('\n') };
    }
  };
}

async function expect(read: Reader, ...codes: number[]): Promise<string> {
  const r = await read();
  if (!codes.includes(r.code)) throw new Error(`SMTP ${r.text.slice(0, 200)}`);
  return r.text;
}

async function command(socket: Socket, read: Reader, line: string, ...codes: number[]): Promise<string> {
  socket.write(`${line}\r\n`);
  return expect(read, ...codes);
}
