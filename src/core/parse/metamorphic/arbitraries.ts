import fc from 'fast-check';
import type { FormId, RenderOptions } from './types.ts';

/**
 * Marker forms by their conventional rank (GB/T 9704: 一、 > （一） > 1. > （1） > ①). One form per
 * family, since 1. and 1． (or （一） and (一)) at two levels of one document is no convention.
 */
const RANKS: FormId[][] = [
  ['cn-dun', 'cn-dot', 'cn-glued'],
  ['cn-paren', 'cn-halfparen'],
  ['ar-dot', 'ar-fdot', 'ar-dun', 'ar-spacedot', 'ar-flagdot'],
  ['ar-fparen', 'ar-paren'],
  ['circled'],
];

/** Forms for `levels` levels: increasing ranks, the task level sometimes 第一条 or 一是. */
export function formsArb(levels: number): fc.Arbitrary<FormId[]> {
  return fc
    .tuple(
      fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: levels, maxLength: levels }),
      fc.array(fc.nat(4), { minLength: levels, maxLength: levels }),
      fc.nat(9),
    )
    .map(([ranks, picks, special]) => {
      const forms = [...ranks]
        .sort((a, b) => a - b)
        .map((r, i) => {
          const family = RANKS[r] ?? [];
          return family[(picks[i] ?? 0) % family.length] ?? 'ar-dot';
        });
      // A bare numeral glued to its words is a heading convention (一教育方面), not an item one.
      if (forms[levels - 1] === 'cn-glued') forms[levels - 1] = 'cn-dun';
      if (special === 0) forms[levels - 1] = 'article';
      if (special === 1) forms[levels - 1] = 'cn-shi';
      return forms;
    });
}

/**
 * Any combination of conventions for a plan with `depth` heading levels; with `only`, the other
 * options stay those of the plain rendering, so one family of conventions is tried at a time.
 */
export function optionsArb(depth: number, only?: (keyof RenderOptions)[]): fc.Arbitrary<RenderOptions> {
  const all = anyOptions(depth);
  if (!only) return all;
  return all.map((o) => {
    const out: RenderOptions = { ...PLAIN };
    for (const k of only) Object.assign(out, { [k]: o[k] });
    return out;
  });
}

function anyOptions(depth: number): fc.Arbitrary<RenderOptions> {
  const levels = depth + 1;
  return fc.record({
    forms: formsArb(levels),
    gaps: fc.array(fc.constantFrom<'' | ' ' | '　'>('', '', '', ' ', '　'), { minLength: levels, maxLength: levels }),
    running: fc.boolean(),
    script: fc.constantFrom<RenderOptions['script']>('simplified', 'simplified', 'tw', 'hk'),
    halfWidth: fc.boolean(),
    spaces: fc.constantFrom<RenderOptions['spaces']>('keep', 'question', 'drop'),
    chrome: fc.boolean(),
    metadata: fc.boolean(),
    mojibake: fc.boolean(),
    breaks: fc.constantFrom<RenderOptions['breaks']>('lines', 'lines', 'blank-lines', 'none', 'wrap'),
    wrapWidth: fc.integer({ min: 16, max: 40 }),
    layout: fc.constantFrom<RenderOptions['layout']>('lines', 'lines', 'inline', 'table'),
    inlineSep: fc.constantFrom<RenderOptions['inlineSep']>('。', '；'),
    leadIn: fc.boolean(),
    table: fc.record({
      sep: fc.constantFrom<RenderOptions['table']['sep']>('tab', 'spaces', 'pipe', 'cell-lines'),
      merged: fc.constantFrom<RenderOptions['table']['merged']>('repeat', 'blank'),
    }),
    units: fc.constantFrom<RenderOptions['units']>('paren', 'lines', 'short', 'verb', 'first-lead', 'first-lead-line'),
    labels: fc.record({
      lead: fc.constantFrom<RenderOptions['labels']['lead']>('牵头单位', '牵头部门'),
      responsible: fc.constantFrom<RenderOptions['labels']['responsible']>('责任单位', '责任部门', '配合单位'),
    }),
    rulePlace: fc.constantFrom<RenderOptions['rulePlace']>('top', 'bottom'),
    ruleForm: fc.nat(2),
    due: fc.constantFrom<RenderOptions['due']>('sentence', 'paren', 'line'),
    frame: fc.boolean(),
  });
}

/** The plain rendering: the seed's own conventions, each example test changes one thing. */
export const PLAIN: RenderOptions = {
  forms: ['cn-dun', 'cn-paren', 'ar-fdot'],
  gaps: [],
  running: false,
  script: 'simplified',
  halfWidth: false,
  spaces: 'keep',
  chrome: false,
  metadata: false,
  mojibake: false,
  breaks: 'lines',
  wrapWidth: 30,
  layout: 'lines',
  inlineSep: '。',
  leadIn: false,
  table: { sep: 'tab', merged: 'blank' },
  units: 'paren',
  labels: { lead: '牵头单位', responsible: '责任单位' },
  rulePlace: 'top',
  ruleForm: 0,
  due: 'paren',
  frame: false,
};
