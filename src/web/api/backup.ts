import type { BackupSettings } from '#core/backup/index.ts';
import { get, put } from './request.ts';

export type { BackupSettings };

/** One run of the scheduled backup, as GET /api/settings/backup returns it. */
export interface BackupRun {
  id: number;
  trigger: 'schedule';
  status: 'running' | 'ok' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  file: string | null;
  size: number | null;
  sha256: string | null;
  rows: number | null;
  files: number | null;
  removed: string[];
  error: string | null;
}

export interface BackupStatus {
  settings: BackupSettings;
  /** The folder archives go to (the setting's, or DATA_DIR/backups). */
  targetDir: string;
  nextRunAt: string | null;
  lastRun: BackupRun | null;
  runs: BackupRun[];
}

export const getBackupStatus = (signal?: AbortSignal) => get<BackupStatus>('/api/settings/backup', { signal });
export const putBackupSettings = (s: BackupSettings) => put<BackupStatus>('/api/settings/backup', s);
