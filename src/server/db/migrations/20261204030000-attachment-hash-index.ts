import type { Kysely } from 'kysely';

/**
 * Stored files are shared by content: removing an attachment deletes its file only when no other
 * row holds the same hash, and the file collector asks the same question. This index answers it
 * without reading every attachment.
 */
export function attachmentHashIndex() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('attachments_sha256_idx').on('attachments').column('sha256').execute();
    },
  };
}
