import { del, get, put } from './request.ts';

export type EscalationLevel = 'urge' | 'supervise' | 'interview';
export interface ReminderRules {
  dueSoonWorkdays: number;
  reminderOffsets: number[];
  escalation: { level: EscalationLevel; afterWorkdays: number }[];
}
export interface CalendarYear {
  year: number;
  holidays: string[];
  workdays: string[];
}
export interface Settings {
  reminders: ReminderRules;
  publicPage: { enabled: boolean };
  /** Years the admin added or corrected. */
  calendarYears: CalendarYear[];
  /** Every year the working-day calendar covers (built-in and added). */
  coveredYears: number[];
}

export const getSettings = (signal?: AbortSignal) => get<Settings>('/api/settings', { signal });
export const putReminders = (rules: ReminderRules) => put<Settings>('/api/settings/reminders', rules);
export const putPublicPage = (enabled: boolean) => put<Settings>('/api/settings/public-page', { enabled });
export const putCalendarYear = (y: CalendarYear) => put<Settings>(`/api/settings/calendar/${y.year}`, { holidays: y.holidays, workdays: y.workdays });
export const deleteCalendarYear = (year: number) => del<Settings>(`/api/settings/calendar/${year}`);
