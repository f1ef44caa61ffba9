import type { ParsedDeadline } from '../types.ts';

/**
 * A gold reading in a form the renderer can print in any convention: the notice's metadata and the
 * tasks with their heading words (no markers, since the markers belong to the rendering).
 */
export interface MetaPlan {
  id: string;
  header: {
    number: string;
    issuer: string;
    /** As printed on the notice, e.g. "2021年5月26日". */
    date: string;
    /** The notice's title, "…关于印发…的通知". */
    title: string;
  };
  tasks: MetaTask[];
}

export interface MetaTask {
  /** Heading words from the outermost level down, without markers: ["开办企业"]. */
  path: string[];
  /** The item text before its first "。" (the seed's rule). */
  title: string;
  /** The item text without number and unit annotation; deadlines in it are listed in `deadlines`. */
  text: string;
  /** Deadlines written in `text`, in order. */
  deadlines: ParsedDeadline[];
  /** A deadline not written in the text, which the rendering places (sentence, （完成时限：…）, line or column). */
  due?: ParsedDeadline;
  lead: string[];
  responsible: string[];
}

/** Marker forms, by the id the reader's ReadingLevel.form uses where they coincide. */
export type FormId =
  | 'cn-dun' // 一、
  | 'cn-dot' // 一．
  | 'cn-glued' // 一教育方面: a bare numeral glued to a heading
  | 'cn-paren' // （一）
  | 'cn-halfparen' // (一)
  | 'ar-dot' // 1.
  | 'ar-fdot' // 1．
  | 'ar-dun' // 1、
  | 'ar-spacedot' // 1 .
  | 'ar-flagdot' // 1* .: a flag character before the dot
  | 'ar-fparen' // （1）
  | 'ar-paren' // (1)
  | 'circled' // ①
  | 'article' // 第一条
  | 'cn-shi'; // 一是

export type UnitStyle =
  | 'paren' // （牵头单位：…；责任单位：…）
  | 'lines' // 牵头单位：… / 责任单位：… lines after the task
  | 'short' // （牵头：…；配合：…）
  | 'verb' // （由X牵头，Y配合） / （X负责）
  | 'first-lead' // one list in a bracket, "排在第一位的为牵头单位"
  | 'first-lead-line'; // the same list as a 责任单位： line after the task

export type DueStyle = 'sentence' | 'paren' | 'line';

export interface TableOptions {
  sep: 'tab' | 'spaces' | 'pipe' | 'cell-lines';
  /** A merged category cell printed on every row, or only on its first. */
  merged: 'repeat' | 'blank';
}

export interface RenderOptions {
  /** One form per level: the path levels, then the task level. */
  forms: FormId[];
  /** What follows each level's marker. */
  gaps: ('' | ' ' | '　')[];
  /** Task numbers run on across sections (1…42 under several （一）). */
  running: boolean;
  script: 'simplified' | 'tw' | 'hk';
  halfWidth: boolean;
  /** How the full-width indentation of paragraphs (and any full-width space) arrives. */
  spaces: 'keep' | 'question' | 'drop';
  chrome: boolean;
  metadata: boolean;
  /** A paragraph of the page mangled by an encoding error (UTF-8 read as GBK) above the plan. */
  mojibake: boolean;
  breaks: 'lines' | 'blank-lines' | 'none' | 'wrap';
  wrapWidth: number;
  layout: 'lines' | 'inline' | 'table';
  /** Inline enumerations: items end in 。 as written, or in ； with the last 。 dropped. */
  inlineSep: '。' | '；';
  leadIn: boolean;
  table: TableOptions;
  units: UnitStyle;
  labels: { lead: '牵头单位' | '牵头部门'; responsible: '责任单位' | '责任部门' | '配合单位' };
  /** Where the first-lead rule sentence stands. */
  rulePlace: 'top' | 'bottom';
  /** Which wording of the first-lead rule (0–2). */
  ruleForm: number;
  due: DueStyle;
  /** A 工作目标 section before the tasks and a 保障措施 section after them. */
  frame: boolean;
}

/** A task as the reader should return it under one rendering. */
export interface ExpectedTask {
  path: string[];
  /** The marker's numeric value (so 一, 1 and ① compare alike). */
  number: number;
  title: string;
  text: string;
  deadlines: ParsedDeadline[];
  lead: string[];
  responsible: string[];
}

export interface Rendering {
  text: string;
  tasks: ExpectedTask[];
  /**
   * The numbering hierarchy a reader should detect, outermost first: each level's first marker as
   * written, how many items it has, and whether they are the tasks. Null where the rendering has no
   * plain hierarchy to report (tables, and framing sections that share the task form).
   */
  levels: { example: string; count: number; isTaskLevel: boolean }[] | null;
  /** The notice's number as printed, and the year its deadlines are dated in. */
  document: { number: string; plan_year: number | null };
  /**
   * Whitespace (and, for inline items, a trailing separator) in titles and texts is not the
   * reader's to decide when the convention itself inserted it; paths are always compared without
   * whitespace and `?` since indentation and marker spacing vary.
   */
  looseText: boolean;
}
