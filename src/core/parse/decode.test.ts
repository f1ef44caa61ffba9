import { describe, expect, it } from 'vitest';
import { decodeText } from './decode.ts';

const TEXT = '一、开办企业\n1．推行一网通办。（牵头单位：市市场监管局）\n';
// TEXT encoded as GB18030 (the same bytes as GBK for these characters).
const GB = Uint8Array.from([
  0xd2, 0xbb, 0xa1, 0xa2, 0xbf, 0xaa, 0xb0, 0xec, 0xc6, 0xf3, 0xd2, 0xb5, 0x0a, 0x31, 0xa3, 0xae, 0xcd, 0xc6, 0xd0, 0xd0, 0xd2, 0xbb, 0xcd, 0xf8, 0xcd, 0xa8,
  0xb0, 0xec, 0xa1, 0xa3, 0xa3, 0xa8, 0xc7, 0xa3, 0xcd, 0xb7, 0xb5, 0xa5, 0xce, 0xbb, 0xa3, 0xba, 0xca, 0xd0, 0xca, 0xd0, 0xb3, 0xa1, 0xbc, 0xe0, 0xb9, 0xdc,
  0xbe, 0xd6, 0xa3, 0xa9, 0x0a,
]);

function utf16(s: string, le: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array(s.length * 2 + (bom ? 2 : 0));
  let o = 0;
  if (bom) out.set(le ? [0xff, 0xfe] : [0xfe, 0xff], (o += 2) - 2);
  for (let i = 0; i < s.length; i++, o += 2) {
    const c = s.charCodeAt(i);
    out[le ? o : o + 1] = c & 0xff;
    out[le ? o + 1 : o] = c >> 8;
  }
  return out;
}

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const bytes = new TextEncoder().encode(TEXT);
    expect(decodeText(bytes)).toBe(TEXT);
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]))).toBe(TEXT);
  });

  it('reads GB18030 / GBK', () => {
    expect(decodeText(GB)).toBe(TEXT);
  });

  it('reads UTF-16 with a BOM in both byte orders, and little-endian without one', () => {
    expect(decodeText(utf16(TEXT, true, true))).toBe(TEXT);
    expect(decodeText(utf16(TEXT, false, true))).toBe(TEXT);
    expect(decodeText(utf16(TEXT, true, false))).toBe(TEXT);
  });

  it('never throws, even on an empty file or random bytes', () => {
    expect(decodeText(new Uint8Array())).toBe('');
    expect(typeof decodeText(Uint8Array.from({ length: 256 }, (_, i) => i))).toBe('string');
  });
});
