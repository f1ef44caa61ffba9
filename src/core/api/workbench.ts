/** The contract of a unit's workbench (`GET /api/me/workbench`). */
import { z } from 'zod';
import { UnitNameRefSchema } from './common.ts';
import { MyTaskSchema } from './tasks.ts';

/** `GET /api/me/workbench`: what a unit should do next. */
export const WorkbenchSchema = z.object({
  unit: UnitNameRefSchema.nullable(),
  counts: z.object({ dueSoon: z.number(), overdue: z.number(), returned: z.number(), toConsolidate: z.number() }),
  dueSoon: z.array(MyTaskSchema),
  overdue: z.array(MyTaskSchema),
  returned: z.array(z.object({ reportId: z.number(), taskId: z.number(), taskTitle: z.string(), comment: z.string().nullable() })),
  toConsolidate: z.array(z.object({ taskId: z.number(), taskTitle: z.string(), partReports: z.number() })),
});
export type Workbench = z.infer<typeof WorkbenchSchema>;
/** A unit's task with its status, as the workbench lists it. */
export type WorkbenchTask = Workbench['dueSoon'][number];
