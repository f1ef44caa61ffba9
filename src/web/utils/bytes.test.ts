import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes.ts';

describe('formatBytes', () => {
  it('keeps bytes whole and shows one decimal in binary units above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3_000_000_000)).toBe('2.8 GB');
    expect(formatBytes(2 ** 50)).toBe('1024.0 TB');
  });
});
