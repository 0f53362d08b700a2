import { Migration } from '@mikro-orm/migrations';

export class Migration20261130183452_metadata_notify extends Migration {

  override name = 'Migration20261130183452_metadata_notify';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "tenants_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.id, old.id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "tenants" for each ROW execute function "tenants_metadata_changed_fn"();`);

    this.addSql(`create or replace function "groups_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "groups" for each ROW execute function "groups_metadata_changed_fn"();`);

    this.addSql(`create or replace function "users_metadata_changed_fn"() returns trigger as $$ begin if tg_op = 'UPDATE' and (to_jsonb(new) - array['last_active_at']) = (to_jsonb(old) - array['last_active_at']) then return null; end if; perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "users" for each ROW execute function "users_metadata_changed_fn"();`);

    this.addSql(`create or replace function "shares_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "shares" for each ROW execute function "shares_metadata_changed_fn"();`);

    this.addSql(`create or replace function "sessions_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER UPDATE OR DELETE on "sessions" for each ROW execute function "sessions_metadata_changed_fn"();`);

    this.addSql(`create or replace function "group_memberships_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "group_memberships" for each ROW execute function "group_memberships_metadata_changed_fn"();`);

    this.addSql(`create or replace function "data_sources_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "data_sources" for each ROW execute function "data_sources_metadata_changed_fn"();`);

    this.addSql(`create or replace function "datasets_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "datasets" for each ROW execute function "datasets_metadata_changed_fn"();`);

    this.addSql(`create or replace function "user_attributes_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "user_attributes" for each ROW execute function "user_attributes_metadata_changed_fn"();`);

    this.addSql(`create or replace function "group_attribute_values_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "group_attribute_values" for each ROW execute function "group_attribute_values_metadata_changed_fn"();`);

    this.addSql(`create or replace function "user_attribute_values_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "user_attribute_values" for each ROW execute function "user_attribute_values_metadata_changed_fn"();`);

    this.addSql(`create or replace function "user_dataset_access_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "user_dataset_access" for each ROW execute function "user_dataset_access_metadata_changed_fn"();`);

    this.addSql(`create or replace function "user_feature_permissions_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "user_feature_permissions" for each ROW execute function "user_feature_permissions_metadata_changed_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "metadata_changed" on "data_sources";`);
    this.addSql(`drop function if exists "data_sources_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "datasets";`);
    this.addSql(`drop function if exists "datasets_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "group_attribute_values";`);
    this.addSql(`drop function if exists "group_attribute_values_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "group_memberships";`);
    this.addSql(`drop function if exists "group_memberships_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "groups";`);
    this.addSql(`drop function if exists "groups_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "sessions";`);
    this.addSql(`drop function if exists "sessions_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "shares";`);
    this.addSql(`drop function if exists "shares_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "tenants";`);
    this.addSql(`drop function if exists "tenants_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "user_attribute_values";`);
    this.addSql(`drop function if exists "user_attribute_values_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "user_attributes";`);
    this.addSql(`drop function if exists "user_attributes_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "user_dataset_access";`);
    this.addSql(`drop function if exists "user_dataset_access_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "user_feature_permissions";`);
    this.addSql(`drop function if exists "user_feature_permissions_metadata_changed_fn"();`);

    this.addSql(`drop trigger if exists "metadata_changed" on "users";`);
    this.addSql(`drop function if exists "users_metadata_changed_fn"();`);
  }

}
