import { Migration } from '@mikro-orm/migrations';

export class Migration20261201223224_people_lifecycle extends Migration {

  override name = 'Migration20261201223224_people_lifecycle';

  override up(): void | Promise<void> {
    this.addSql(`alter table "tenants" add "seat_limit" int null;`);

    this.addSql(`alter table "users" add "digest_frequency" text not null default 'OFF', add "digest_local_time" varchar(5) not null default '08:00', add "digest_weekday" text null;`);
    this.addSql(`alter table "users" add constraint "users_digest_frequency_check" check ("digest_frequency" in ('OFF', 'DAILY', 'WEEKLY'));`);
    this.addSql(`alter table "users" add constraint "users_digest_weekday_check" check ("digest_weekday" in ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "tenants" drop column "seat_limit";`);

    this.addSql(`alter table "users" drop constraint "users_digest_frequency_check";`);
    this.addSql(`alter table "users" drop constraint "users_digest_weekday_check";`);
    this.addSql(`alter table "users" drop column "digest_frequency", drop column "digest_local_time", drop column "digest_weekday";`);
  }

}
