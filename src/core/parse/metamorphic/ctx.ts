import { marker } from './numerals.ts';
import type { RenderOptions } from './types.ts';

/** A rendering's own context: the options made consistent with the plan, and the piece transform. */
export interface Ctx {
  opts: RenderOptions;
  tx: (s: string) => string;
  depth: number;
  indent: string;
  firstLead: boolean;
}

/** Marker, spacing and words of a numbered line, transformed. */
export function heading(ctx: Ctx, level: number, n: number, words: string): string {
  const form = ctx.opts.forms[level] ?? 'ar-dot';
  return ctx.tx(marker(form, n)) + ctx.tx(ctx.opts.gaps[level] ?? '') + ctx.tx(words);
}

/** The first level at which two paths differ. */
export function firstDiff(a: string[], b: string[]): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}
