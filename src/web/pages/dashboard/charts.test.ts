import { describe, expect, it } from 'vitest';
import type { Heatmap, RoundTrend, SectionProgress, StatusCounts } from '#web/api/dashboard.ts';
import type { ChartClick } from '#web/components/chart.tsx';
import { burnupDrill, burnupOption, heatmapDrill, heatmapView, LIGHT, roadmapRows, roundsInOrder, sectionsDrill, segmentCentre, STACK_ORDER } from './charts.ts';

function counts(partial: Partial<StatusCounts>): StatusCounts {
  const c = { notStarted: 0, inProgress: 0, dueSoon: 0, overdue: 0, done: 0, doneLate: 0, ...partial };
  const total = c.notStarted + c.inProgress + c.dueSoon + c.overdue + c.done + c.doneLate;
  return { ...c, total, completionRate: total ? (c.done + c.doneLate) / total : 0 };
}

const click = (over: Partial<ChartClick>): ChartClick => ({ componentType: 'series', dataIndex: 0, name: '', value: null, data: null, ...over });

describe('sections', () => {
  const sections: SectionProgress[] = [
    { planId: 1, sectionId: 11, title: '开办企业', indicatorCode: 'A1', counts: counts({ done: 3, doneLate: 1, overdue: 2, notStarted: 4 }) },
    { planId: 1, sectionId: 12, title: '获得电力', indicatorCode: null, counts: counts({ overdue: 5 }) },
  ];

  it('a click on a segment asks for that section and that status', () => {
    const overdue = STACK_ORDER.indexOf('overdue');
    expect(sectionsDrill(sections, click({ dataIndex: 1, seriesIndex: overdue }))).toEqual({ title: '获得电力 · 逾期', filter: { sectionId: 12, status: 'overdue' } });
    expect(sectionsDrill(sections, click({ dataIndex: 5, seriesIndex: 0 }))).toBeNull();
  });

  it('finds the centre of a stacked segment (done, done late, in progress, due soon, overdue, not started)', () => {
    expect(segmentCentre(sections, 0, 'done')).toBe(1.5);
    expect(segmentCentre(sections, 0, 'overdue')).toBe(3 + 1 + 1);
    expect(segmentCentre(sections, 0, 'not_started')).toBe(6 + 2);
  });
});

describe('heat map', () => {
  const heatmap: Heatmap = {
    months: ['2021-06', '2021-07'],
    units: [{ unitId: 7, name: '区审批服务局' }, { unitId: 8, name: '区财政局' }, { unitId: 9, name: '区税务局' }],
    cells: [[0, 0, 1], [1, 0, 4], [1, 1, 2], [2, 1, 0]],
  };

  it('keeps the units with the most missed milestones, most first, and re-indexes the cells as [month, unit, count]', () => {
    const view = heatmapView(heatmap, 1);
    expect(view.units).toEqual([{ unitId: 8, name: '区财政局' }]);
    expect(view.cells).toEqual([[0, 0, 4], [1, 0, 2]]);
    expect(view.max).toBe(4);
    expect(view.hidden).toBe(1);
  });

  it('a cell opens the unit’s tasks due that month that were not done on time', () => {
    const view = heatmapView(heatmap, 10);
    expect(heatmapDrill(view, click({ data: [1, 0, 2] }))).toEqual({
      title: '区财政局 · 2021年7月到期、未按期完成的任务',
      filter: { unitId: 8, month: '2021-07', status: ['overdue', 'done_late'] },
    });
  });
});

describe('burn-up', () => {
  it('draws each dated goal as a line named by its words, and a point opens the month’s tasks', () => {
    const option = burnupOption({ asOf: '2021-07-01', checkpoints: [{ text: '6月底前取得实质性进展', date: '2021-06-30' }, { text: '全面完成', date: '2021-12-31' }], series: [{ date: '2021-06-28', due: 3, done: 1 }] }, LIGHT, 2021);
    const series = option.series as { markLine?: { data: { xAxis: string; label: { formatter: string } }[] } }[];
    expect(series[0]!.markLine!.data.map((d) => [d.xAxis, d.label.formatter])).toEqual([['2021-06-30', '6月底前取得实质性进展'], ['2021-12-31', '12月31日 全面完成']]);
    expect(burnupDrill([new Date(2021, 5, 30, 20).getTime(), 3])).toEqual({ title: '2021年6月到期的任务', filter: { month: '2021-06' } });
    expect(burnupDrill([Number.NaN, 3])).toBeNull();
  });
});

describe('rounds and roadmap', () => {
  it('orders rounds by when they closed', () => {
    const r = (roundId: number, closedAt: string): RoundTrend => ({ roundId, title: `第${roundId}期`, closedAt, dueDate: closedAt.slice(0, 10), completionRate: 0, overdue: 0, reportingRate: 0 });
    expect(roundsInOrder([r(2, '2021-08-01T00:00:00Z'), r(1, '2021-07-01T00:00:00Z')]).map((x) => x.roundId)).toEqual([1, 2]);
  });

  it('runs a task without deadline (持续推进) to the latest end', () => {
    const rows = roadmapRows([
      { taskId: 1, number: '1', title: 'a', sectionId: 1, start: '2021-06-01', end: '2021-09-30', status: 'overdue', leadUnits: [] },
      { taskId: 2, number: '2', title: 'b', sectionId: 1, start: '2021-06-01', end: null, status: 'not_started', leadUnits: [] },
    ]);
    expect(rows[1]!.open).toBe(true);
    expect(rows[1]!.end).toBe(rows[0]!.end);
  });
});
