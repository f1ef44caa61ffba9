import type { CoverageFeature } from './types.ts';

const UNKNOWN_BODY = 'body is z.unknown() at the edge (checked by the service)';

export const settings: CoverageFeature = {
  notGeneric: {
    'PUT /api/settings/reminders': `${UNKNOWN_BODY}, so the schema gives nothing to build`,
    'PUT /api/settings/public-page': UNKNOWN_BODY,
    'PUT /api/settings/audit-retention': UNKNOWN_BODY,
    'PUT /api/settings/security': UNKNOWN_BODY,
    'PUT /api/settings/backup': UNKNOWN_BODY,
  },
  manual: {
    'PUT /api/settings/reminders': async ({ t, measure }) => {
      const current = (await t.inject({ method: 'GET', url: '/api/settings' }, 'admin')).json().reminders;
      await measure('PUT /api/settings/reminders', () =>
        t.inject({ method: 'PUT', url: '/api/settings/reminders', payload: { ...current, dueSoonWorkdays: current.dueSoonWorkdays + 1 } }, 'admin'),
      );
    },
    'PUT /api/settings/public-page': async ({ t, measure }) =>
      measure('PUT /api/settings/public-page', () => t.inject({ method: 'PUT', url: '/api/settings/public-page', payload: { enabled: false } }, 'admin')),
    'PUT /api/settings/audit-retention': async ({ t, measure }) =>
      measure('PUT /api/settings/audit-retention', () => t.inject({ method: 'PUT', url: '/api/settings/audit-retention', payload: { days: 365 } }, 'auditor')),
    'PUT /api/settings/security': async ({ t, measure }) => {
      const current = (await t.inject({ method: 'GET', url: '/api/settings/security' }, 'security')).json();
      await measure('PUT /api/settings/security', () =>
        t.inject({ method: 'PUT', url: '/api/settings/security', payload: { ...current, idleMinutes: current.idleMinutes + 1 } }, 'security'),
      );
    },
    'PUT /api/settings/backup': async ({ t, measure }) => {
      const current = (await t.inject({ method: 'GET', url: '/api/settings/backup' }, 'admin')).json().settings;
      await measure('PUT /api/settings/backup', () =>
        t.inject({ method: 'PUT', url: '/api/settings/backup', payload: { ...current, keepLast: current.keepLast + 1 } }, 'admin'),
      );
    },
  },
};
