import * as OpenCC from 'opencc-js/cn2t';
import type { RenderOptions } from './types.ts';

const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toHk = OpenCC.Converter({ from: 'cn', to: 'hk' });

/** Full-width punctuation that web copies turn into ASCII; 。、“” stay, as they do in such copies. */
const HALF: Record<string, string> = { '，': ',', '；': ';', '：': ':', '（': '(', '）': ')', '！': '!' };

/**
 * The character-level conventions of a rendering, applied to every piece of text on its own, so that
 * each expected field is exactly the piece the rendering printed.
 */
export function pieceTransform(opts: Pick<RenderOptions, 'script' | 'halfWidth' | 'spaces'>): (s: string) => string {
  const script = opts.script === 'tw' ? toTw : opts.script === 'hk' ? toHk : (s: string) => s;
  const space = opts.spaces === 'question' ? '??' : opts.spaces === 'drop' ? '' : '　';
  return (s: string) => {
    let out = script(s);
    if (opts.halfWidth) out = out.replace(/[，；：（）！]/g, (c: string) => HALF[c] ?? c);
    return out.replace(/　/g, space);
  };
}
