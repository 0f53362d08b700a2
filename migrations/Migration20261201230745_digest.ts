import { Migration } from '@mikro-orm/migrations';

export class Migration20261201230745_digest extends Migration {

  override name = 'Migration20261201230745_digest';

  override up(): void | Promise<void> {
    this.addSql(`drop trigger if exists "metadata_changed" on "users";`);
    this.addSql(`drop function if exists "users_metadata_changed_fn"();`);
    this.addSql(`alter table "users" add "digest_covered_until" timestamptz null;`);
    // Digests turned on before delivery existed start now, not with a backlog.
    this.addSql(`update "users" set "digest_covered_until" = now() where "digest_frequency" <> 'OFF';`);
    this.addSql(`create index "users_digest_index" on "users" ("id") where "digest_frequency" <> 'OFF';`);
    this.addSql(`create or replace function "users_metadata_changed_fn"() returns trigger as $$ begin if tg_op = 'UPDATE' and (to_jsonb(new) - array['last_active_at', 'digest_covered_until']) = (to_jsonb(old) - array['last_active_at', 'digest_covered_until']) then return null; end if; perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "users" for each ROW execute function "users_metadata_changed_fn"();`);

    this.addSql(`create index "audit_events_tenant_created_at_index" on "audit_events" ("tenant_id", "created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "audit_events_tenant_created_at_index";`);

    this.addSql(`drop index "users_digest_index";`);
    this.addSql(`drop trigger if exists "metadata_changed" on "users";`);
    this.addSql(`drop function if exists "users_metadata_changed_fn"();`);
    this.addSql(`alter table "users" drop column "digest_covered_until";`);
    this.addSql(`create or replace function "users_metadata_changed_fn"() returns trigger as $$ begin if tg_op = 'UPDATE' and (to_jsonb(new) - array['last_active_at']) = (to_jsonb(old) - array['last_active_at']) then return null; end if; perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER DELETE OR INSERT OR UPDATE on "users" for each ROW execute function "users_metadata_changed_fn"();`);
  }

}
