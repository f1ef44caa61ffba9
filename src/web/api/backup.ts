import type { BackupSettings } from '#core/backup/index.ts';
import type { BackupRun, BackupStatus } from '#core/api/settings.ts';
import { get, put } from './request.ts';

export type { BackupSettings };

// The shapes are the settings contract's (core/api/settings.ts).
export type { BackupRun, BackupStatus };

export const getBackupStatus = (signal?: AbortSignal) => get<BackupStatus>('/api/settings/backup', { signal });
export const putBackupSettings = (s: BackupSettings) => put<BackupStatus>('/api/settings/backup', s);
