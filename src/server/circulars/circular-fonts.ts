/** The CJK fonts of the circular's PDF (GB/T 9704: 仿宋, 小标宋, 黑体, 楷体): where they are found, loaded once, and their glyph widths. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

export type Face = 'serif' | 'serifBold' | 'sans' | 'kai';

/**
 * Where CJK fonts are looked for: `TUIJIN_PDF_FONT_DIR` first (a folder holding the same file names,
 * for servers that install fonts elsewhere), then the usual Debian/Ubuntu, Fedora and Alpine paths of
 * the Noto CJK fonts (packages fonts-noto-cjk / google-noto-cjk-fonts / font-noto-cjk).
 */
const FONT_DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/noto',
  '/usr/share/fonts/truetype/noto',
];
const FACE_FILES: Record<Face, { file: string; family?: string }[]> = {
  serif: [{ file: 'NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' }, { file: 'NotoSerifSC-Regular.otf' }],
  serifBold: [{ file: 'NotoSerifCJK-Bold.ttc', family: 'NotoSerifCJKsc-Bold' }, { file: 'NotoSerifSC-Bold.otf' }],
  sans: [{ file: 'NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' }, { file: 'NotoSansSC-Regular.otf' }],
  // A 楷体 when one is installed (fonts-lxgw-wenkai); else level-2 headings fall back to the serif.
  kai: [{ file: 'LXGWWenKai-Regular.ttf' }],
};
const KAI_DIRS = ['/usr/share/fonts/truetype/lxgw', '/usr/share/fonts/truetype/lxgw-wenkai'];

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface FontkitFont {
  glyphForCodePoint(cp: number): Glyph;
}
/** pdfkit's own font engine; pdfkit takes parsed fonts as they are. */
const fontkit = createRequire(import.meta.url)('fontkit') as { create(bytes: Uint8Array, postscriptName?: string): FontkitFont };

/**
 * The font without OpenType shaping: one glyph per character at its advance width. Chinese text and
 * digits need no substitutions, and shaping with the CJK fonts' large GSUB tables cost seconds.
 */
function unshaped(font: FontkitFont): object {
  const layout = (text: string) => {
    const glyphs = Array.from(text, (ch) => font.glyphForCodePoint(ch.codePointAt(0)!));
    // Fresh position objects each time: pdfkit scales them in place.
    const positions = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
    return { glyphs, positions, advanceWidth: positions.reduce((s, p) => s + p.xAdvance, 0) };
  };
  return new Proxy(font, { get: (target, key) => (key === 'layout' ? layout : Reflect.get(target, key, target)) });
}

let fontCache: Map<Face, object> | null = null;
let fontCacheKey = '';
/** Glyph advances by face, size and character: the same for every document while the fonts stay. */
export const widthCache = new Map<string, number>();

/**
 * The font file of each face found in `dirs` (first directory wins). Any CJK face stands in for a
 * missing one; with none at all an AppError, since a PDF without CJK glyphs shows empty boxes.
 */
export function locateFonts(dirs: string[]): Map<Face, { path: string; family?: string }> {
  const found = new Map<Face, { path: string; family?: string }>();
  for (const face of Object.keys(FACE_FILES) as Face[]) {
    for (const dir of face === 'kai' ? [...dirs, ...KAI_DIRS] : dirs) {
      const hit = FACE_FILES[face].find((f) => existsSync(join(dir, f.file)));
      if (hit) {
        found.set(face, { path: join(dir, hit.file), ...(hit.family ? { family: hit.family } : {}) });
        break;
      }
    }
  }
  const any = found.get('serif') ?? found.get('sans') ?? found.get('serifBold');
  if (!any) {
    throw new AppError(
      'INTERNAL',
      '服务器未安装中文字体，无法生成 PDF。请安装 Noto CJK 字体（如 fonts-noto-cjk），或设置环境变量 TUIJIN_PDF_FONT_DIR 指向字体目录',
    );
  }
  for (const face of ['serif', 'serifBold', 'sans'] as Face[]) if (!found.has(face)) found.set(face, any);
  if (!found.has('kai')) found.set('kai', found.get('serif')!);
  return found;
}

/**
 * Reads and parses the fonts once per process (again if TUIJIN_PDF_FONT_DIR changes): parsing the
 * CJK collections costs seconds, so documents share the parsed fonts and their glyph caches.
 */
export function loadFonts(): Map<Face, object> {
  const envDir = process.env.TUIJIN_PDF_FONT_DIR;
  if (fontCache && fontCacheKey === (envDir ?? '')) return fontCache;
  const files = locateFonts([...(envDir ? [envDir] : []), ...FONT_DIRS]);
  const parsed = new Map<string, object>();
  const found = new Map<Face, object>();
  for (const [face, f] of files) {
    const key = `${f.path}#${f.family ?? ''}`;
    if (!parsed.has(key)) parsed.set(key, unshaped(fontkit.create(readFileSync(f.path), f.family)));
    found.set(face, parsed.get(key)!);
  }
  fontCache = found;
  fontCacheKey = envDir ?? '';
  widthCache.clear();
  return found;
}

/** Parses the fonts and their glyph outlines ahead of the first PDF (the worker does it when asked). */
export function warmPdfFonts(): void {
  for (const font of new Set(loadFonts().values())) {
    const f = font as FontkitFont & { createSubset(): unknown };
    f.glyphForCodePoint(0x4e00);
    f.createSubset();
  }
}
