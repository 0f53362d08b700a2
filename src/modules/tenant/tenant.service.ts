import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from '../../errors.ts';
import type { AppDeps } from '../../scope/deps.ts';
import { invitationUrl, issueInvitation, validateEmail } from '../invitation/invitation.service.ts';
import { User } from '../user/user.entity.ts';
import { Tenant } from './tenant.entity.ts';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface CreatedTenant {
  tenant: Tenant;
  admin: User;
  invitationToken: string;
  invitationUrl: string;
}

/** A new tenant with its first admin as a PENDING user holding an invitation. */
export async function createTenant(em: EntityManager, deps: AppDeps, input: { slug: string; name: string; adminEmail: string }): Promise<CreatedTenant> {
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG.test(slug)) throw badInput('slug', 'The slug must be 1-63 lower-case letters, digits or inner hyphens');
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw badInput('name', 'The name must be 1 to 200 characters');
  const adminEmail = validateEmail(input.adminEmail, 'adminEmail');
  if (await em.findOne(Tenant, { slug })) throw conflict(`A tenant with slug "${slug}" already exists`, 'slug');
  return em.transactional(async (tx) => {
    const tenant = tx.create(Tenant, { slug, name });
    const admin = tx.create(User, { tenant, email: adminEmail, role: 'ADMIN', status: 'PENDING', allowApiAccess: true });
    const invitationToken = await issueInvitation(tx, deps, { tenant, user: admin, invitedBy: null, message: null });
    await tx.flush();
    return { tenant, admin, invitationToken, invitationUrl: invitationUrl(deps, invitationToken) };
  });
}
