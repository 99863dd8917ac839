import { Alert, Anchor, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowLeft, IconInfoCircle, IconStairsUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { PageTitle } from '../../app/Layout.tsx';
import { MinimumWagesTab } from './MinimumWagesTab.tsx';
import { RoadmapLevelsTab } from './RoadmapLevelsTab.tsx';

type Tab = 'wages' | 'levels';

/** /referensi/upah-minimum: regional minimum wages and the roadmap ladder; admin edits both. */
export default function FollowupReferencePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const isAdmin = me?.role === 'admin';
  const [tab, setTab] = useState<Tab>('wages');
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/referensi" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('followup.admin.back')}
        </Group>
      </Anchor>
      <PageTitle>{t('followup.admin.title')}</PageTitle>
      <Text size="sm" c="dimmed" maw={720} mt={-8}>
        {t('followup.admin.intro')}
      </Text>
      {!isAdmin ? (
        <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />}>
          {t('followup.admin.readOnly')}
        </Alert>
      ) : null}
      <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'wages')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="wages">{t('followup.admin.tabs.wages')}</Tabs.Tab>
          <Tabs.Tab value="levels">{t('followup.admin.tabs.levels')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="wages" pt="md">
          <MinimumWagesTab isAdmin={isAdmin} />
        </Tabs.Panel>
        <Tabs.Panel value="levels" pt="md">
          <RoadmapLevelsTab isAdmin={isAdmin} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The way from the reference page to this one (one line there). */
export function FollowupReferenceLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/referensi/upah-minimum" size="sm">
      <Group gap={4}>
        <IconStairsUp size={16} aria-hidden />
        {t('followup.admin.link')}
      </Group>
    </Anchor>
  );
}
