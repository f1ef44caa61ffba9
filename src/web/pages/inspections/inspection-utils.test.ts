import { describe, expect, it } from 'vitest';
import { INSPECTION_KINDS } from '#core/inspections/kinds.ts';
import { runDraw } from '#core/inspections/draw.ts';
import { checkEvidence, redrawMatches, EVIDENCE_ACCEPT, evidenceKindOf, freshSeed, KIND_HINTS, usesDraw } from './inspection-utils.ts';

const MB = 1024 * 1024;

describe('inspection kinds on the pages', () => {
  it('draws targets for random checks and covert visits only', () => {
    expect(INSPECTION_KINDS.filter(usesDraw)).toEqual(['covert', 'random']);
  });
  it('explains every kind', () => {
    for (const k of INSPECTION_KINDS) expect(KIND_HINTS[k].length).toBeGreaterThan(5);
  });
});

describe('freshSeed', () => {
  it('writes 8 random bytes as 16 hex digits', () => {
    expect(freshSeed((b) => b.fill(0xa5))).toBe('a5'.repeat(8));
    expect(freshSeed((b) => b.map((_, i) => i))).toBe('0001020304050607');
    expect(freshSeed()).toMatch(/^[0-9a-f]{16}$/);
  });
  it('does not repeat itself', () => {
    expect(new Set(Array.from({ length: 20 }, () => freshSeed())).size).toBe(20);
  });
});

describe('checkEvidence', () => {
  it('takes photos, audio, video and documents within the limit of their kind', () => {
    expect(checkEvidence({ name: 'IMG_0001.JPG', size: 3_000_000, type: 'image/jpeg' })).toBeNull();
    expect(checkEvidence({ name: '录音.m4a', size: 40 * MB, type: 'audio/mp4' })).toBeNull();
    expect(checkEvidence({ name: '大厅.mp4', size: 99 * MB, type: 'video/mp4' })).toBeNull();
  });
  it('refuses a 200 MB video, and a photo past 20 MB, naming the size and the limit', () => {
    expect(checkEvidence({ name: '大厅.mp4', size: 200 * MB, type: 'video/mp4' })).toMatch(/“大厅\.mp4”有 200 MB，超过录像的 100 MB 上限/);
    expect(checkEvidence({ name: 'a.jpg', size: 21 * MB, type: 'image/jpeg' })).toMatch(/超过照片的 20 MB 上限/);
  });
  it('refuses other types and empty files', () => {
    expect(checkEvidence({ name: 'run.exe', size: 10, type: 'application/octet-stream' })).toMatch(/不支持的文件类型（\.exe）/);
    expect(checkEvidence({ name: 'a.pdf', size: 0, type: 'application/pdf' })).toBe('“a.pdf”是空文件');
  });
  it('judges a camera capture without an extension by its media type', () => {
    expect(evidenceKindOf({ name: 'image', type: 'image/jpeg' })).toBe('photo');
    expect(evidenceKindOf({ name: 'capture', type: 'video/mp4' })).toBe('video');
    expect(checkEvidence({ name: 'blob', size: 10, type: 'text/html' })).toMatch(/不支持/);
  });
  it('offers the media of a camera and the documents in the chooser', () => {
    for (const part of ['image/*', 'video/*', 'audio/*', '.pdf', '.docx', '.xlsx', '.heic']) expect(EVIDENCE_ACCEPT.split(',')).toContain(part);
  });
});

describe('redrawMatches', () => {
  const input = {
    mode: 'perTarget' as const,
    targetCount: 2,
    inspectorsPerTarget: 1,
    units: [11, 12, 13, 14].map((id) => ({ id, path: [id] })),
    inspectors: [
      { userId: 1, unitPath: [] },
      { userId: 2, unitPath: [13] },
      { userId: 3, unitPath: [] },
    ],
  };
  it('confirms a stored draw by running it again with its seed', () => {
    const result = runDraw(input, 'e2e-covert-2021');
    expect(redrawMatches({ seed: 'e2e-covert-2021', input, result })).toBe(true);
  });
  it('catches a result that the seed does not give, or a changed seed', () => {
    const result = runDraw(input, 'seed-a');
    const swapped = { ...result, targets: [...result.targets].reverse() };
    expect(redrawMatches({ seed: 'seed-a', input, result: swapped })).toBe(false);
    const other = runDraw(input, 'seed-b');
    // Two seeds may draw alike by chance; the check is only as strong as the draws differ.
    if (JSON.stringify(other) !== JSON.stringify(result)) expect(redrawMatches({ seed: 'seed-b', input, result })).toBe(false);
  });
});
