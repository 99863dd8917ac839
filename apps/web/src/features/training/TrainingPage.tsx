import { Tabs, Text } from '@mantine/core';
import { IconBook, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { COHORT_READER_ROLES } from './api.ts';
import { CohortList } from './CohortList.tsx';
import { CourseCatalogue } from './CourseCatalogue.tsx';

/** Training: the unit's cohorts and the course catalogue with its graduates' income change. */
export default function TrainingPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const seesCohorts = me ? COHORT_READER_ROLES.includes(me.role) : false;
  const tab = seesCohorts && params.get('tab') !== 'katalog' ? 'kelas' : 'katalog';
  return (
    <div>
      <PageTitle>{t('training.title')}</PageTitle>
      <Text size="sm" c="dimmed" mt={-8} mb="md">
        {t('training.intro')}
      </Text>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v === 'katalog' ? { tab: 'katalog' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {seesCohorts ? (
            <Tabs.Tab value="kelas" leftSection={<IconUsersGroup size={16} aria-hidden />}>
              {t('training.tabs.cohorts')}
            </Tabs.Tab>
          ) : null}
          <Tabs.Tab value="katalog" leftSection={<IconBook size={16} aria-hidden />}>
            {t('training.tabs.catalogue')}
          </Tabs.Tab>
        </Tabs.List>
        {seesCohorts ? (
          <Tabs.Panel value="kelas">
            <CohortList />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="katalog">
          <CourseCatalogue />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
