import { Migration } from '@mikro-orm/migrations';

export class Migration20261123122358_initial extends Migration {

  override name = 'Migration20261123122358_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "tenants" ("id" uuid not null, "slug" varchar(63) not null, "name" varchar(200) not null, "invitation_ttl_days" int not null default 7, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "tenants" add constraint "tenants_slug_unique" unique ("slug");`);

    this.addSql(`create table "outbox_emails" ("id" uuid not null, "tenant_id" uuid null, "to_address" varchar(320) not null, "subject" varchar(300) not null, "body" text not null, "attempts" int not null default 0, "last_error" text null, "sent_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "groups" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(200) not null, "name_key" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "groups" add constraint "groups_tenant_name_key_unique" unique ("tenant_id", "name_key");`);

    this.addSql(`create table "users" ("id" uuid not null, "tenant_id" uuid not null, "email" varchar(320) not null, "name" varchar(200) not null default '', "role" text not null, "status" text not null, "password_hash" varchar(255) null, "timezone" varchar(64) not null default 'UTC', "allow_api_access" boolean not null default false, "allow_export_data" boolean not null default true, "two_factor_enabled" boolean not null default false, "last_active_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_tenant_email_unique" unique ("tenant_id", "email");`);

    this.addSql(`create table "sessions" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);

    this.addSql(`create table "invitations" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "invited_by_id" uuid null, "token_hash" varchar(64) not null, "message" text null, "expires_at" timestamptz not null, "accepted_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "invitations_user_id_index" on "invitations" ("user_id");`);
    this.addSql(`alter table "invitations" add constraint "invitations_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "group_memberships" ("id" uuid not null, "tenant_id" uuid not null, "group_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "group_memberships_user_id_index" on "group_memberships" ("user_id");`);
    this.addSql(`alter table "group_memberships" add constraint "group_memberships_group_user_unique" unique ("group_id", "user_id");`);

    this.addSql(`alter table "outbox_emails" add constraint "outbox_emails_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);

    this.addSql(`alter table "groups" add constraint "groups_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);

    this.addSql(`alter table "users" add constraint "users_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "users" add constraint "users_role_check" check ("role" in ('ADMIN', 'ANALYST', 'EXPLORER', 'VIEWER'));`);
    this.addSql(`alter table "users" add constraint "users_status_check" check ("status" in ('PENDING', 'ACTIVE', 'DEACTIVATED', 'PUBLIC'));`);

    this.addSql(`alter table "sessions" add constraint "sessions_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "invitations" add constraint "invitations_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "invitations" add constraint "invitations_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "invitations" add constraint "invitations_invited_by_id_foreign" foreign key ("invited_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "group_memberships" add constraint "group_memberships_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "group_memberships" add constraint "group_memberships_group_id_foreign" foreign key ("group_id") references "groups" ("id") on delete cascade;`);
    this.addSql(`alter table "group_memberships" add constraint "group_memberships_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "outbox_emails" drop constraint "outbox_emails_tenant_id_foreign";`);
    this.addSql(`alter table "groups" drop constraint "groups_tenant_id_foreign";`);
    this.addSql(`alter table "users" drop constraint "users_tenant_id_foreign";`);
    this.addSql(`alter table "sessions" drop constraint "sessions_tenant_id_foreign";`);
    this.addSql(`alter table "invitations" drop constraint "invitations_tenant_id_foreign";`);
    this.addSql(`alter table "group_memberships" drop constraint "group_memberships_tenant_id_foreign";`);
    this.addSql(`alter table "group_memberships" drop constraint "group_memberships_group_id_foreign";`);
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);
    this.addSql(`alter table "invitations" drop constraint "invitations_user_id_foreign";`);
    this.addSql(`alter table "invitations" drop constraint "invitations_invited_by_id_foreign";`);
    this.addSql(`alter table "group_memberships" drop constraint "group_memberships_user_id_foreign";`);

    this.addSql(`drop table if exists "tenants" cascade;`);
    this.addSql(`drop table if exists "outbox_emails" cascade;`);
    this.addSql(`drop table if exists "groups" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
    this.addSql(`drop table if exists "invitations" cascade;`);
    this.addSql(`drop table if exists "group_memberships" cascade;`);
  }

}
