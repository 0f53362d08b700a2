import { Tenant } from '../modules/tenant/tenant.entity.ts';
import { User } from '../modules/user/user.entity.ts';
import { UserDatasetAccess, UserFeaturePermission } from '../modules/user/user-overrides.entity.ts';
import { Group, GroupMembership } from '../modules/group/group.entity.ts';
import { Session } from '../modules/session/session.entity.ts';
import { Invitation } from '../modules/invitation/invitation.entity.ts';
import { OutboxEmail } from '../modules/outbox/outbox.entity.ts';
import { DataSource } from '../modules/data-source/data-source.entity.ts';
import { EmbedKey } from '../modules/embed-key/embed-key.entity.ts';
import { ExportDownload } from '../modules/export/export.entity.ts';
import { Dataset } from '../modules/dataset/dataset.entity.ts';
import { Folder } from '../modules/folder/folder.entity.ts';
import { Dashboard, DashboardFilter, Widget } from '../modules/dashboard/dashboard.entity.ts';
import { Share } from '../modules/share/share.entity.ts';
import { LinkSession, ShareableLink } from '../modules/share-link/share-link.entity.ts';
import { AuditEvent } from '../modules/audit/audit.entity.ts';
import { ApiToken } from '../modules/api-token/api-token.entity.ts';
import { RecoveryCode, TwoFactorSecret } from '../modules/two-factor/two-factor.entity.ts';
import { PasswordReset } from '../modules/password-reset/password-reset.entity.ts';
import { RateLimitCounter } from '../auth/rate-limit.entity.ts';
import { GroupAttributeValue, UserAttribute, UserAttributeValue } from '../modules/attribute/attribute.entity.ts';

export const entities = [
  Tenant,
  User,
  UserDatasetAccess,
  UserFeaturePermission,
  Group,
  GroupMembership,
  Session,
  Invitation,
  OutboxEmail,
  DataSource,
  EmbedKey,
  Dataset,
  Folder,
  Dashboard,
  Widget,
  DashboardFilter,
  Share,
  ShareableLink,
  LinkSession,
  AuditEvent,
  UserAttribute,
  GroupAttributeValue,
  UserAttributeValue,
  RateLimitCounter,
  ExportDownload,
  ApiToken,
  TwoFactorSecret,
  RecoveryCode,
  PasswordReset,
];
