import { AppError } from '../errors.ts';

/** An upload over its size limit. */
export const tooLarge = (maxBytes: number): AppError => new AppError('TOO_LARGE', `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限`);

/**
 * A multipart failure as the API error: the size limit → 413, anything else the parser or the
 * connection reports (no boundary, a truncated body, an aborted upload) → 400, never a 500.
 */
export function uploadError(e: unknown, maxBytes: number): AppError {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
    return new AppError('INVALID_INPUT', '一次只能上传一个文件，且表单字段不能过多');
  return new AppError('INVALID_INPUT', '上传内容不完整或格式有误（multipart/form-data），请重新上传');
}
