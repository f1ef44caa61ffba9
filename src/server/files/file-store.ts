import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { tooLarge, uploadError } from './upload-errors.ts';

/**
 * How long a file may sit without a row before it counts as left over. An upload writes its
 * temporary file, renames it into place and commits its row within one request, which Node's
 * request timeout ends after 5 minutes, so ten minutes keeps files being written right now, on
 * this node or another, out of reach.
 */
export const FILE_GRACE_MS = 10 * 60_000;

/** The first bytes of an upload handed to a type check before the rest is written. */
export const HEAD_BYTES = 4096;

const HASH = /^[0-9a-f]{64}$/;

/** A file received into a temporary name, hashed and synced to disk, not yet under its hash. */
export interface StagedFile {
  sha256: string;
  size: number;
  /** The first HEAD_BYTES bytes (fewer for a smaller file). */
  head: Uint8Array;
  /** Open for reading, for checks that need more than the head (a zip's directory). */
  fd: FileHandle;
}

export interface ReceiveOptions<T> {
  maxBytes: number;
  /** Called once with the first bytes; throws to refuse the upload before the rest is written. */
  checkHead?: (head: Uint8Array) => void;
  /** Called on the complete file before it is stored; throws to refuse it, or returns what it found. */
  checkFile?: (file: StagedFile) => Promise<T>;
}

const isErrno = (e: unknown, code: string) => (e as NodeJS.ErrnoException | null)?.code === code;

async function fsyncDir(dir: string): Promise<void> {
  const fd = await open(dir, 'r');
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

/**
 * Files on disk under DATA_DIR/files, addressed by SHA-256: the same file uploaded twice is stored
 * once, and a name can never escape the folder. Writes go to a temporary name, are synced, and are
 * renamed into place (the folder synced too), so neither a crash nor a power cut leaves half a file
 * under a real hash. Leftover temporary files are removed and files no row refers to are quarantined by
 * the start-up sweep (`sweep.ts`).
 */
export class FileStore {
  readonly root: string;
  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
  }

  pathOf(sha256: string): string {
    if (!HASH.test(sha256)) throw new Error('invalid hash');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Stores bytes already in memory (generated circular files); returns their hash. */
  async save(bytes: Uint8Array): Promise<string> {
    const { sha256 } = await this.receive([bytes], { maxBytes: Number.MAX_SAFE_INTEGER });
    return sha256;
  }

  /**
   * Streams `source` into the store: written to a temporary file while hashed and counted, the
   * head checked as soon as it has arrived, the whole file checked, then synced and renamed to its
   * hash. Any failure or refusal removes the temporary file and throws an AppError.
   */
  async receive<T = undefined>(
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    opts: ReceiveOptions<T>,
  ): Promise<{ sha256: string; size: number; head: Uint8Array; checked: T }> {
    await mkdir(this.root, { recursive: true });
    const tmp = join(this.root, `${randomUUID()}.tmp`);
    const fd = await open(tmp, 'wx+');
    let placed = false;
    try {
      const hash = createHash('sha256');
      let size = 0;
      const headParts: Uint8Array[] = [];
      let headSize = 0;
      let headChecked = false;
      const checkHead = () => {
        headChecked = true;
        opts.checkHead?.(Buffer.concat(headParts, headSize).subarray(0, HEAD_BYTES));
      };
      try {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > opts.maxBytes) throw tooLarge(opts.maxBytes);
          if (!headChecked) {
            headParts.push(chunk);
            headSize += chunk.length;
            if (headSize >= HEAD_BYTES) checkHead();
          }
          hash.update(chunk);
          await fd.write(chunk);
        }
        if ((source as { truncated?: boolean }).truncated) throw tooLarge(opts.maxBytes);
      } catch (e) {
        throw uploadError(e, opts.maxBytes);
      }
      if (!headChecked) checkHead();
      const head = Buffer.concat(headParts, headSize).subarray(0, HEAD_BYTES);
      const sha256 = hash.digest('hex');
      const checked = opts.checkFile ? await opts.checkFile({ sha256, size, head, fd }) : (undefined as T);
      await fd.sync();
      await fd.close();
      const path = this.pathOf(sha256);
      await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      // Renamed over an existing copy too: the content is the same, and the fresh modification time
      // tells a concurrent collector that the file is in use again.
      await rename(tmp, path);
      placed = true;
      await fsyncDir(join(this.root, sha256.slice(0, 2)));
      return { sha256, size, head, checked };
    } finally {
      if (!placed) {
        await fd.close().catch(() => {});
        await unlink(tmp).catch(() => {});
      }
    }
  }

  open(sha256: string) {
    return createReadStream(this.pathOf(sha256));
  }

  /**
   * Removes the file `sha256` unless it was written or renamed into place within `graceMs`: moved
   * aside first, then judged by its own modification time, so an upload that just landed the same
   * content is put back rather than lost. True when the file was removed.
   */
  async remove(sha256: string, graceMs: number, now = Date.now()): Promise<boolean> {
    const path = this.pathOf(sha256);
    const aside = `${path}.${randomUUID()}.gc`;
    try {
      await rename(path, aside);
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return false;
      throw e;
    }
    if (now - (await stat(aside)).mtimeMs < graceMs) {
      await putBack(aside, path);
      return false;
    }
    try {
      await unlink(aside);
      return true;
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return false; // put back by a collector meanwhile: kept, judged again next time
      throw e;
    }
  }
}

/** Puts a file moved aside back under its name (unless a fresh copy already took it). */
export async function putBack(aside: string, path: string): Promise<void> {
  try {
    await link(aside, path);
  } catch (e) {
    if (!isErrno(e, 'EEXIST')) throw e;
  }
  await unlink(aside);
}
