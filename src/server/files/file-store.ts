import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Attachments on disk under DATA_DIR/files, addressed by SHA-256: the same file uploaded twice is
 * stored once, and a name can never escape the folder. Writes go to a temporary name and are
 * renamed into place, so a crash never leaves half a file under a real hash.
 */
export class FileStore {
  readonly root: string;
  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid hash');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async save(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (existsSync(path)) return sha256;
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    return sha256;
  }

  open(sha256: string) {
    return createReadStream(this.pathOf(sha256));
  }
}
