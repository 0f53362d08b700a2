import { LINK_SESSION_PREFIX, LINK_TOKEN_PREFIX } from '../../auth/link-principal.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { randomToken, tokenDigest } from '../../auth/tokens.ts';
import { mergeFacts, type Facts } from '../../authz/decide.ts';
import { assertCan } from '../../authz/policy.ts';
import { isUuid } from '../../db/ids.ts';
import { DomainError, badInput, notFound } from '../../errors.ts';
import type { AttributeScalar } from '../../query/attributes.ts';
import { fieldValue } from '../../query/rlp.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { UserAttribute } from '../attribute/attribute.entity.ts';
import { isSystemName, valueProblem } from '../attribute/effective.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newestFirstQuery, type NewestFirstWindow } from '../../db/id-window.ts';
import type { Dashboard } from '../dashboard/dashboard.entity.ts';
import { dashboardLoaders } from '../dashboard/dashboard.loaders.ts';
import { dashboardFacts } from '../dashboard/dashboard.policy.ts';
import { findVisibleDashboard } from '../dashboard/dashboard.service.ts';
import { Dataset } from '../dataset/dataset.entity.ts';
import { datasetFacts } from '../dataset/dataset.policy.ts';
import { LinkSession, ShareableLink, type LinkRowRestriction } from './share-link.entity.ts';

/** Every failure to open a link (unknown, revoked, expired, deleted dashboard, wrong or missing password) says this. */
export const LINK_REFUSED = 'The link is invalid, has expired, or the password is wrong';
/** A link session lasts this long, and never beyond its link's expiry. */
export const LINK_SESSION_TTL_SECONDS = 3600;
export const LINK_LIMITS = {
  restrictions: 20,
  attributes: 20,
  values: 100,
  passwordMin: 8,
  passwordMax: 200,
  /** The furthest expiry a link may have. */
  lifetimeDays: 366,
} as const;

const DENIED = 'You are not allowed to manage shareable links of this dashboard';

export interface CreateShareableLinkInput {
  dashboardId: string;
  password?: string | null;
  expiresAt?: Date | null;
  rowRestrictions?: readonly { field: string; values: readonly unknown[] }[] | null;
  userAttributes?: readonly { attribute: string; values: readonly unknown[] }[] | null;
  allowExport?: boolean | null;
}

/**
 * The dashboard (visible to the caller, else NOT_FOUND) on which the caller may manage links
 * (`shareLink.manage` with its facts, per-user SHARE_LINKS override included), else FORBIDDEN.
 */
async function manageableDashboard(ctx: RequestScope, dashboardId: string): Promise<{ dashboard: Dashboard; facts: Facts }> {
  requirePerson(ctx, DENIED);
  const dashboard = await findVisibleDashboard(ctx, dashboardId);
  const facts = await dashboardFacts(ctx, dashboard);
  await assertCan(ctx, 'shareLink.manage', facts, DENIED);
  return { dashboard, facts };
}

/** The datasets the dashboard's widgets and filters read. */
async function dashboardDatasets(ctx: RequestScope, dashboard: Dashboard): Promise<Dataset[]> {
  const [widgets, filters] = await Promise.all([dashboardLoaders(ctx).widgets.load(dashboard.id), dashboardLoaders(ctx).filters.load(dashboard.id)]);
  const ids = [...new Set([...widgets.map((w) => w.dataset.id), ...filters.map((f) => f.dataset.id)])];
  if (ids.length === 0) return [];
  return ctx.em.find(Dataset, { id: { $in: ids }, tenant: dashboard.tenant.id }, { orderBy: { id: 'asc' } });
}

function valueList(values: readonly unknown[], at: string): readonly unknown[] {
  if (values.length === 0 || values.length > LINK_LIMITS.values) throw badInput(at, `Give 1 to ${LINK_LIMITS.values} values`);
  return values;
}

/** Each restriction's field must be a field of at least one of the dashboard's datasets, its values of that field's type. */
function rowRestrictions(input: CreateShareableLinkInput['rowRestrictions'], datasets: readonly Dataset[]): LinkRowRestriction[] {
  const given = input ?? [];
  if (given.length > LINK_LIMITS.restrictions) throw badInput('input.rowRestrictions', `At most ${LINK_LIMITS.restrictions} row restrictions`);
  return given.map((restriction, i) => {
    const at = `input.rowRestrictions[${i}]`;
    const [modelName, fieldName, ...rest] = restriction.field.trim().split('.');
    const types = rest.length
      ? []
      : datasets.flatMap((dataset) => {
          const field = dataset.definition.models.find((m) => m.name === modelName)?.fields.find((f) => f.name === fieldName);
          return field ? [field.type] : [];
        });
    if (types.length === 0) throw badInput(`${at}.field`, `"${restriction.field.slice(0, 200)}" is not a field (model.field) of any dataset of this dashboard`);
    const values = valueList(restriction.values, `${at}.values`).map((raw, j) => {
      for (const type of new Set(types)) {
        const typed = fieldValue(type, raw);
        if ('error' in typed) throw badInput(`${at}.values[${j}]`, `A value of ${modelName}.${fieldName} ${typed.error}`);
      }
      return raw as AttributeScalar;
    });
    return { field: `${modelName}.${fieldName}`, values: [...new Set(values)] };
  });
}

