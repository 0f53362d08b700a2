/**
 * `importUsers(input: {csv})` (PRODUCT.md §9 "CSV import that invites many users"): every row is
 * checked first; one bad row and nothing is invited, and every error is reported with its line in
 * the file. A valid file invites all its rows in one transaction, as `inviteUsers` does each
 * address (a PENDING user, its groups, an invitation and its mail), with the writes batched: the
 * users in one flush, memberships, invitations, mails and audit events in multi-row inserts of
 * 1,000, the mails' delivery jobs in one statement.
 */
import type { EntityName, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CsvError, parse } from 'csv-parse/sync';
import { uuidv7 } from '../../db/ids.ts';
import type { Principal } from '../../auth/principal.ts';
import { canManagePeople } from '../../authz/policy.ts';
import { ROLES, type Role } from '../../authz/vocabulary.ts';
import { badInput, conflict, DomainError, forbidden, withUniqueGuard } from '../../errors.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { AuditEvent } from '../audit/audit.entity.ts';
import { auditRecord } from '../audit/audit.service.ts';
import { GroupMembership } from '../group/group.entity.ts';
import { enqueueEmails, type EmailMessage } from '../outbox/outbox.service.ts';
import { assertSeatsLeft, lockTenant } from '../tenant/tenant.seats.ts';
import { User } from '../user/user.entity.ts';
import { Invitation } from './invitation.entity.ts';
import { invitationRecords, validateEmail } from './invitation.service.ts';

/** The most data rows a file may have. */
export const MAX_IMPORT_ROWS = 10_000;
/** The largest file, in UTF-8 bytes (the request body limit, 1 MiB, leaves room for the rest of the request). */
export const MAX_IMPORT_BYTES = 960 * 1024;

export const IMPORT_COLUMNS = ['email', 'name', 'role', 'groups', 'allow_api_access', 'allow_export_data'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

export interface ImportError {
  /** The physical line of the file (the header is line 1; a row spanning lines: the line it ends on). */
  line: number;
  /** The column at fault; null for the row or the file as a whole. */
  field: string | null;
  message: string;
}

export interface ImportUsersResult {
  invited: number;
  errors: ImportError[];
  invitations: { user: User; token: string }[];
}

interface ImportRow {
  line: number;
  email: string;
  name: string;
  role: Role;
  /** Lower-cased group names (the groups' `name_key`), distinct. */
  groupKeys: string[];
  allowApiAccess: boolean;
  allowExportData: boolean;
}

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);

function requireAdmin(viewer: Principal | null): Principal {
  if (!canManagePeople(viewer)) throw forbidden('Only admins can import users');
  return viewer as Principal;
}

