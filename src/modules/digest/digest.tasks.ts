import { isUuid } from '../../db/ids.ts';
import type { Schedule, TaskHandlers } from '../../jobs/runner.ts';
import type { AppDeps } from '../../scope/deps.ts';
import { scheduleDigests, sendDigest } from './digest.service.ts';

/**
 * Every 5 minutes the scheduler looks for digests whose local send time has come (graphile-worker
 * fires each schedule once across instances). A send time that is not a multiple of 5 minutes is
 * served at the next run.
 */
export const DIGEST_SCHEDULES: Schedule[] = [
  { identifier: 'digest.schedule', task: 'digest.schedule', match: '*/5 * * * *', jobKey: 'digest.schedule', maxAttempts: 1 },
];

/** `digest.schedule` runs the scheduler on the real clock; `digest.send` sends one user's digest (once). */
export function digestTasks(deps: AppDeps): TaskHandlers {
  return {
    async 'digest.schedule'() {
      await scheduleDigests(deps, new Date());
    },
    async 'digest.send'(payload, job) {
      const periodEnd = new Date(typeof payload.periodEnd === 'string' ? payload.periodEnd : Number.NaN);
      if (typeof payload.userId !== 'string' || !isUuid(payload.userId) || Number.isNaN(periodEnd.getTime())) {
        deps.logger.error({ jobId: job.id }, 'digest.send job without a valid userId and periodEnd: dropped');
        return;
      }
      await sendDigest(deps, { userId: payload.userId, periodEnd });
    },
  };
}
