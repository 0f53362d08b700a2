/**
 * Warehouse statements per data source: at most `concurrency` run at once in this process, at
 * most `queueMax` wait behind them (first come, first served), each for at most `maxWaitMs`. A
 * statement over the queue's bound, or one that waited too long, is refused with UNAVAILABLE and
 * the seconds to wait, instead of piling up on the pool until its connection timeout fails it.
 *
 * Written here rather than taken from p-limit (already installed): p-limit queues without bound
 * and has no wait timeout, and both are the point here.
 */
import { WarehouseBusyError } from '../errors.ts';

export interface ConcurrencyLimits {
  concurrency: number;
  queueMax: number;
  maxWaitMs: number;
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

interface Lane {
  running: number;
  queue: Waiter[];
}

export class DataSourceConcurrency {
  private readonly lanes = new Map<string, Lane>();
  private readonly limits: ConcurrencyLimits;
  /** Statements refused, by why (for `/metrics`). */
  readonly refused = { queue_full: 0, queue_timeout: 0 };

  constructor(limits: ConcurrencyLimits) {
    this.limits = limits;
  }

  /** Statements running and waiting, by data source id (for `/metrics`). */
  *stats(): Iterable<{ dataSourceId: string; running: number; queued: number }> {
    for (const [dataSourceId, lane] of this.lanes) yield { dataSourceId, running: lane.running, queued: lane.queue.length };
  }

  /** Whether a statement of the data source is running or waiting (its pool is in use). */
  busy(dataSourceId: string): boolean {
    return this.lanes.has(dataSourceId);
  }

  /** Runs `fn` once the data source has a free slot; UNAVAILABLE when the queue is full or the wait too long. */
  async run<T>(dataSourceId: string, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(dataSourceId);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /**
   * A slot of the data source, held until the returned `release` is called (once; later calls do
   * nothing): for a statement that outlives one call, such as an export's cursor. The same queue,
   * bound and wait as `run`.
   */
  async acquire(dataSourceId: string): Promise<() => void> {
    let lane = this.lanes.get(dataSourceId);
    if (!lane) this.lanes.set(dataSourceId, (lane = { running: 0, queue: [] }));
    if (lane.running >= this.limits.concurrency) await this.wait(dataSourceId, lane);
    else lane.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(dataSourceId, lane);
    };
  }

  private wait(dataSourceId: string, lane: Lane): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(this.limits.maxWaitMs / 1000));
    if (lane.queue.length >= this.limits.queueMax) {
      this.refused.queue_full++;
      this.forgetIfIdle(dataSourceId, lane);
      return Promise.reject(
        new WarehouseBusyError(`The data source is busy (too many queries waiting); try again in ${retryAfterSeconds} s`, retryAfterSeconds),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        // The releasing statement hands its slot over: `running` stays as it is.
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const at = lane.queue.indexOf(waiter);
          if (at >= 0) lane.queue.splice(at, 1);
          this.refused.queue_timeout++;
          reject(
            new WarehouseBusyError(
              `The data source is busy (the query waited ${this.limits.maxWaitMs / 1000} s for its turn); try again in ${retryAfterSeconds} s`,
              retryAfterSeconds,
            ),
          );
        }, this.limits.maxWaitMs),
      };
      lane.queue.push(waiter);
    });
  }

  private release(dataSourceId: string, lane: Lane): void {
    const next = lane.queue.shift();
    if (next) return next.start();
    lane.running--;
    this.forgetIfIdle(dataSourceId, lane);
  }

  private forgetIfIdle(dataSourceId: string, lane: Lane): void {
    if (lane.running === 0 && lane.queue.length === 0 && this.lanes.get(dataSourceId) === lane) this.lanes.delete(dataSourceId);
  }
}
