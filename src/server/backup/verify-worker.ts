import { parentPort, workerData } from 'node:worker_threads';
import { BackupError } from './manifest.ts';
import { verifyBackup } from './restore.ts';

/** The request a verify worker gets: the archive and the folder to unpack it in. */
export interface VerifyRequest {
  file: string;
  workDir: string;
}
export type VerifyReply = { ok: true; rows: number; files: number } | { ok: false; message: string; en: string | null };

const { file, workDir } = workerData as VerifyRequest;
verifyBackup(file, workDir).then(
  (r) => parentPort!.postMessage({ ok: true, rows: r.totals.rows, files: r.totals.files } satisfies VerifyReply),
  (e: unknown) =>
    parentPort!.postMessage({
      ok: false,
      message: e instanceof Error ? e.message : String(e),
      en: e instanceof BackupError ? e.en : null,
    } satisfies VerifyReply),
);
