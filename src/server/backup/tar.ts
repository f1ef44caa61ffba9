/**
 * A minimal tar (POSIX ustar + pax) writer and reader, enough for Tuijin's backup archives: regular
 * files only, streamed, so an archive of many gigabytes of evidence never sits in memory. Written here
 * rather than taken from npm because the format needed is small and fixed (`tar -tzf` and
 * `tar -xzf` read what this writes).
 */

const BLOCK = 512;
/** ustar's 11 octal digits of size: larger files carry their size in a pax record. */
const USTAR_MAX_SIZE = 0o77777777777;
const ZERO_BLOCK = Buffer.alloc(BLOCK);

export interface TarEntry {
  /** Relative POSIX path inside the archive. */
  path: string;
  size: number;
  mtime?: Date;
  /** The entry's bytes; exactly `size` of them must come out. */
  body: () => AsyncIterable<Uint8Array>;
}

function octal(value: number, width: number): string {
  // width - 1 digits then NUL, as tar expects.
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: Date, type: '0' | 'x', prefix = ''): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(Math.min(size, USTAR_MAX_SIZE), 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // checksum field counts as spaces while summing
  h.write(type, 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** A pax record is "<len> key=value\n" where len counts the whole record, its own digits included. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

/** Splits a path into ustar's prefix (155 bytes) and name (100 bytes) at a slash, if it fits. */
function splitUstar(path: string): { name: string; prefix: string } | null {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name) return { name, prefix };
  }
  return null;
}

const padding = (size: number) => (size % BLOCK === 0 ? 0 : BLOCK - (size % BLOCK));

/** The archive as a byte stream: headers, bodies (checked against their declared size), end blocks. */
export async function* writeTar(entries: AsyncIterable<TarEntry> | Iterable<TarEntry>): AsyncGenerator<Buffer> {
  for await (const e of entries) {
    const mtime = e.mtime ?? new Date();
    const split = splitUstar(e.path);
    if (!split || e.size > USTAR_MAX_SIZE) {
      const records = Buffer.from(paxRecord('path', e.path) + (e.size > USTAR_MAX_SIZE ? paxRecord('size', String(e.size)) : ''));
      yield header('PaxHeader', records.length, mtime, 'x');
      yield records;
      yield Buffer.alloc(padding(records.length));
    }
    const { name, prefix } = split ?? { name: e.path.slice(-100), prefix: '' };
    yield header(name, e.size, mtime, '0', prefix);
    let written = 0;
    for await (const chunk of e.body()) {
      written += chunk.length;
      if (written > e.size) throw new Error(`${e.path}: more than the declared ${e.size} bytes`);
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    }
    if (written !== e.size) throw new Error(`${e.path}: ${written} bytes instead of the declared ${e.size}`);
    yield Buffer.alloc(padding(e.size));
  }
  yield ZERO_BLOCK;
  yield ZERO_BLOCK;
}

/** Where one entry's bytes go while the archive is read; `write` is awaited, so a slow sink slows the reader. */
export interface EntrySink {
  write(chunk: Buffer): Promise<void> | void;
  end(): Promise<void> | void;
}

export class TarFormatError extends Error {}

const cString = (b: Buffer, start: number, len: number) => {
  const s = b.subarray(start, start + len);
  const nul = s.indexOf(0);
  return (nul === -1 ? s : s.subarray(0, nul)).toString('utf8');
};

function parseOctal(b: Buffer, start: number, len: number): number {
  const text = cString(b, start, len).trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError('tar header: bad number');
  return text ? parseInt(text, 8) : 0;
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return sum === parseOctal(h, 148, 8);
}

function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    const len = Number(data.subarray(i, space).toString('ascii'));
    if (space === -1 || !Number.isInteger(len) || len <= 0) throw new TarFormatError('tar: bad pax record');
    const record = data.subarray(space + 1, i + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    out.set(record.slice(0, eq), record.slice(eq + 1));
    i += len;
  }
  return out;
}

/**
 * Reads a tar stream entry by entry: `onEntry(path, size)` returns the sink for that entry's bytes.
 * Only regular files (and directories, which are skipped) are accepted; anything else, a bad checksum
 * or a truncated archive throws TarFormatError.
 */
export async function readTar(source: AsyncIterable<Buffer>, onEntry: (path: string, size: number) => Promise<EntrySink> | EntrySink): Promise<void> {
  let buf: Buffer = Buffer.alloc(0);
  const iter = source[Symbol.asyncIterator]();
  let done = false;
  /** Makes at least `n` bytes available in `buf`, unless the stream ends first. */
  const fill = async (n: number) => {
    while (buf.length < n && !done) {
      const next = await iter.next();
      if (next.done) done = true;
      else buf = buf.length ? Buffer.concat([buf, next.value]) : next.value;
    }
    return buf.length >= n;
  };
  let pax = new Map<string, string>();
  for (;;) {
    if (!(await fill(BLOCK))) throw new TarFormatError('tar: archive ends without its end blocks (truncated?)');
    const h = buf.subarray(0, BLOCK);
    buf = buf.subarray(BLOCK);
    if (h.every((b) => b === 0)) return; // end of archive (the second zero block is not needed)
    if (!checksumOk(h)) throw new TarFormatError('tar: header checksum mismatch (corrupted archive)');
    const type = String.fromCharCode(h[156]!);
    const prefix = cString(h, 345, 155);
    const path = pax.get('path') ?? (prefix ? `${prefix}/${cString(h, 0, 100)}` : cString(h, 0, 100));
    const size = pax.has('size') ? Number(pax.get('size')) : parseOctal(h, 124, 12);
    pax = new Map();
    let remaining = size;
    if (type === 'x') {
      if (!(await fill(size))) throw new TarFormatError('tar: truncated pax header');
      pax = parsePax(buf.subarray(0, size));
      buf = buf.subarray(size);
    } else if (type === '0' || type === '\0' || type === '5' || type === 'g') {
      const sink = type === '0' || type === '\0' ? await onEntry(path, size) : null;
      while (remaining > 0) {
        if (!(await fill(1))) throw new TarFormatError(`tar: ${path} is truncated`);
        const take = buf.subarray(0, Math.min(remaining, buf.length));
        buf = buf.subarray(take.length);
        remaining -= take.length;
        if (sink) await sink.write(take);
      }
      if (sink) await sink.end();
    } else {
      throw new TarFormatError(`tar: ${path} is not a regular file (type ${type})`);
    }
    const pad = padding(size);
    if (!(await fill(pad))) throw new TarFormatError('tar: truncated padding');
    buf = buf.subarray(pad);
  }
}
