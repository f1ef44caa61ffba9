import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.ts';
import type { DocElement } from './circular-content.ts';
import type { PdfReply, PdfRequest } from './pdf-worker.ts';

/**
 * One long-lived worker thread renders circular PDFs, so the fonts are parsed once per process and
 * the seconds that costs never block the server's event loop. Started on first use and unref'd, so
 * it never keeps the process alive; a crashed worker is replaced on the next job.
 */
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: PdfReply) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./pdf-worker.ts', import.meta.url));
  w.unref();
  w.on('message', (r: PdfReply) => {
    const p = pending.get(r.id);
    pending.delete(r.id);
    p?.resolve(r);
    if (pending.size === 0) w.unref();
  });
  const fail = (err: Error) => {
    if (worker === w) worker = null;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`PDF worker exited with code ${code}`)));
  worker = w;
  return w;
}

function send(job: PdfRequest): Promise<PdfReply> {
  const w = getWorker();
  const id = nextId++;
  // Referenced while a job runs, so a CLI that awaits a PDF is not left hanging on an unref'd thread.
  w.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ ...job, id });
  });
}

/** Renders a circular's PDF in the worker. */
export async function renderPdf(title: string, elements: DocElement[], author?: string): Promise<Buffer> {
  const r = await send({ kind: 'render', title, elements, ...(author === undefined ? {} : { author }) });
  if (r.error) throw new AppError(r.error.code as ErrorCode, r.error.code === 'INTERNAL' && !/字体/.test(r.error.message) ? '生成 PDF 失败' : r.error.message);
  return Buffer.from(r.bytes!);
}

/** Parses the fonts in the background (a coordinator opened a draft: a preview or issue is near). */
export function warmPdfRenderer(): void {
  send({ kind: 'warm' }).catch(() => undefined);
}
