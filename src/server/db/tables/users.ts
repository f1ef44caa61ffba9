/** Accounts, their sessions, second-factor recovery codes and leaders' sections. */
import type { Generated } from 'kysely';

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  unit_id: number | null;
  /** argon2id, PHC string format. */
  password_hash: string;
  roles: string; // JSON Role[]
  is_active: number;
  failed_logins: number;
  locked_until: string | null;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  /** When the password was last set by its owner (null: never since the account was made; see created_at). */
  password_changed_at: string | null;
  /** The confirmed TOTP secret, sealed (src/server/auth/totp-secret.ts); null without a second factor. */
  totp_secret: string | null;
  /** A secret handed out for enrolment and not yet confirmed with a code, sealed. */
  totp_pending_secret: string | null;
  totp_enabled_at: string | null;
  /** The last RFC 6238 time step accepted: a code of that step or an earlier one is refused (no replay). */
  totp_last_step: number | null;
}

export interface RecoveryCodeTable {
  user_id: number;
  /** SHA-256 of the code (the codes are random, 50 bits and more, so a fast hash suffices). */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface LeaderSectionTable {
  user_id: number;
  section_id: number;
}

export interface SessionTable {
  /** SHA-256 of the session token: a stolen database does not yield live cookies. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  /** 1 once the session passed the second factor, or when its user had none to pass at sign-in. */
  second_factor_ok: Generated<number>;
}
