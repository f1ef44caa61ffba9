import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { buildView, foldString, spanToSource } from './normalize.ts';

describe('folding for matching', () => {
  it('agrees with opencc-js on the words the reader matches', () => {
    const words =
      '牽頭單位 責任部門 負責 配合單位 完成時限 關於 辦公廳 號 發 聯繫人 電話 區 縣 醫療 衛生 教體局 國資委 經濟 規劃 職責分工 時間節點 長期堅持 持續推進 附件 這 為 與 後 會 廳 處 局 稅務 財政';
    const tw = OpenCC.Converter({ from: 'tw', to: 'cn' });
    expect(foldString(words)).toBe(tw(words));
  });

  it('folds full-width ASCII and spaces one to one', () => {
    expect(foldString('（１）ＡＢ：，；　')).toBe('(1)AB:,; ');
  });

  it('cuts pinyin glosses from the view and maps offsets back to the source', () => {
    const source = '經(jīng)市政府同意,市發(fā)改委負(fù)責(zé)';
    const view = buildView(source);
    expect(view.text).toBe('经市政府同意,市发改委负责');
    const at = view.text.indexOf('市发改委');
    const [a, b] = spanToSource(view, at, at + 4);
    expect(source.slice(a, b)).toBe('市發(fā)改委');
    const [c, d] = spanToSource(view, view.text.length - 2, view.text.length);
    expect(source.slice(c, d)).toBe('負(fù)責');
  });

  it('keeps brackets that are not glosses', () => {
    expect(buildView('各区(市)县、(a)项、(CA)证书').text).toBe('各区(市)县、(a)项、(CA)证书');
  });
});
