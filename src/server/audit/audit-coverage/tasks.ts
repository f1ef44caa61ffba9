import { acceptCompletion, type CoverageFeature } from './types.ts';

export const tasks: CoverageFeature = {
  notGeneric: {
    'POST /api/tasks/:id/reopen': 'needs a closed task: an accepted completion report with evidence (an upload) first',
    'POST /api/milestones/:id/reopen': 'needs a closed milestone: an accepted completion report with evidence (an upload) first',
  },
  manual: {
    // Before the task's: accepting a completion without a milestone closes the whole task.
    'POST /api/milestones/:id/reopen': async (c) => {
      const { t, ids, measure } = c;
      const m = await t.deps.db.selectFrom('milestones').select('id').where('task_id', '=', Number(ids.tasks)).orderBy('id').executeTakeFirstOrThrow();
      await acceptCompletion(c, m.id);
      await measure('POST /api/milestones/:id/reopen', () =>
        t.inject({ method: 'POST', url: `/api/milestones/${m.id}/reopen`, payload: { reason: '覆盖测试：重新打开节点' } }),
      );
    },
    'POST /api/tasks/:id/reopen': async (c) => {
      const { t, ids, measure } = c;
      await acceptCompletion(c, null);
      await measure('POST /api/tasks/:id/reopen', () =>
        t.inject({ method: 'POST', url: `/api/tasks/${ids.tasks}/reopen`, payload: { reason: '覆盖测试：重新打开任务' } }),
      );
    },
  },
};
