// npm run db:seed — load reference data on an empty database, and the demo data set when demo mode is on
// (the embedded default, or ATENSI_DEMO=1). Running it again changes nothing.
import { seedAreas } from '../db/seed/areas.ts';
import { seedDemoData } from '../db/seed/demo.ts';
import { seedReferenceData } from '../db/seed/reference.ts';
import { seedUnitDefaults } from '../db/seed/units.ts';
import { openConfiguredDatabase } from './bootstrap.ts';

const { database, config } = await openConfiguredDatabase();
try {
  const ref = await seedReferenceData(database.db);
  console.log(ref.seeded ? 'Reference data loaded.' : 'Reference data already present: left as it is.');
  const areas = await seedAreas(database.db);
  console.log(
    areas.seeded ? `${areas.rows} administrative areas loaded.` : 'Areas already present: left as they are.',
  );
  const units = await seedUnitDefaults(database.db);
  console.log(
    units.seeded
      ? 'Unit coverage and services set to their defaults.'
      : 'Unit services exist: left as they are.',
  );
  if (config.demo) {
    const demo = await seedDemoData(database.db, { people: config.demoPeople });
    console.log(
      demo.seeded
        ? `Demo users loaded (password demo-atensi-2026)${config.demoPeople ? ', with the demo beneficiaries' : ''}.`
        : 'Users exist: demo data not loaded.',
    );
  } else {
    console.log('Demo mode is off (ATENSI_DEMO=0, or DATABASE_URL without ATENSI_DEMO=1): no demo users.');
  }
} finally {
  await database.close();
}
