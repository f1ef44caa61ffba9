// imports: moves to core/api/imports.ts with issue 10's draft work. The unit contract lives in
// src/core/api/units.ts; only the import feature still reads the unit name rule through this file.
export { UnitName } from '#core/api/units.ts';
