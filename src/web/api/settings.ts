import type { CalendarYear, ReminderRules, Settings } from '#core/api/settings.ts';
import type { EscalationLevel } from '#core/reminders/reminders.ts';
import { del, get, put } from './request.ts';

// The shapes are the settings contract's (core/api/settings.ts).
export type { CalendarYear, EscalationLevel, ReminderRules, Settings };

export const getSettings = (signal?: AbortSignal) => get<Settings>('/api/settings', { signal });
export const putReminders = (rules: ReminderRules) => put<Settings>('/api/settings/reminders', rules);
export const putPublicPage = (enabled: boolean) => put<Settings>('/api/settings/public-page', { enabled });
export const putCalendarYear = (y: CalendarYear) => put<Settings>(`/api/settings/calendar/${y.year}`, { holidays: y.holidays, workdays: y.workdays });
export const deleteCalendarYear = (year: number) => del<Settings>(`/api/settings/calendar/${year}`);
