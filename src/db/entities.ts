import { Tenant } from '../modules/tenant/tenant.entity.ts';
import { User } from '../modules/user/user.entity.ts';
import { Group, GroupMembership } from '../modules/group/group.entity.ts';
import { Session } from '../modules/session/session.entity.ts';
import { Invitation } from '../modules/invitation/invitation.entity.ts';
import { OutboxEmail } from '../modules/outbox/outbox.entity.ts';

export const entities = [Tenant, User, Group, GroupMembership, Session, Invitation, OutboxEmail];
