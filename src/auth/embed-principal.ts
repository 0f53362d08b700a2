import type { EntityManager } from '@mikro-orm/postgresql';
import type { EmbedAlgorithm } from './embed-jwk.ts';
import type { GrantRowRule, PublicPrincipal } from './principal.ts';
import { decryptSecret } from './secret-box.ts';
import { verifyEmbedToken, type EmbedClaims, type EmbedKeyMaterial, type RowBasedRule, type Scalar } from './embed-token.ts';
import { isUuid } from '../db/ids.ts';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { unauthenticated } from '../errors.ts';
import type { DatasetDefinition } from '../query/definition.ts';

/** The tenant's embed audience (`tessera:embed:<slug>`): the slug is read back from it to find the tenant. */
const AUDIENCE = /^tessera:embed:([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)$/;

/** What resolving an embed token needs of the process. */
export interface EmbedResolution {
  /** Decrypts HS256 secrets (`TESSERA_SECRET_KEY`'s encryption key). */
  encryptionKey: Uint8Array;
  em: () => EntityManager;
}

interface KeyRow {
  id: string;
  tenant_id: string;
  tenant_slug: string;
  algorithm: EmbedAlgorithm;
  secret_ciphertext: string | null;
  public_key_jwk: Record<string, string> | null;
  max_token_lifetime_seconds: number;
  revoked_at: Date | null;
}

/**
 * The key a token's `kid` names within the tenant its `aud` names, read from the database on every
 * request (one primary-key lookup): a revoked key is refused by every instance on its next request,
 * without waiting for a change notice.
 */
function keyLookup(with_: EmbedResolution) {
  return async (audience: string, kid: string): Promise<EmbedKeyMaterial | undefined> => {
    const slug = AUDIENCE.exec(audience)?.[1];
    if (!slug) return undefined;
    const [row] = await with_.em().execute<KeyRow[]>(
      `select k.id, k.tenant_id, t.slug as tenant_slug, k.algorithm, k.secret_ciphertext, k.public_key_jwk,
              k.max_token_lifetime_seconds, k.revoked_at
         from embed_keys k join tenants t on t.id = k.tenant_id
        where k.id = ? and t.slug = ?`,
      [kid, slug],
    );
    if (!row) return undefined;
    const key =
      row.algorithm === 'HS256'
        ? // The secret's text is the HMAC key, as partners use it (UTF-8 bytes of the base64url string).
          new TextEncoder().encode(decryptSecret(with_.encryptionKey, row.secret_ciphertext ?? '', row.id))
        : (row.public_key_jwk ?? {});
    return {
      kid: row.id,
      algorithm: row.algorithm,
      key,
      maxTokenLifetimeSeconds: row.max_token_lifetime_seconds,
      revoked: row.revoked_at !== null,
      tenantId: row.tenant_id,
    };
  };
}

/** A dashboard or dataset id of a token: the raw uuid, or the GraphQL id of that type. */
function rawIdOf(value: string, typename: string): string | undefined {
  if (isUuid(value)) return value.toLowerCase();
  try {
    // Relay's own decoder (as graphql/ids.ts uses), so that auth/ need not import the GraphQL layer.
    const decoded = decodeGlobalID(value);
    return decoded.typename === typename && isUuid(decoded.id) ? decoded.id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A signed, valid token whose content does not fit the workspace (a `path` that names no field of
 * its dataset): refused like any other token (401), but with a reason the partner can act on, since
 * only the holder of the key could have made it.
 */
function unusable(reason: string): never {
  throw unauthenticated(`The embed token cannot be used: ${reason}`);
}

const values = (given: Scalar | Scalar[]): Scalar[] => (Array.isArray(given) ? [...given] : [given]);

/**
 * `permissions.row_based` as rules of the datasets they name, each path checked against the
 * dataset's definition in the token's tenant (another tenant's dataset is as unknown as a missing one).
 */
async function rowRules(with_: EmbedResolution, tenantId: string, rules: readonly RowBasedRule[]): Promise<GrantRowRule[]> {
  if (rules.length === 0) return [];
  const ids = rules.map((rule, i) => rawIdOf(rule.path.dataset, 'Dataset') ?? unusable(`permissions.row_based[${i}].path.dataset is not a dataset id`));
  const rows = await with_
    .em()
    .execute<{ id: string; definition: DatasetDefinition }[]>(`select id, definition from datasets where tenant_id = ? and id in (?)`, [
      tenantId,
      [...new Set(ids)],
    ]);
  const definitions = new Map(rows.map((row) => [row.id, row.definition]));
  return rules.map((rule, i): GrantRowRule => {
    const at = `permissions.row_based[${i}].path`;
    const definition = definitions.get(ids[i]!);
    if (!definition) unusable(`${at}.dataset names no dataset of this workspace`);
    const model = definition.models.find((m) => m.name === rule.path.model);
    if (!model) unusable(`${at}.model "${rule.path.model}" is not a model of that dataset`);
    if (!model.fields.some((f) => f.name === rule.path.field)) unusable(`${at}.field "${rule.path.field}" is not a field of model "${model.name}"`);
    const field = `${rule.path.model}.${rule.path.field}`;
    return {
      datasetId: ids[i]!,
      rule:
        rule.operator === 'matches_user_attribute'
          ? { field, operator: 'MATCHES_USER_ATTRIBUTE', attribute: rule.attribute }
          : { field, operator: rule.operator === 'is' ? 'IS' : 'IS_NOT', values: [...rule.values] },
    };
  });
}

function principalOf(claims: EmbedClaims, tenantSlug: string, rules: GrantRowRule[], dashboardIds: string[]): PublicPrincipal {
  // System attributes (`h_…`) describe people of the workspace; a token cannot claim them.
  const attributes = Object.fromEntries(
    Object.entries(claims.userAttributes)
      .filter(([name]) => !name.startsWith('h_'))
      .map(([name, given]) => [name, values(given)]),
  );
  return {
    kind: 'EMBED',
    tenantId: claims.tenantId,
    tenantSlug,
    userId: claims.kid,
    role: 'VIEWER',
    status: 'PUBLIC',
    sessionId: undefined,
    grant: {
      sourceId: claims.kid,
      dashboardIds,
      attributes,
      rowRules: rules,
      allowExport: claims.allowRawDataExport,
      embedUserId: claims.embedUserId,
    },
  };
}

/**
 * A partner-signed embed JWT as an EMBED principal (PRODUCT.md §7), or 401 UNAUTHENTICATED: every
 * verification failure with one message that says nothing of which check failed.
 */
export async function principalFromEmbedToken(with_: EmbedResolution, token: string): Promise<PublicPrincipal> {
  let slug = '';
  const lookup = keyLookup(with_);
  const claims = await verifyEmbedToken(token, async (audience, kid) => {
    const material = await lookup(audience, kid);
    slug = AUDIENCE.exec(audience)?.[1] ?? '';
    return material;
  });
  const dashboardIds = [claims.dashboardId, ...claims.drillthroughs].map((id, i) => {
    const raw = rawIdOf(id, 'Dashboard');
    if (!raw) unusable(i === 0 ? 'object_id is not a dashboard id' : `drillthroughs[${i - 1}] is not a dashboard id`);
    return raw;
  });
  const rules = await rowRules(with_, claims.tenantId, claims.rowBased);
  return principalOf(claims, slug, rules, [...new Set(dashboardIds)]);
}
