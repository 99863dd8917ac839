import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Placeholder page: issue 6 fills it.
export default function OutcomesPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('outcomes.nav')}</Title>;
}
