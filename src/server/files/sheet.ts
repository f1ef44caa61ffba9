import ExcelJS from 'exceljs';
import type { ZipLimits } from '#core/files/zip.ts';
import { AppError } from '../errors.ts';
import { repackGuarded } from './zip-guard.ts';

/**
 * The one reader of uploaded spreadsheets (ledger sheets, account lists, and the channel exports to
 * come): the first worksheet of an .xlsx, opened only after the zip guard has inflated its entries
 * under `limits` (ExcelJS inflates whatever it is given), with `unreadable` as the user's error for
 * anything that is not a workbook.
 */
export async function readFirstSheet(bytes: Buffer, limits: ZipLimits, unreadable: string): Promise<ExcelJS.Worksheet | undefined> {
  const safe = await repackGuarded(bytes, limits, unreadable);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(safe as unknown as ArrayBuffer);
  } catch {
    throw new AppError('INVALID_INPUT', unreadable);
  }
  return wb.worksheets[0];
}

/** A cell's text as the user typed it: trimmed, with Windows and old Mac line ends made `\n`. */
export function cellText(row: ExcelJS.Row, column: number): string {
  return String(row.getCell(column).text ?? '').replace(/\r\n?/g, '\n').trim();
}

/** Whether row `rowNumber` of the sheet holds exactly `columns`, in order, from column A. */
export function hasHeader(ws: ExcelJS.Worksheet, rowNumber: number, columns: readonly string[]): boolean {
  const row = ws.getRow(rowNumber);
  return columns.every((c, i) => cellText(row, i + 1) === c);
}
