/**
 * ECharts in React: one chart instance per div, set from `option`, resized with its box, disposed on
 * unmount. Only the chart types and components the dashboards use are registered (echarts/core), so
 * the pages that import this file stay small; they are lazy, which keeps ECharts out of the first chunk.
 */
import { BarChart, CustomChart, GaugeChart, HeatmapChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, CustomSeriesOption, GaugeSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

echarts.use([
  BarChart,
  CustomChart,
  GaugeChart,
  HeatmapChart,
  LineChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | GaugeSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | DataZoomComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** What a click on a bar, a cell or a point tells the page (a subset of ECharts' event). */
export interface ChartClick {
  componentType: string;
  seriesIndex?: number;
  seriesName?: string;
  dataIndex: number;
  name: string;
  value: unknown;
  data: unknown;
}

declare global {
  interface Window {
    /**
     * The live chart instances by test id. A canvas has no DOM per bar, so the browser tests ask the
     * instance where a bar is drawn (convertToPixel) and click that point with the real mouse.
     */
    __charts?: Record<string, echarts.EChartsType>;
  }
}

interface Props {
  option: ChartOption;
  /** Called with the clicked bar, cell or point (the drill-down). */
  onClick?: (event: ChartClick) => void;
  /**
   * Called with the axis values under a click anywhere inside the (first) grid: for line charts,
   * where a point is too small a target to hit.
   */
  onGridClick?: (value: number[]) => void;
  height?: number | string;
  /** ECharts' built-in 'dark' theme for the cockpit. */
  theme?: 'dark';
  loading?: boolean;
  testId: string;
  style?: CSSProperties;
}

export function Chart({ option, onClick, onGridClick, height = 320, theme, loading = false, testId, style }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.EChartsType | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const gridClickRef = useRef(onGridClick);
  gridClickRef.current = onGridClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, theme, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (params) => clickRef.current?.(params as unknown as ChartClick));
    chart.getZr().on('click', (e) => {
      const point = [e.offsetX, e.offsetY];
      if (!gridClickRef.current || !chart.containPixel({ gridIndex: 0 }, point)) return;
      gridClickRef.current(chart.convertFromPixel({ gridIndex: 0 }, point) as number[]);
    });
    window.__charts = { ...window.__charts, [testId]: chart };
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      if (window.__charts?.[testId] === chart) delete window.__charts[testId];
      chart.dispose();
      chartRef.current = null;
    };
  }, [theme, testId]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    // notMerge: a narrower plan has fewer sections or units, and stale bars must not linger.
    chart.setOption(option, { notMerge: true });
    ref.current?.setAttribute('data-ready', 'true');
  }, [option, theme]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    if (loading)
      chart.showLoading({
        text: '加载中…',
        maskColor: theme === 'dark' ? 'rgba(0,0,0,0.3)' : 'rgba(255,255,255,0.7)',
        textColor: theme === 'dark' ? '#fff' : '#595959',
      });
    else chart.hideLoading();
  }, [loading, theme]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height, cursor: onClick || onGridClick ? 'pointer' : undefined, ...style }} />;
}
