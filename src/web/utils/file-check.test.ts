import { describe, expect, it } from 'vitest';
import { checkPlanFile, formatBytes } from './file-check.ts';

describe('checkPlanFile', () => {
  it('accepts the document types the importer reads, in any case', () => {
    for (const name of ['方案.txt', 'a.DOCX', 'b.html', 'c.pdf', 'd.doc', 'e.wps', 'f.htm']) expect(checkPlanFile({ name, size: 100 })).toBeNull();
  });

  it('refuses other types, empty files and files over 10 MB, in Chinese', () => {
    expect(checkPlanFile({ name: 'a.xlsx', size: 10 })).toContain('不支持的文件类型（.xlsx）');
    expect(checkPlanFile({ name: 'README', size: 10 })).toContain('不支持的文件类型，');
    expect(checkPlanFile({ name: 'a.txt', size: 0 })).toBe('文件为空，请重新选择');
    expect(checkPlanFile({ name: 'a.pdf', size: 10 * 1024 * 1024 })).toBeNull();
    expect(checkPlanFile({ name: 'a.pdf', size: 10 * 1024 * 1024 + 1 })).toBe('文件大小为 10.0 MB，超过 10 MB 上限');
  });

  it('formats sizes', () => {
    expect(formatBytes(500)).toBe('500 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12 * 1024 * 1024)).toBe('12.0 MB');
  });
});