/** The records of the file with the line each ends on; a malformed file (an unclosed quote, …) is one error. */
function readRecords(csv: string): { records: { fields: string[]; line: number }[] } | { error: ImportError } {
  try {
    const parsed = parse(csv, { bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return { records: parsed.map(({ record, info }) => ({ fields: record, line: info.lines })) };
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : 1;
      return { error: { line, field: null, message: `The file is not valid CSV: ${error.message}` } };
    }
    throw error;
  }
}

/**
 * Checks the file on its own (header, emails, roles, flags, repeated addresses), without the
 * database: the rows, or the errors.
 */
export function parseImport(csv: string): { rows: ImportRow[]; errors: ImportError[] } {
  if (Buffer.byteLength(csv, 'utf8') > MAX_IMPORT_BYTES) {
    throw badInput('input.csv', `The file is larger than ${MAX_IMPORT_BYTES / 1024} KiB; split it`);
  }
  const read = readRecords(csv);
  if ('error' in read) return { rows: [], errors: [read.error] };
  const [header, ...records] = read.records;
  if (!header) throw badInput('input.csv', 'The file is empty: give a header line (email, name, role, groups, allow_api_access, allow_export_data) and rows');
  if (records.length > MAX_IMPORT_ROWS) throw badInput('input.csv', `The file has ${records.length} rows; at most ${MAX_IMPORT_ROWS} at once`);

  const errors: ImportError[] = [];
  const columns = header.fields.map((name) => name.toLowerCase());
  const index = new Map<Column, number>();
  columns.forEach((name, i) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) {
      errors.push({ line: header.line, field: name || null, message: `Unknown column "${name.slice(0, 100)}"; the columns are ${IMPORT_COLUMNS.join(', ')}` });
    } else if (index.has(name as Column)) {
      errors.push({ line: header.line, field: name, message: `The column ${name} is given twice` });
    } else index.set(name as Column, i);
  });
  if (!index.has('email')) errors.push({ line: header.line, field: 'email', message: 'The header has no email column' });
  if (errors.length > 0) return { rows: [], errors };
  if (records.length === 0) throw badInput('input.csv', 'The file has a header but no rows');

  const rows: ImportRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { fields, line } of records) {
    if (fields.length !== columns.length) {
      errors.push({ line, field: null, message: `The row has ${fields.length} fields; the header has ${columns.length}` });
      continue;
    }
    const cell = (column: Column) => {
      const i = index.get(column);
      return i === undefined ? '' : fields[i]!;
    };
    const rowErrors: ImportError[] = [];
    const fail = (field: Column, message: string) => rowErrors.push({ line, field, message });

    let email = '';
    const rawEmail = cell('email');
    if (!rawEmail) fail('email', 'An email is required');
    else {
      try {
        email = validateEmail(rawEmail, 'email');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        fail('email', error.message);
      }
    }
    if (email) {
      const seen = firstLine.get(email);
      if (seen !== undefined) fail('email', `${email} is listed twice (first on line ${seen})`);
      else firstLine.set(email, line);
    }
    const name = cell('name');
    if (name.length > 200) fail('name', 'name must be at most 200 characters');
    const rawRole = cell('role').toUpperCase();
    const role = (rawRole || 'VIEWER') as Role;
    if (!ROLES.includes(role)) fail('role', `Unknown role "${cell('role').slice(0, 50)}"; the roles are ${ROLES.join(', ')}`);
    const groupKeys = [
      ...new Set(
        cell('groups')
          .split(';')
          .map((g) => g.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    const flag = (column: Column, fallback: boolean) => {
      const value = cell(column).toLowerCase();
      if (!value) return fallback;
      if (TRUE.has(value)) return true;
      if (FALSE.has(value)) return false;
      fail(column, `"${cell(column).slice(0, 50)}" is not a yes/no value (true, false, 1, 0, yes, no)`);
      return fallback;
    };
    const allowApiAccess = flag('allow_api_access', false);
    const allowExportData = flag('allow_export_data', true);
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else rows.push({ line, email, name, role, groupKeys, allowApiAccess, allowExportData });
  }
  return { rows, errors };
}

const byLine = (a: ImportError, b: ImportError) => a.line - b.line;

/** Rows a multi-row insert carries at most (PostgreSQL takes 65,535 parameters a statement). */
const BATCH = 1000;

async function insertInBatches<T extends object>(em: EntityManager, entity: EntityName<T>, rows: readonly RequiredEntityData<T>[]) {
  for (let i = 0; i < rows.length; i += BATCH) await em.insertMany(entity, rows.slice(i, i + BATCH) as RequiredEntityData<T>[]);
}

/**
 * Imports a CSV of users (admins). The file is checked first (`parseImport`), then, under the
 * tenant's lock, against the workspace: groups must exist (by name, any case), addresses must not
 * be users yet (any status), and the seat limit must hold for the whole batch (refused as a whole,
 * as `inviteUsers`). With any error nothing is written. Otherwise every row is invited in this one
 * transaction, each with a `user.invite` audit event, plus one `user.import` event with the count.
 * The tokens are in the response, once, to the importing admin (as `inviteUsers`); the mails carry them too.
 */
export async function importUsers(ctx: RequestScope, input: { csv: string }): Promise<ImportUsersResult> {
  const viewer = requireAdmin(ctx.viewer);
  const parsed = parseImport(input.csv);
  if (parsed.errors.length > 0) return { invited: 0, errors: parsed.errors.sort(byLine), invitations: [] };
  const rows = parsed.rows;
  const write = () =>
    ctx.em.transactional(async (em) => {
      const tenant = await lockTenant(em, viewer.tenantId);
      const errors: ImportError[] = [];
      const wantedGroups = [...new Set(rows.flatMap((row) => row.groupKeys))];
      const groups = wantedGroups.length
        ? await em.execute<{ id: string; name_key: string }[]>(
            'select id, name_key from groups where tenant_id = ? and name_key in (select json_array_elements_text(?::json))',
            [tenant.id, JSON.stringify(wantedGroups)],
          )
        : [];
      const groupIds = new Map(groups.map((g) => [g.name_key, g.id]));
      const existing = await em.execute<{ email: string; status: string }[]>(
        'select email, status from users where tenant_id = ? and email in (select json_array_elements_text(?::json))',
        [tenant.id, JSON.stringify(rows.map((row) => row.email))],
      );
      const taken = new Map(existing.map((u) => [u.email, u.status]));
      for (const row of rows) {
        const status = taken.get(row.email);
        if (status !== undefined) {
          errors.push({
            line: row.line,
            field: 'email',
            message:
              status === 'PENDING' ? `${row.email} is already invited: resend the invitation instead` : `${row.email} is already a user of this workspace`,
          });
        }
        const unknown = row.groupKeys.filter((key) => !groupIds.has(key));
        if (unknown.length > 0) {
          errors.push({
            line: row.line,
            field: 'groups',
            message: `No group named ${unknown.map((k) => `"${k.slice(0, 100)}"`).join(', ')} in this workspace`,
          });
        }
      }
      if (errors.length > 0) return { invited: 0, errors: errors.sort(byLine), invitations: [] };
      await assertSeatsLeft(em, tenant, rows.length, 'input.csv', 'BAD_USER_INPUT');

      const invitations: { user: User; token: string }[] = [];
      const invitationRows: ReturnType<typeof invitationRecords>['invitation'][] = [];
      const mails: EmailMessage[] = [];
      const memberships: { id: string; createdAt: Date; tenant: string; group: string; user: string }[] = [];
      const events: ReturnType<typeof auditRecord>[] = [];
      const now = new Date();
      for (const row of rows) {
        const user = em.create(User, {
          tenant: tenant.id,
          email: row.email,
          name: row.name,
          role: row.role,
          status: 'PENDING',
          allowApiAccess: row.allowApiAccess,
          allowExportData: row.allowExportData,
        });
        const memberOf = row.groupKeys.map((key) => groupIds.get(key)!);
        for (const group of memberOf) memberships.push({ id: uuidv7(), createdAt: now, tenant: tenant.id, group, user: user.id });
        const { token, invitation, mail } = invitationRecords(ctx.deps, { tenant, user, invitedBy: viewer.userId, message: null });
        invitationRows.push(invitation);
        mails.push(mail);
        events.push(
          auditRecord(viewer, {
            action: 'user.invite',
            resourceType: 'USER',
            resourceId: user.id,
            summary: {
              email: row.email,
              role: row.role,
              allowApiAccess: row.allowApiAccess,
              allowExportData: row.allowExportData,
              groupIds: memberOf,
              via: 'import',
              line: row.line,
            },
          }),
        );
        invitations.push({ user, token });
      }
      events.push(auditRecord(viewer, { action: 'user.import', resourceType: 'USER', resourceId: null, summary: { count: rows.length } }));
      // The users through the unit of work (the response shows them), once; what refers to them
      // in batched multi-row inserts afterwards, in the same transaction.
      await em.flush();
      await insertInBatches(em, GroupMembership, memberships);
      await insertInBatches(em, Invitation, invitationRows);
      await enqueueEmails(em, ctx.deps, mails, BATCH);
      await insertInBatches(em, AuditEvent, events);
      ctx.logger.info({ count: rows.length, tenantId: tenant.id }, 'users imported');
      return { invited: invitations.length, errors: [], invitations };
    });
  // Another path (inviteUsers outside this lock's reach, the CLI) can still win an insert: report it.
  return withUniqueGuard(write, () => conflict('These addresses changed meanwhile; try again', 'input.csv'));
}