/** Values for attributes defined in the tenant (never `h_…`), each of the attribute's type. */
async function userAttributes(
  ctx: RequestScope,
  input: CreateShareableLinkInput['userAttributes'],
  tenantId: string,
): Promise<Record<string, AttributeScalar[]>> {
  const given = input ?? [];
  if (given.length > LINK_LIMITS.attributes) throw badInput('input.userAttributes', `At most ${LINK_LIMITS.attributes} attributes`);
  if (given.length === 0) return {};
  const names = given.map((entry) => entry.attribute.trim());
  names.forEach((name, i) => {
    const at = `input.userAttributes[${i}].attribute`;
    if (isSystemName(name)) throw badInput(at, 'System attributes (h_…) describe people of the workspace; a link cannot set them');
    if (names.indexOf(name) !== i) throw badInput(at, `"${name.slice(0, 63)}" is given twice`);
  });
  const defined = await ctx.em.find(UserAttribute, { tenant: tenantId, name: { $in: names.filter((n) => n.length <= 63) } });
  const typeOf = new Map(defined.map((attribute) => [attribute.name, attribute.type]));
  const result: Record<string, AttributeScalar[]> = {};
  given.forEach((entry, i) => {
    const type = typeOf.get(names[i]!);
    if (!type) throw badInput(`input.userAttributes[${i}].attribute`, `"${names[i]!.slice(0, 63)}" is not a user attribute of this workspace`);
    const values = valueList(entry.values, `input.userAttributes[${i}].values`).map((value, j) => {
      const problem = valueProblem(type, value);
      if (problem) throw badInput(`input.userAttributes[${i}].values[${j}]`, problem);
      return value as AttributeScalar;
    });
    result[names[i]!] = [...new Set(values)];
  });
  return result;
}

function expiry(value: Date | null | undefined): Date | null {
  if (value == null) return null;
  const latest = Date.now() + LINK_LIMITS.lifetimeDays * 86_400_000;
  if (value.getTime() <= Date.now() || value.getTime() > latest)
    throw badInput('input.expiresAt', `The expiry must be in the future, at most ${LINK_LIMITS.lifetimeDays} days from now`);
  return value;
}

function password(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (value.length < LINK_LIMITS.passwordMin || value.length > LINK_LIMITS.passwordMax)
    throw badInput('input.password', `The password must be ${LINK_LIMITS.passwordMin} to ${LINK_LIMITS.passwordMax} characters`);
  return value;
}

/** What an audit event says of a link: never its token or password (nor whether one is set, by that name). */
const auditView = (link: ShareableLink) => ({
  dashboardId: link.dashboard.id,
  expiresAt: link.expiresAt?.toISOString() ?? null,
  passphraseRequired: link.passwordHash != null,
  restrictedFields: link.rowRestrictions.map((r) => r.field),
  attributes: Object.keys(link.userAttributes),
  allowExport: link.allowExport,
});

/**
 * Creates a link to a dashboard the caller may manage links of, and whose data they may read (a
 * link never hands out rows its creator could not see through the dashboard). The raw token is
 * returned here and only here; the database keeps its digest.
 */
export async function createShareableLink(ctx: RequestScope, input: CreateShareableLinkInput): Promise<{ link: ShareableLink; token: string }> {
  const viewer = requirePerson(ctx, DENIED);
  const { dashboard, facts } = await manageableDashboard(ctx, input.dashboardId);
  const datasets = await dashboardDatasets(ctx, dashboard);
  for (const dataset of datasets) {
    await assertCan(ctx, 'widget.viewData', mergeFacts(facts, await datasetFacts(ctx, dataset)), 'A link can share only a dashboard whose data you can read');
  }
  const restrictions = rowRestrictions(input.rowRestrictions, datasets);
  const attributes = await userAttributes(ctx, input.userAttributes, viewer.tenantId);
  const expiresAt = expiry(input.expiresAt);
  const secret = password(input.password);
  const token = randomToken(LINK_TOKEN_PREFIX.slice(0, -1));
  const passwordHash = secret === null ? null : await hashPassword(secret);
  const link = await ctx.em.transactional(async (em) => {
    const link = em.create(ShareableLink, {
      tenant: viewer.tenantId,
      dashboard: dashboard.id,
      createdBy: viewer.userId,
      tokenHash: tokenDigest(token),
      passwordHash,
      expiresAt,
      rowRestrictions: restrictions,
      userAttributes: attributes,
      allowExport: input.allowExport ?? false,
      revokedAt: null,
    });
    recordAudit(em, viewer, { action: 'shareLink.create', resourceType: 'SHAREABLE_LINK', resourceId: link.id, summary: auditView(link) });
    return link;
  });
  return { link, token };
}

