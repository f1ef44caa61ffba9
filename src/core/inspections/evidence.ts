/**
 * Evidence of findings (现场照片、录音录像、文件): the kinds, their size limits and how each file is
 * recognised by its first bytes. The limits are the system's own capacity choices (no rule sets them),
 * shared by the upload form and the server.
 */
import { sniffHead, ZIP, type EvidenceType } from '../files/sniff.ts';

export const EVIDENCE_KINDS = ['photo', 'audio', 'video', 'document'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  photo: '照片',
  audio: '录音',
  video: '录像',
  document: '文件',
};

const MB = 1024 * 1024;

/** The largest file per kind; a video past its limit is refused before it is stored. */
export const INSPECTION_EVIDENCE_MAX_BYTES: Record<EvidenceKind, number> = {
  photo: 20 * MB,
  audio: 50 * MB,
  video: 100 * MB,
  document: 20 * MB,
};

/** The upload stops one byte past the largest kind's limit; each kind's own limit is checked after. */
export const INSPECTION_UPLOAD_MAX_BYTES = Math.max(...Object.values(INSPECTION_EVIDENCE_MAX_BYTES));

/** A recognised evidence file: its type and the kind it counts as. */
export type InspectionEvidenceType = EvidenceType & { kind: EvidenceKind };

const MEDIA = {
  mp4: { mime: 'video/mp4', ext: '.mp4', label: 'MP4 视频', kind: 'video' },
  mov: { mime: 'video/quicktime', ext: '.mov', label: 'QuickTime 视频', kind: 'video' },
  video3gp: { mime: 'video/3gpp', ext: '.3gp', label: '3GP 视频', kind: 'video' },
  webm: { mime: 'video/webm', ext: '.webm', label: 'WebM 视频', kind: 'video' },
  m4a: { mime: 'audio/mp4', ext: '.m4a', label: 'M4A 录音', kind: 'audio' },
  mp3: { mime: 'audio/mpeg', ext: '.mp3', label: 'MP3 录音', kind: 'audio' },
  wav: { mime: 'audio/wav', ext: '.wav', label: 'WAV 录音', kind: 'audio' },
  amr: { mime: 'audio/amr', ext: '.amr', label: 'AMR 录音', kind: 'audio' },
  heic: { mime: 'image/heic', ext: '.heic', label: 'HEIC 图片', kind: 'photo' },
} as const satisfies Record<string, InspectionEvidenceType>;

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

/** Audio, video and phone photos (HEIC) by their first bytes; null for anything else. */
export function sniffMedia(head: Uint8Array): InspectionEvidenceType | null {
  if (ascii(head, 4, 4) === 'ftyp') {
    const brand = ascii(head, 8, 4);
    if (brand === 'qt  ') return MEDIA.mov;
    if (brand.startsWith('M4A') || brand.startsWith('M4B')) return MEDIA.m4a;
    if (brand.startsWith('3gp') || brand.startsWith('3g2')) return MEDIA.video3gp;
    if (['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(brand)) return MEDIA.heic;
    return MEDIA.mp4; // isom, mp41, mp42, avc1, dash …: the ISO base media family phones record in
  }
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return MEDIA.webm;
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0 && head.length >= 4)) return MEDIA.mp3;
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WAVE') return MEDIA.wav;
  if (ascii(head, 0, 6) === '#!AMR\n') return MEDIA.amr;
  return null;
}

/**
 * What an evidence file is, by its first bytes: media first (their signatures are exact), then the
 * report evidence types (images, PDF); ZIP for an archive still to be told apart (.docx/.xlsx).
 */
export function sniffInspectionEvidence(head: Uint8Array): InspectionEvidenceType | typeof ZIP | null {
  const media = sniffMedia(head);
  if (media) return media;
  const t = sniffHead(head);
  if (t === null || t === ZIP) return t;
  return { ...t, kind: kindOfMime(t.mime) };
}

/** The kind a file of this media type counts as. */
export function kindOfMime(mime: string): EvidenceKind {
  if (mime.startsWith('image/')) return 'photo';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  return 'document';
}

/** Why a file of `size` bytes is too large for its kind, in Chinese, or null when it fits. */
export function evidenceSizeError(kind: EvidenceKind, size: number, fileName: string): string | null {
  const max = INSPECTION_EVIDENCE_MAX_BYTES[kind];
  if (size <= max) return null;
  return `“${fileName}”有 ${Math.ceil(size / MB)} MB，超过${EVIDENCE_KIND_LABELS[kind]}的 ${max / MB} MB 上限，请压缩或截取后重新上传`;
}
