import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../auth/password.ts';
import { Group, GroupMembership } from '../modules/group/group.entity.ts';
import { Tenant } from '../modules/tenant/tenant.entity.ts';
import type { Role, UserStatus } from '../authz/vocabulary.ts';
import { User } from '../modules/user/user.entity.ts';

export const DEMO_TENANT = 'demo';
export const DEMO_PASSWORD = 'tessera-demo-password';

export const DEMO_USERS: { email: string; name: string; role: Role; status: UserStatus; groups: string[] }[] = [
  { email: 'admin@demo.example.com', name: 'Ada Admin', role: 'ADMIN', status: 'ACTIVE', groups: [] },
  { email: 'analyst@demo.example.com', name: 'Ana Analyst', role: 'ANALYST', status: 'ACTIVE', groups: ['Sales'] },
  { email: 'explorer@demo.example.com', name: 'Ed Explorer', role: 'EXPLORER', status: 'ACTIVE', groups: ['Sales', 'Marketing'] },
  { email: 'viewer@demo.example.com', name: 'Vic Viewer', role: 'VIEWER', status: 'ACTIVE', groups: ['Marketing'] },
  { email: 'former@demo.example.com', name: 'Fran Former', role: 'VIEWER', status: 'DEACTIVATED', groups: [] },
  { email: 'invited@demo.example.com', name: '', role: 'VIEWER', status: 'PENDING', groups: [] },
];

export interface SeededDemo {
  tenantId: string;
  adminId: string;
  passwordHash: string;
}

/** Seeds the demo tenant unless the database already holds a tenant; null when it did not. */
export async function seedDemo(em: EntityManager): Promise<SeededDemo | null> {
  if ((await em.count(Tenant, {})) > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let seeded: SeededDemo | null = null;
  await em.transactional(async (tx) => {
    const tenant = tx.create(Tenant, { slug: DEMO_TENANT, name: 'Demo Workspace' });
    const groups = new Map(['Sales', 'Marketing'].map((name) => [name, tx.create(Group, { tenant, name, nameKey: name.toLowerCase() })]));
    for (const spec of DEMO_USERS) {
      const user = tx.create(User, {
        tenant,
        email: spec.email,
        name: spec.name,
        role: spec.role,
        status: spec.status,
        passwordHash: spec.status === 'PENDING' ? null : passwordHash,
        allowApiAccess: spec.role === 'ADMIN',
      });
      for (const name of spec.groups) tx.create(GroupMembership, { tenant, group: groups.get(name)!, user });
      if (spec.role === 'ADMIN') seeded = { tenantId: tenant.id, adminId: user.id, passwordHash };
    }
  });
  return seeded;
}
