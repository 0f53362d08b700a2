/**
 * Named prepared statements for the dataset queries that repeat (dashboards re-run the same
 * widget queries all day): PostgreSQL then parses and plans such a statement once per connection
 * instead of on every run. A statement text is named from its second run on, at most
 * `MAX_NAMED` texts are named per process, and pools retire a connection after
 * `POOL_SETTINGS.maxUses` queries, so the statements a connection keeps stay bounded.
 * The name is a hash of the text: the same text always has the same name, and a different text
 * never does.
 */
import { createHash } from 'node:crypto';

const MAX_SEEN = 5_000;
const MAX_NAMED = 500;

const hashes = new WeakMap<object, string>();
const seen = new Map<string, number>();
/** Named texts, with how often they were retired (their name's suffix). */
const named = new Map<string, number>();

function hashOf(sql: { text: string }): string {
  let hash = hashes.get(sql);
  if (!hash) {
    hash = createHash('sha256').update(sql.text).digest('base64url').slice(0, 24);
    hashes.set(sql, hash);
  }
  return hash;
}

/** The statement name to run `sql` under, or undefined to run it unnamed. */
export function statementName(sql: { text: string }): string | undefined {
  const hash = hashOf(sql);
  const generation = named.get(hash);
  if (generation !== undefined) return `tessera_${hash}_${generation}`;
  const runs = (seen.get(hash) ?? 0) + 1;
  seen.delete(hash);
  if (runs < 2 || named.size >= MAX_NAMED) {
    if (seen.size >= MAX_SEEN) seen.delete(seen.keys().next().value!);
    seen.set(hash, runs);
    return undefined;
  }
  named.set(hash, 0);
  return `tessera_${hash}_0`;
}

/**
 * Errors a prepared statement can give after its tables changed shape, where the same text run
 * afresh may well succeed: a changed result type (0A000), and parameter types fixed at preparation
 * that no longer fit (42883 no such operator, 42804 datatype mismatch).
 */
const STALE_CODES = new Set(['0A000', '42883', '42804']);
export function isStalePlan(error: unknown): boolean {
  return STALE_CODES.has((error as { code?: string }).code ?? '');
}

/** Gives the text a new name: connections prepare it afresh instead of reusing the stale one. */
export function retireStatement(sql: { text: string }): void {
  const hash = hashOf(sql);
  const generation = named.get(hash);
  if (generation !== undefined) named.set(hash, generation + 1);
}