/**
 * One of the tenant's links, for its creator or for whoever may manage links on its dashboard;
 * NOT_FOUND for everyone else (unknown ids and other tenants' alike), FORBIDDEN for those who see
 * the dashboard but may not manage its links.
 */
export async function findShareableLink(ctx: RequestScope, id: string): Promise<ShareableLink> {
  const viewer = requirePerson(ctx, DENIED);
  const link = isUuid(id) ? await ctx.em.findOne(ShareableLink, { id, tenant: viewer.tenantId }, { populate: ['passwordHash'] }) : null;
  if (!link) throw notFound('Shareable link');
  if (link.createdBy?.id === viewer.userId) return link;
  await manageableDashboard(ctx, link.dashboard.id).catch((error: unknown) => {
    throw error instanceof DomainError && error.code === 'NOT_FOUND' ? notFound('Shareable link') : error;
  });
  return link;
}

/**
 * Revokes a link: every session opened on it is refused from the very next request, on every
 * instance (sessions are resolved from the database on each request). Revoking again changes nothing.
 */
export async function revokeShareableLink(ctx: RequestScope, id: string): Promise<ShareableLink> {
  const viewer = requirePerson(ctx, DENIED);
  const link = await findShareableLink(ctx, id);
  if (link.revokedAt) return link;
  await ctx.em.transactional(async (em) => {
    link.revokedAt = new Date();
    await em.nativeDelete(LinkSession, { link: link.id, tenant: viewer.tenantId });
    recordAudit(em, viewer, { action: 'shareLink.revoke', resourceType: 'SHAREABLE_LINK', resourceId: link.id, summary: auditView(link) });
  });
  return link;
}

/** A dashboard's links, revoked and expired ones included, newest first (ids are time-ordered), paged in SQL. */
export async function listShareableLinks(ctx: RequestScope, dashboardId: string, window: NewestFirstWindow): Promise<ShareableLink[]> {
  const viewer = requirePerson(ctx, DENIED);
  const { dashboard } = await manageableDashboard(ctx, dashboardId);
  if (window.limit === 0) return [];
  const page = newestFirstQuery(window);
  return ctx.em.find(
    ShareableLink,
    { tenant: viewer.tenantId, dashboard: dashboard.id, ...page.where },
    { orderBy: page.orderBy, limit: page.limit, populate: ['passwordHash'] },
  );
}

interface OpenableLink {
  id: string;
  tenant_id: string;
  password_hash: string | null;
  expires_at: Date | null;
}

/**
 * Opens a link (anyone may try): a short-lived link session whose `tss_` token is the bearer of
 * the SHARE_LINK principal. Attempts are counted per link token and per client address before
 * the password is checked (the sign-in throttle's store, shared by every instance); every failure
 * gets LINK_REFUSED after the same password-hashing work.
 */
export async function openShareableLink(ctx: RequestScope, input: { token: string; password?: string | null }): Promise<{ token: string; expiresAt: Date }> {
  const given = input.password ?? '';
  if (given.length > LINK_LIMITS.passwordMax) throw badInput('input.password', 'Password is too long');
  const digest = tokenDigest(input.token.length <= 200 ? input.token : '');
  // \u0001 cannot start a workspace slug, so a link's counter never meets an account's.
  const attempt = await ctx.deps.signInThrottle.attempt(`\u0001link\u0000${digest}`, ctx.clientAddress, 'password');
  const [link] = input.token.startsWith(LINK_TOKEN_PREFIX)
    ? await ctx.em.execute<OpenableLink[]>(
        `select l.id, l.tenant_id, l.password_hash, l.expires_at
           from shareable_links l join dashboards d on d.id = l.dashboard_id and d.tenant_id = l.tenant_id
          where l.token_hash = ? and l.revoked_at is null and (l.expires_at is null or l.expires_at > now())`,
        [digest],
      )
    : [];
  const passwordOk = link && link.password_hash === null ? true : await verifyPassword(link?.password_hash, given);
  if (!link || !passwordOk) throw new DomainError('UNAUTHENTICATED', LINK_REFUSED);
  await attempt.succeeded();
  const token = randomToken(LINK_SESSION_PREFIX.slice(0, -1));
  const latest = Date.now() + LINK_SESSION_TTL_SECONDS * 1000;
  const expiresAt = new Date(link.expires_at ? Math.min(latest, new Date(link.expires_at).getTime()) : latest);
  await ctx.em.transactional(async (em) => {
    // Sessions of this link that ended are dropped as new ones open, so the table stays small.
    await em.nativeDelete(LinkSession, { link: link.id, expiresAt: { $lt: new Date() } });
    em.create(LinkSession, { tenant: link.tenant_id, link: link.id, tokenHash: tokenDigest(token), expiresAt });
  });
  ctx.logger.info({ linkId: link.id, tenantId: link.tenant_id }, 'shareable link opened');
  return { token, expiresAt };
}
