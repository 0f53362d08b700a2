import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('process exit status', () => {
  // The embedded PostgreSQL library's exit hook used to end every process with status 0, so a
  // failing test run or command reported success.
  it('is the one the process set, once the embedded PostgreSQL module is loaded', () => {
    const script = `await import('./src/db/embedded.ts'); process.exitCode = 3;`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
  });

  it('is 0 when nothing failed', () => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', `await import('./src/db/embedded.ts');`], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
  });
});
