/** Small rules the inspection pages share: which kinds draw their targets, and what each kind means. */
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, evidenceSizeError, INSPECTION_EVIDENCE_MAX_BYTES, type EvidenceKind } from '#core/inspections/evidence.ts';
import { runDraw, type DrawInput, type DrawResult } from '#core/inspections/draw.ts';
import type { InspectionKind } from '#core/inspections/kinds.ts';

/** 随机抽查 and 暗访 take their targets from a recorded random draw (双随机); the others name them. */
export function usesDraw(kind: InspectionKind): boolean {
  return kind === 'random' || kind === 'covert';
}

/** One line under the kind picker: what the kind does in Tuijin. */
export const KIND_HINTS: Record<InspectionKind, string> = {
  open: '明察：事先告知，检查对象可看到计划和本单位被检查。',
  covert: '暗访：不事先告知，发布问题前被检查单位看不到本计划；检查对象和督查人员随机抽取。',
  focused: '专项督查：围绕一个事项或指标，检查对象由统筹协调指定。',
  random: '随机抽查：从范围内单位随机抽取检查对象、从人员库随机抽取督查人员（双随机），抽取种子留档可复现。',
};

/**
 * A fresh seed for a draw: 16 hex digits from the browser's cryptographic generator, so that nobody
 * picks a seed to steer the result; it is shown and recorded, and the same seed draws the same again.
 */
export function freshSeed(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return Array.from(random(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Extensions per kind the file chooser offers; the server judges each file by its content. */
const KIND_EXTENSIONS: Record<EvidenceKind, readonly string[]> = {
  photo: ['.jpg', '.jpeg', '.png', '.gif', '.webp', '.heic'],
  video: ['.mp4', '.mov', '.3gp', '.webm'],
  audio: ['.m4a', '.mp3', '.wav', '.amr'],
  document: ['.pdf', '.docx', '.xlsx'],
};

/** The chooser's `accept`: every media type a phone records, and the documents. */
export const EVIDENCE_ACCEPT = ['image/*', 'video/*', 'audio/*', ...Object.values(KIND_EXTENSIONS).flat()].join(',');

/**
 * The kind a chosen file will count as, by its extension, else by its media type (some phones name a
 * camera capture `image` without one); null for a file the server would refuse.
 */
export function evidenceKindOf(file: { name: string; type: string }): EvidenceKind | null {
  const dot = file.name.lastIndexOf('.');
  const ext = dot === -1 ? '' : file.name.slice(dot).toLowerCase();
  if (ext) {
    for (const kind of EVIDENCE_KINDS) if (KIND_EXTENSIONS[kind].includes(ext)) return kind;
    return null;
  }
  const family = /^(image|video|audio)\//.exec(file.type)?.[1];
  return family === 'image' ? 'photo' : family === 'video' ? 'video' : family === 'audio' ? 'audio' : null;
}

/** A Chinese reason a file cannot be sent as evidence, or null: its type, emptiness, its kind's size limit (core's). */
export function checkEvidence(file: { name: string; size: number; type: string }): string | null {
  const kind = evidenceKindOf(file);
  if (kind === null) {
    const dot = file.name.lastIndexOf('.');
    const ext = dot === -1 ? '' : file.name.slice(dot).toLowerCase();
    return `不支持的文件类型${ext ? `（${ext}）` : ''}，佐证请上传照片、录音、录像、PDF、Word（.docx）或 Excel（.xlsx）文件`;
  }
  if (file.size === 0) return `“${file.name}”是空文件`;
  return evidenceSizeError(kind, file.size, file.name);
}

/** "照片 20 MB、录音 50 MB…": the limits, for the form's hint. */
export const EVIDENCE_LIMITS_TEXT = EVIDENCE_KINDS.map((k) => `${EVIDENCE_KIND_LABELS[k]} ${INSPECTION_EVIDENCE_MAX_BYTES[k] / 1024 / 1024} MB`).join('、');

/**
 * Runs a stored draw again in the browser, with core's seeded procedure, and says whether it gives the
 * stored result: anyone who reads the plan can check the draw without trusting the server's word.
 */
export function redrawMatches(draw: { seed: string; input: DrawInput; result: DrawResult }): boolean {
  try {
    const again = runDraw(draw.input, draw.seed);
    const key = (r: DrawResult) => JSON.stringify({ t: r.targets.map((t) => [t.unitId, t.inspectorIds]), p: r.planInspectorIds });
    return key(again) === key(draw.result);
  } catch {
    return false;
  }
}
