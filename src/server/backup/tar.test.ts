import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { readTar, TarFormatError, writeTar } from './tar.ts';

const entry = (path: string, bytes: Buffer) => ({
  path,
  size: bytes.length,
  body: async function* () {
    yield bytes;
  },
});

async function bytesOf(entries: ReturnType<typeof entry>[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of writeTar(entries)) chunks.push(c);
  return Buffer.concat(chunks);
}

async function read(tar: Buffer) {
  const out: Record<string, string> = {};
  await readTar(Readable.from([tar]), (path) => {
    let s = '';
    return { write: (c) => void (s += c.toString()), end: () => void (out[path] = s) };
  });
  return out;
}

const long = `data/${'长路径'.repeat(20)}/${'x'.repeat(120)}.txt`;

it('writes archives the system tar reads, long (pax) and non-ASCII names included, and reads them back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuijin-tar-'));
  const tar = await bytesOf([
    entry('manifest.json', Buffer.from('{}')),
    entry('data/files/ab/证据.pdf', Buffer.alloc(1000, 7)),
    entry(long, Buffer.from('deep')),
  ]);
  writeFileSync(join(dir, 'a.tar'), tar);
  expect(
    execFileSync('tar', ['-tf', join(dir, 'a.tar')], { encoding: 'utf8' })
      .trim()
      .split('\n'),
  ).toEqual(['manifest.json', 'data/files/ab/证据.pdf', long]);
  execFileSync('tar', ['-xf', join(dir, 'a.tar'), '-C', dir]);
  expect(readFileSync(join(dir, long), 'utf8')).toBe('deep');
  expect(await read(tar)).toEqual({ 'manifest.json': '{}', 'data/files/ab/证据.pdf': '\x07'.repeat(1000), [long]: 'deep' });
  // And what the system tar writes, this reads.
  execFileSync('tar', ['--format=pax', '-cf', join(dir, 'b.tar'), '-C', dir, 'manifest.json']);
  expect(await read(readFileSync(join(dir, 'b.tar')))).toEqual({ 'manifest.json': '{}' });
});

it('refuses a body that is not its declared size, a damaged header and a truncated archive', async () => {
  await expect(
    bytesOf([
      {
        path: 'a',
        size: 5,
        body: async function* () {
          yield Buffer.from('abc');
        },
      },
    ]),
  ).rejects.toThrow('3 bytes instead of the declared 5');
  const tar = await bytesOf([entry('a.txt', Buffer.from('hello'))]);
  const bad = Buffer.from(tar);
  bad[3] = bad[3]! ^ 1; // a byte of the name, so the checksum no longer matches
  await expect(read(bad)).rejects.toThrow(TarFormatError);
  await expect(read(tar.subarray(0, 600))).rejects.toThrow(/truncated/);
});
