import { Worker } from 'node:worker_threads';
import { BackupError } from './manifest.ts';
import type { VerifyReply, VerifyRequest } from './verify-worker.ts';

/**
 * `verifyBackup` in a worker thread: SQLite's quick_check of the unpacked copy is synchronous and
 * takes about a second per few hundred MB, which inside the server would stall every request. The
 * worker is unref'd and ends with the check.
 */
export function verifyInWorker(file: string, workDir: string): Promise<{ rows: number; files: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./verify-worker.ts', import.meta.url), { workerData: { file, workDir } satisfies VerifyRequest });
    w.unref();
    let settled = false;
    w.once('message', (reply: VerifyReply) => {
      settled = true;
      if (reply.ok) resolve({ rows: reply.rows, files: reply.files });
      else reject(reply.en ? new BackupError(reply.message, reply.en) : new Error(reply.message));
      void w.terminate();
    });
    w.once('error', (e) => {
      settled = true;
      reject(e);
    });
    w.once('exit', (code) => {
      if (!settled) reject(new Error(`the backup check's worker exited with code ${code}`));
    });
  });
}
