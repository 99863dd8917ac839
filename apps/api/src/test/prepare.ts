import type { Database } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { seedAreas } from '../db/seed/areas.ts';
import { seedDemoData } from '../db/seed/demo.ts';
import { seedReferenceData } from '../db/seed/reference.ts';
import { seedUnitDefaults } from '../db/seed/units.ts';

/** What `npm start` does to an empty database: migrations, reference data, areas, unit defaults, demo. */
export async function prepareDatabase(database: Database): Promise<void> {
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  await seedAreas(database.db);
  await seedUnitDefaults(database.db);
  await seedDemoData(database.db);
}
