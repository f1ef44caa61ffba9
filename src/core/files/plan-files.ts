/**
 * Which plan documents the importer takes, by name: one list for the upload page's first check and
 * the server's judgement (server/imports/extract.ts, which then decides the format by content).
 */
export const PLAN_FILE_EXTENSIONS = ['.txt', '.text', '.docx', '.html', '.htm', '.xhtml', '.pdf', '.doc', '.wps'] as const;

/** The default largest plan document, MB; the server's TUIJIN_MAX_IMPORT_MB may set another. */
export const DEFAULT_MAX_IMPORT_MB = 10;

/** A file name's extension, lower case with its dot ('' when it has none). */
export function extensionOf(fileName: string): string {
  return /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0] ?? '';
}

export function isPlanFileName(fileName: string): boolean {
  return (PLAN_FILE_EXTENSIONS as readonly string[]).includes(extensionOf(fileName));
}
