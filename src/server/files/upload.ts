import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { tooLarge, uploadError } from './upload-errors.ts';

/** An upload route's file: its name and its bytes as they arrive. */
export interface Upload {
  fileName: string;
  /** The file's bytes; `truncated` is set by busboy when it stopped at the size limit. */
  stream: Readable & { truncated?: boolean };
}

/**
 * Opens the one file (field `file`) of a multipart request without reading it. Busboy is told to
 * stop one byte past `maxBytes`, so the reader sees the overflow itself and nothing beyond is held.
 */
export async function openUpload(req: FastifyRequest, { maxBytes, what }: { maxBytes: number; what: string }): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_TYPE', `请以 multipart/form-data 上传${what}（字段名 file）`);
  let file: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    file = await req.file({ limits: { fileSize: maxBytes + 1 } });
  } catch (e) {
    throw uploadError(e, maxBytes);
  }
  if (!file || file.fieldname !== 'file') {
    file?.file.resume(); // drained, so the request can end
    throw new AppError('INVALID_INPUT', `请选择要上传的${what}（字段名 file）`);
  }
  return { fileName: file.filename, stream: file.file };
}

/** Reads an upload whole, at most `maxBytes`; for imports, which are parsed whole and are small. */
export async function readUpload(upload: Upload, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of upload.stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
    if (upload.stream.truncated) throw tooLarge(maxBytes);
  } catch (e) {
    throw uploadError(e, maxBytes);
  }
  return Buffer.concat(chunks, size);
}

/** Stops reading an upload that was refused before it was consumed, so busboy and the request let go. */
export function discardUpload(upload: Upload): void {
  if (!upload.stream.readableEnded) upload.stream.destroy();
}
