export * from './reminders.ts';
export * from './settings.ts';
