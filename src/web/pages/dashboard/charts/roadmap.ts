import type { RoadmapTask } from '#web/api/dashboard.ts';
import type { ChartClick, ChartOption } from '#web/components/chart.tsx';
import { WORK_STATUS_LABELS } from '#core/status/status.ts';
import { dayLabel } from '#web/utils/format.ts';
import { base, shorten, splitLine, STATUS_CHART_COLORS, text, TIME_LABELS, type Drill, type Look } from './look.ts';

export interface RoadmapRow {
  task: RoadmapTask;
  start: number;
  end: number;
  /** No deadline (持续推进): drawn to the end of the axis, hatched lighter. */
  open: boolean;
}

const DAY = 86_400_000;

function dayMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Bars from each task's start to its last deadline; open-ended tasks run to the latest end. */
export function roadmapRows(tasks: RoadmapTask[]): RoadmapRow[] {
  const ends = tasks.map((t) => (t.end ? dayMs(t.end) : Number.NaN)).filter((n) => !Number.isNaN(n));
  const starts = tasks.map((t) => dayMs(t.start)).filter((n) => !Number.isNaN(n));
  const horizon = Math.max(...ends, ...starts.map((s) => s + 30 * DAY));
  return tasks.map((task) => {
    const start = dayMs(task.start);
    const end = task.end ? dayMs(task.end) : horizon;
    return { task, start, end: Math.max(end, start + DAY), open: task.end === null };
  });
}

export function roadmapOption(rows: RoadmapRow[], look: Look, asOf: string | null, year: number | null): ChartOption {
  const many = rows.length > 40;
  return {
    ...base(look),
    legend: { show: false },
    grid: { left: 8, right: many ? 36 : 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      ...base(look).tooltip,
      formatter: (p: unknown) => {
        const row = rows[(p as { dataIndex: number }).dataIndex];
        if (!row) return '';
        const t = row.task;
        return [
          `<b>${t.number} ${t.title}</b>`,
          `${WORK_STATUS_LABELS[t.status]} · ${dayLabel(t.start, year)} — ${t.end ? dayLabel(t.end, year) : '持续推进'}`,
          t.leadUnits.length ? `牵头：${t.leadUnits.join('、')}` : '',
        ]
          .filter(Boolean)
          .join('<br/>');
      },
    },
    xAxis: {
      type: 'time',
      position: 'top',
      axisLabel: { fontSize: look.font, color: text(look), formatter: TIME_LABELS, hideOverlap: true },
      splitLine: { show: true, ...splitLine(look) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => `${r.task.number} ${shorten(r.task.title, look.dark ? 12 : 18)}`),
      axisLabel: { fontSize: look.font, color: text(look) },
      axisTick: { show: false },
    },
    dataZoom: many ? [{ type: 'slider', yAxisIndex: 0, right: 4, width: 16, startValue: 0, endValue: 39, showDetail: false }, { type: 'inside', yAxisIndex: 0 }] : [],
    series: [
      {
        type: 'custom',
        name: '任务',
        encode: { x: [1, 2], y: 0 },
        data: rows.map((r, i) => ({ value: [i, r.start, r.end], itemStyle: { color: STATUS_CHART_COLORS[r.task.status], opacity: r.open ? 0.45 : 1 } })),
        renderItem: (params, api) => {
          const index = api.value(0);
          const from = api.coord([api.value(1), index]);
          const to = api.coord([api.value(2), index]);
          const size = api.size?.([0, 1]);
          const height = (Array.isArray(size) ? (size[1] as number) : 20) * 0.6;
          const coordSys = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
          const x = Math.max(from[0]!, coordSys.x);
          const width = Math.min(to[0]!, coordSys.x + coordSys.width) - x;
          if (width <= 0) return null;
          return {
            type: 'rect',
            shape: { x, y: from[1]! - height / 2, width, height, r: 2 },
            style: api.style(),
          };
        },
        markLine: asOf
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#b3261e', type: 'dashed' },
              label: { formatter: '今天', color: '#b3261e', fontSize: look.font },
              data: [{ xAxis: asOf }],
            }
          : undefined,
      },
    ],
  };
}

export function roadmapDrill(rows: RoadmapRow[], click: ChartClick): Drill | null {
  const row = rows[click.dataIndex];
  if (!row) return null;
  const t = row.task;
  return { title: `本章节${WORK_STATUS_LABELS[t.status]}的任务（含 ${t.number}）`, filter: { sectionId: t.sectionId ?? undefined, status: t.status } };
}
