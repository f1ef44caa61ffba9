import { DEFAULT_MAX_IMPORT_MB, extensionOf, isPlanFileName, PLAN_FILE_EXTENSIONS } from '#core/files/plan-files.ts';

/** What the importer reads (core's list); the server checks again and has the last word. */
export const PLAN_FILE_MAX_BYTES = DEFAULT_MAX_IMPORT_MB * 1024 * 1024;

/** `accept` attribute for the file picker. */
export const PLAN_FILE_ACCEPT = PLAN_FILE_EXTENSIONS.join(',');

/** A Chinese reason the file cannot be imported, or null when it may be sent. */
export function checkPlanFile(file: { name: string; size: number }): string | null {
  const ext = extensionOf(file.name);
  if (!isPlanFileName(file.name)) {
    return `不支持的文件类型${ext ? `（${ext}）` : ''}，请上传 .txt、.docx、.html、.pdf、.doc 或 .wps 格式的方案文件`;
  }
  if (file.size === 0) return '文件为空，请重新选择';
  if (file.size > PLAN_FILE_MAX_BYTES) return `文件大小为 ${formatBytes(file.size)}，超过 ${DEFAULT_MAX_IMPORT_MB} MB 上限`;
  return null;
}

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
