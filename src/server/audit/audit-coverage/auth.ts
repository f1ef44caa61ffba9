import { totpCode } from '#core/auth/totp.ts';
import { TEST_PASSWORD } from '../../test/helpers.ts';
import { type CoverageFeature, signInFresh } from './types.ts';

export const auth: CoverageFeature = {
  notGeneric: {
    'POST /api/auth/login': 'needs a real username and password (a schema-built body is refused)',
    'POST /api/auth/password': 'needs the current password and a new one that passes the strength rule',
    'POST /api/auth/totp/confirm': 'needs a code computed from the secret the setup step returned',
    'POST /api/auth/login/code': 'needs an enrolled account signed in with its password, and a code of its secret',
  },
  manual: {
    'POST /api/auth/login': async ({ t, measure }) =>
      measure('POST /api/auth/login', () =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.8.0.2', payload: { username: 'inspector', password: TEST_PASSWORD } }),
      ),
    'POST /api/auth/password': async ({ t, measure }) => {
      await t.addUser('pwchange', ['inspector']);
      await measure('POST /api/auth/password', () =>
        t.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'Coverage-Pass-2026!' } }, 'pwchange'),
      );
    },
    'POST /api/auth/totp/confirm': async ({ t, ids, measure }) => {
      // A second-factor account signs in for the first time (gate 'enrol'), asks for a secret and confirms it with a code.
      await t.addUser('enrolee', ['admin']);
      const headers = await signInFresh(t, 'enrolee', '10.8.0.3');
      ids.enroleeSecret = (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers })).json().secret as string;
      await measure('POST /api/auth/totp/confirm', () =>
        t.app.inject({ method: 'POST', url: '/api/auth/totp/confirm', headers, payload: { code: totpCode(String(ids.enroleeSecret), Date.now()) } }),
      );
    },
    'POST /api/auth/login/code': async ({ t, ids, measure }) => {
      // The next sign-in of the enrolled account asks for a code; the confirmation used this time step, so the next one's code.
      const headers = await signInFresh(t, 'enrolee', '10.8.0.4');
      await measure('POST /api/auth/login/code', () =>
        t.app.inject({ method: 'POST', url: '/api/auth/login/code', headers, payload: { code: totpCode(String(ids.enroleeSecret), Date.now() + 30_000) } }),
      );
    },
  },
};
