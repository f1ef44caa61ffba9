import { CONTENT_TYPES_PART, claimedOtherType, evidenceFileName, ooxmlTypeOf, ZIP } from '#core/files/sniff.ts';
import { ZipError, zipLimitsFor } from '#core/files/zip.ts';
import {
  evidenceSizeError,
  INSPECTION_EVIDENCE_MAX_BYTES,
  INSPECTION_UPLOAD_MAX_BYTES,
  type InspectionEvidenceType,
  kindOfMime,
  sniffInspectionEvidence,
} from '#core/inspections/evidence.ts';
import type { Deps } from '../context.ts';
import { AppError } from '../errors.ts';
import { FileStore } from '../files/file-store.ts';
import { fileSource, unzipGuarded, verifyZipEntries, zipEntryNames } from '../files/zip-guard.ts';

const ZIP_LIMITS = zipLimitsFor(INSPECTION_EVIDENCE_MAX_BYTES.document);
/** Content types parts list a few dozen parts in a few KB; a megabyte is far past any real one. */
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

/** A stored evidence file: under its hash in the file store, no row written yet. */
export interface ReceivedEvidence {
  sha256: string;
  size: number;
  type: InspectionEvidenceType;
  /** The name kept for download: the uploaded one, with the content's extension when it claimed none. */
  fileName: string;
}

/**
 * Receives an inspection evidence file (photo, audio, video, document; also the evidence of a
 * rectification answer): judged by content as the first bytes arrive, held to its kind's size limit,
 * and stored by SHA-256 before any row refers to it. A refusal stores nothing.
 */
export async function receiveInspectionEvidence(deps: Deps, file: { fileName: string; stream: AsyncIterable<Uint8Array> }): Promise<ReceivedEvidence> {
  const refuse = () =>
    new AppError(
      'UNSUPPORTED_TYPE',
      `“${file.fileName}”不是可接受的督查证据：只接受照片（JPEG、PNG、GIF、WebP、HEIC）、录音（MP3、M4A、WAV、AMR）、录像（MP4、MOV、3GP、WebM）和文件（PDF、.docx、.xlsx）`,
    );
  const assertNameMatches = (type: InspectionEvidenceType) => {
    const ext = claimedOtherType(file.fileName, type);
    if (ext) throw new AppError('UNSUPPORTED_TYPE', `“${file.fileName}”的内容是${type.label}，与扩展名“${ext}”不符，请改正扩展名后重新上传`);
  };
  const stored = await new FileStore(deps.config.dataDir).receive(file.stream, {
    maxBytes: INSPECTION_UPLOAD_MAX_BYTES,
    checkHead: (head) => {
      if (head.length === 0) throw new AppError('INVALID_INPUT', '文件为空');
      const type = sniffInspectionEvidence(head);
      if (!type) throw refuse();
      if (type !== ZIP) assertNameMatches(type);
    },
    checkFile: async (staged): Promise<InspectionEvidenceType> => {
      const sniffed = sniffInspectionEvidence(staged.head);
      let type: InspectionEvidenceType | null = sniffed === ZIP ? null : sniffed;
      if (sniffed === ZIP) {
        try {
          const src = fileSource(staged.fd, staged.size);
          const names = await zipEntryNames(src, ZIP_LIMITS);
          const types = (await unzipGuarded(src, ZIP_LIMITS, (e) => e.name === CONTENT_TYPES_PART && e.uncompressedSize <= MAX_CONTENT_TYPES_BYTES)).get(
            CONTENT_TYPES_PART,
          );
          const found = types ? ooxmlTypeOf(names, types.toString('utf8')) : null;
          if (!found) throw refuse();
          type = { ...found, kind: kindOfMime(found.mime) };
          assertNameMatches(type);
          await verifyZipEntries(src, ZIP_LIMITS);
        } catch (e) {
          if (!(e instanceof ZipError)) throw e;
          throw refuse();
        }
      }
      if (!type) throw refuse();
      const tooBig = evidenceSizeError(type.kind, staged.size, file.fileName);
      if (tooBig) throw new AppError('TOO_LARGE', tooBig);
      return type;
    },
  });
  return { sha256: stored.sha256, size: stored.size, type: stored.checked, fileName: evidenceFileName(file.fileName, stored.checked) };
}
