import { Migration } from '@mikro-orm/migrations';

export class Migration20261123124830_content extends Migration {

  override name = 'Migration20261123124830_content';

  override up(): void | Promise<void> {
    this.addSql(`create table "shares" ("id" uuid not null, "tenant_id" uuid not null, "resource_type" text not null, "resource_id" uuid not null, "grantee_type" text not null, "grantee_user_id" uuid null, "grantee_group_id" uuid null, "grantee_key" varchar(36) not null, "created_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "shares_resource_id_index" on "shares" ("resource_id");`);
    this.addSql(`create index "shares_tenant_grantee_index" on "shares" ("tenant_id", "grantee_key", "resource_type");`);
    this.addSql(`alter table "shares" add constraint "shares_resource_grantee_unique" unique ("resource_id", "grantee_key");`);

    this.addSql(`create table "folders" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(200) not null, "parent_id" uuid null, "workspace" text not null, "workspace_owner_id" uuid null, "owner_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "folders_parent_id_index" on "folders" ("parent_id");`);
    this.addSql(`create index "folders_workspace_owner_id_index" on "folders" ("workspace_owner_id");`);

    this.addSql(`create table "data_sources" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(200) not null, "name_key" varchar(200) not null, "host" varchar(255) not null, "port" int not null, "database" varchar(63) not null, "username" varchar(63) not null, "password_ciphertext" text not null, "schemas" text[] not null default '{}', "owner_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "data_sources" add constraint "data_sources_tenant_name_key_unique" unique ("tenant_id", "name_key");`);

    this.addSql(`create table "datasets" ("id" uuid not null, "tenant_id" uuid not null, "data_source_id" uuid not null, "name" varchar(200) not null, "name_key" varchar(200) not null, "owner_id" uuid not null, "definition" jsonb not null, "permission_rules" jsonb not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "datasets_data_source_id_index" on "datasets" ("data_source_id");`);
    this.addSql(`alter table "datasets" add constraint "datasets_tenant_name_key_unique" unique ("tenant_id", "name_key");`);

    this.addSql(`create table "dashboards" ("id" uuid not null, "tenant_id" uuid not null, "folder_id" uuid null, "workspace" text not null, "workspace_owner_id" uuid null, "owner_id" uuid not null, "title" varchar(300) not null, "description" text not null default '', "locked" boolean not null default false, "cache_ttl_seconds" int not null default 0, "drill_through_enabled" boolean not null default true, "cross_filter_enabled" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "dashboards_folder_id_index" on "dashboards" ("folder_id");`);
    this.addSql(`create index "dashboards_workspace_owner_id_index" on "dashboards" ("workspace_owner_id");`);
    this.addSql(`create index "dashboards_owner_id_index" on "dashboards" ("owner_id");`);

    this.addSql(`create table "dashboard_filters" ("id" uuid not null, "tenant_id" uuid not null, "dashboard_id" uuid not null, "dataset_id" uuid not null, "parent_id" uuid null, "type" text not null, "label" varchar(200) not null default '', "field" varchar(200) not null, "permissions" text null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "dashboard_filters_dashboard_id_index" on "dashboard_filters" ("dashboard_id");`);

    this.addSql(`create table "audit_events" ("id" uuid not null, "tenant_id" uuid not null, "actor_id" uuid null, "impersonator_id" uuid null, "action" varchar(100) not null, "resource_type" varchar(50) not null, "resource_id" uuid null, "summary" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "audit_events_tenant_resource_index" on "audit_events" ("tenant_id", "resource_id");`);
    this.addSql(`create index "audit_events_tenant_actor_index" on "audit_events" ("tenant_id", "actor_id");`);

    this.addSql(`create table "user_dataset_access" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "dataset_id" uuid not null, "level" text not null default 'READ', primary key ("id"));`);
    this.addSql(`alter table "user_dataset_access" add constraint "user_dataset_access_user_dataset_unique" unique ("user_id", "dataset_id");`);

    this.addSql(`create table "user_feature_permissions" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "feature" text not null, "state" text not null, primary key ("id"));`);
    this.addSql(`alter table "user_feature_permissions" add constraint "user_feature_permissions_user_feature_unique" unique ("user_id", "feature");`);

    this.addSql(`create table "widgets" ("id" uuid not null, "tenant_id" uuid not null, "dashboard_id" uuid not null, "dataset_id" uuid not null, "owner_id" uuid not null, "title" varchar(300) not null, "query" jsonb not null, "position" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "widgets_dashboard_id_index" on "widgets" ("dashboard_id");`);
    this.addSql(`create index "widgets_dataset_id_index" on "widgets" ("dataset_id");`);

    this.addSql(`alter table "users" add "dataset_access_mode" text not null default 'FULL';`);
    this.addSql(`alter table "users" add constraint "users_dataset_access_mode_check" check ("dataset_access_mode" in ('FULL', 'BLACKLIST', 'WHITELIST'));`);

    this.addSql(`alter table "sessions" add "impersonator_id" uuid null;`);
    this.addSql(`alter table "sessions" add constraint "sessions_impersonator_id_foreign" foreign key ("impersonator_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "shares" add constraint "shares_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "shares" add constraint "shares_grantee_user_id_foreign" foreign key ("grantee_user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "shares" add constraint "shares_grantee_group_id_foreign" foreign key ("grantee_group_id") references "groups" ("id") on delete cascade;`);
    this.addSql(`alter table "shares" add constraint "shares_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "shares" add constraint "shares_resource_type_check" check ("resource_type" in ('FOLDER', 'DASHBOARD', 'DATASET', 'DATA_SOURCE'));`);
    this.addSql(`alter table "shares" add constraint "shares_grantee_type_check" check ("grantee_type" in ('USER', 'GROUP', 'ALL_USERS'));`);

    this.addSql(`alter table "folders" add constraint "folders_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "folders" add constraint "folders_parent_id_foreign" foreign key ("parent_id") references "folders" ("id") on delete cascade;`);
    this.addSql(`alter table "folders" add constraint "folders_workspace_owner_id_foreign" foreign key ("workspace_owner_id") references "users" ("id") on delete restrict;`);
    this.addSql(`alter table "folders" add constraint "folders_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete restrict;`);
    this.addSql(`alter table "folders" add constraint "folders_workspace_check" check ("workspace" in ('TEAM', 'PERSONAL'));`);

    this.addSql(`alter table "data_sources" add constraint "data_sources_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "data_sources" add constraint "data_sources_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete restrict;`);

    this.addSql(`alter table "datasets" add constraint "datasets_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "datasets" add constraint "datasets_data_source_id_foreign" foreign key ("data_source_id") references "data_sources" ("id") on delete restrict;`);
    this.addSql(`alter table "datasets" add constraint "datasets_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete restrict;`);

    this.addSql(`alter table "dashboards" add constraint "dashboards_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "dashboards" add constraint "dashboards_folder_id_foreign" foreign key ("folder_id") references "folders" ("id") on delete restrict;`);
    this.addSql(`alter table "dashboards" add constraint "dashboards_workspace_owner_id_foreign" foreign key ("workspace_owner_id") references "users" ("id") on delete restrict;`);
    this.addSql(`alter table "dashboards" add constraint "dashboards_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete restrict;`);
    this.addSql(`alter table "dashboards" add constraint "dashboards_workspace_check" check ("workspace" in ('TEAM', 'PERSONAL'));`);

    this.addSql(`alter table "dashboard_filters" add constraint "dashboard_filters_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "dashboard_filters" add constraint "dashboard_filters_dashboard_id_foreign" foreign key ("dashboard_id") references "dashboards" ("id") on delete cascade;`);
    this.addSql(`alter table "dashboard_filters" add constraint "dashboard_filters_dataset_id_foreign" foreign key ("dataset_id") references "datasets" ("id") on delete restrict;`);
    this.addSql(`alter table "dashboard_filters" add constraint "dashboard_filters_parent_id_foreign" foreign key ("parent_id") references "dashboard_filters" ("id") on delete set null;`);
    this.addSql(`alter table "dashboard_filters" add constraint "dashboard_filters_type_check" check ("type" in ('DROPDOWN', 'TEXT', 'DATE'));`);

    this.addSql(`alter table "audit_events" add constraint "audit_events_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "audit_events" add constraint "audit_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "audit_events" add constraint "audit_events_impersonator_id_foreign" foreign key ("impersonator_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "user_dataset_access" add constraint "user_dataset_access_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "user_dataset_access" add constraint "user_dataset_access_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "user_dataset_access" add constraint "user_dataset_access_dataset_id_foreign" foreign key ("dataset_id") references "datasets" ("id") on delete cascade;`);
    this.addSql(`alter table "user_dataset_access" add constraint "user_dataset_access_level_check" check ("level" in ('READ', 'READ_WRITE'));`);

    this.addSql(`alter table "user_feature_permissions" add constraint "user_feature_permissions_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "user_feature_permissions" add constraint "user_feature_permissions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "user_feature_permissions" add constraint "user_feature_permissions_feature_check" check ("feature" in ('DASHBOARDS', 'DATASETS', 'SHARE_LINKS', 'SCHEDULES', 'ALERTS', 'API_TOKENS'));`);
    this.addSql(`alter table "user_feature_permissions" add constraint "user_feature_permissions_state_check" check ("state" in ('ENABLED', 'DISABLED'));`);

    this.addSql(`alter table "widgets" add constraint "widgets_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "widgets" add constraint "widgets_dashboard_id_foreign" foreign key ("dashboard_id") references "dashboards" ("id") on delete cascade;`);
    this.addSql(`alter table "widgets" add constraint "widgets_dataset_id_foreign" foreign key ("dataset_id") references "datasets" ("id") on delete restrict;`);
    this.addSql(`alter table "widgets" add constraint "widgets_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete restrict;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "folders" drop constraint "folders_parent_id_foreign";`);
    this.addSql(`alter table "dashboards" drop constraint "dashboards_folder_id_foreign";`);
    this.addSql(`alter table "datasets" drop constraint "datasets_data_source_id_foreign";`);
    this.addSql(`alter table "dashboard_filters" drop constraint "dashboard_filters_dataset_id_foreign";`);
    this.addSql(`alter table "user_dataset_access" drop constraint "user_dataset_access_dataset_id_foreign";`);
    this.addSql(`alter table "widgets" drop constraint "widgets_dataset_id_foreign";`);
    this.addSql(`alter table "dashboard_filters" drop constraint "dashboard_filters_dashboard_id_foreign";`);
    this.addSql(`alter table "widgets" drop constraint "widgets_dashboard_id_foreign";`);
    this.addSql(`alter table "dashboard_filters" drop constraint "dashboard_filters_parent_id_foreign";`);

    this.addSql(`drop table if exists "shares" cascade;`);
    this.addSql(`drop table if exists "folders" cascade;`);
    this.addSql(`drop table if exists "data_sources" cascade;`);
    this.addSql(`drop table if exists "datasets" cascade;`);
    this.addSql(`drop table if exists "dashboards" cascade;`);
    this.addSql(`drop table if exists "dashboard_filters" cascade;`);
    this.addSql(`drop table if exists "audit_events" cascade;`);
    this.addSql(`drop table if exists "user_dataset_access" cascade;`);
    this.addSql(`drop table if exists "user_feature_permissions" cascade;`);
    this.addSql(`drop table if exists "widgets" cascade;`);

    this.addSql(`alter table "sessions" drop constraint "sessions_impersonator_id_foreign";`);

    this.addSql(`alter table "sessions" drop column "impersonator_id";`);

    this.addSql(`alter table "users" drop constraint "users_dataset_access_mode_check";`);
    this.addSql(`alter table "users" drop column "dataset_access_mode";`);
  }

}
