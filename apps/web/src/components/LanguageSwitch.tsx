import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Lang, setLang } from '../app/i18n/index.ts';

/** ID | EN, one click; the choice is remembered on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('lang.label')}
      value={i18n.language}
      onChange={(v) => setLang(v as Lang)}
      data={[
        { value: 'id', label: <span title={t('lang.id')}>ID</span> },
        { value: 'en', label: <span title={t('lang.en')}>EN</span> },
      ]}
    />
  );
}
