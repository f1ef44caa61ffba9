import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { DocElement } from './circular-content.ts';
import { renderCircularPdf, warmPdfFonts } from './circular-pdf.ts';

/**
 * Renders circular PDFs off the main thread (see pdf-renderer.ts): parsing the CJK fonts and
 * subsetting them is seconds of synchronous work that would otherwise stall every request.
 */
export type PdfRequest = { kind: 'warm' } | { kind: 'render'; title: string; elements: DocElement[]; author?: string };
export type PdfJob = PdfRequest & { id: number };
export type PdfReply = { id: number; bytes?: Uint8Array; error?: { code: string; message: string } };

parentPort!.on('message', async (job: PdfJob) => {
  try {
    if (job.kind === 'warm') {
      warmPdfFonts();
      parentPort!.postMessage({ id: job.id } satisfies PdfReply);
      return;
    }
    const bytes = await renderCircularPdf(job.title, job.elements, job.author === undefined ? {} : { author: job.author });
    parentPort!.postMessage({ id: job.id, bytes } satisfies PdfReply);
  } catch (err) {
    const error =
      err instanceof AppError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
    parentPort!.postMessage({ id: job.id, error } satisfies PdfReply);
  }
});
