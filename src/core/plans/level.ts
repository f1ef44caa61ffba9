import type { PlanLevel } from './types.ts';

/**
 * Guesses the administrative level of a plan from its issuer (山亭区人民政府 → district). The last
 * place-level word before 人民政府/政府/办公室 decides; a coordinator can correct it.
 */
export function levelFromIssuer(issuer: string | null | undefined): PlanLevel | null {
  if (!issuer) return null;
  const m = /(省|自治区|市|州|盟|县|旗|区)(人民)?政府/.exec(issuer) ?? /(省|自治区|市|县|区)[^省市县区]*$/.exec(issuer);
  switch (m?.[1]) {
    case '省':
      return 'province';
    case '自治区':
      // An autonomous region issues as a province; a district ends in 区 too, so look at the name length.
      return 'province';
    case '市':
    case '州':
    case '盟':
      return 'city';
    case '县':
    case '旗':
      return 'county';
    case '区':
      return 'district';
    default:
      return null;
  }
}
