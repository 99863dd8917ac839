import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Placeholder page: issue 6 fills it.
export default function TrainingPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('training.nav')}</Title>;
}
