export type { RoundSnapshot, SnapshotTask, StatusCounts, UnitReporting, UnitStanding } from './types.ts';
export {
  countStatuses,
  isCountedReport,
  rankUnits,
  RANKING_WEIGHTS,
  takeSnapshot,
  unitReporting,
  unitScore,
  type SnapshotFacts,
  type SnapshotReportFacts,
  type SnapshotTaskFacts,
} from './snapshot.ts';
