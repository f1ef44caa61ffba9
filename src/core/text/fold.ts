import * as OpenCC from 'opencc-js/t2cn';

// Character-level conversion is enough for search keys and cheap; phrase tables (twp) would rewrite words.
const t2s = OpenCC.Converter({ from: 'hk', to: 'cn' });
const tw2s = OpenCC.Converter({ from: 'tw', to: 'cn' });

/**
 * Folds text for matching: NFKC (full-width digits and letters to ASCII), traditional to simplified,
 * whitespace removed. Used for search keys, so 營商環境 finds 营商环境 and the other way round.
 */
export function foldForSearch(text: string): string {
  return tw2s(t2s(text.normalize('NFKC')))
    .replace(/\s+/g, '')
    .toLowerCase();
}
