export { burnupSeries, type BurnupPoint, type BurnupTask } from './burnup.ts';
export { monthsBetween, overdueHeatmap, type Heatmap, type HeatmapTask } from './heatmap.ts';
export { metPassedDeadlines, RANKING_WEIGHTS, rankUnitTallies, type UnitRank, type UnitTally } from './ranking.ts';
export { countStatuses, missedOnTime, parseStatusList, rate, statusTable, type StatusMilestone, type StatusTask } from './status-table.ts';
