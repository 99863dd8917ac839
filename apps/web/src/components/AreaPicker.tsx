import type { TArea, TAreaDetail, TAreaLevel, TAreaSearchResponse } from '@atensi/contracts';
import { Badge, Combobox, Group, Loader, Text, TextInput, useCombobox, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMapPin } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api-client.ts';

const MIN_CHARS = 2;
const DEBOUNCE_MS = 250;

/** One area with its parents; shared by the picker and by read-only displays of a stored code. */
export function useArea(code: string | null | undefined) {
  return useQuery({
    queryKey: ['areas', 'one', code],
    queryFn: () => api<TAreaDetail>(`/areas/${code}`),
    enabled: Boolean(code),
    staleTime: 60 * 60_000,
  });
}

/** A stored area code shown as its name with parents ("Kota Surabaya, Jawa Timur"); the code while loading. */
export function AreaName({ code }: { code: string | null | undefined }) {
  const area = useArea(code);
  if (!code) return <>—</>;
  return <>{area.data ? area.data.path : code}</>;
}

type Props = {
  label: string;
  /** The chosen Kemendagri code, or null. */
  value: string | null;
  onChange: (code: string | null, area: TArea | null) => void;
  /** Offer only these levels (e.g. regencies for a unit's seat). */
  levels?: readonly TAreaLevel[];
  /** Only areas inside this one. */
  parent?: string;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  disabled?: boolean;
};

/**
 * As-you-type search over the 91,000 administrative areas. Each option shows its level and parents, so
 * "Kota Surabaya, Jawa Timur" is never confused with the villages called Surabaya. Arrow keys move, Enter
 * picks, Escape closes; the number of results is announced.
 */
export function AreaPicker({
  label,
  value,
  onChange,
  levels,
  parent,
  description,
  error,
  required,
  disabled,
}: Props) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const statusId = useId();
  const stored = useArea(value);
  const [picked, setPicked] = useState<TArea | null>(null);
  const shown = value ? (picked?.code === value ? picked.path : (stored.data?.path ?? value)) : '';
  const [search, setSearch] = useState(shown);
  const [isTyping, setIsTyping] = useState(false);

  // Show the name of a code set from outside (or loaded later) unless the user is typing.
  useEffect(() => {
    if (!isTyping) setSearch(shown);
  }, [shown, isTyping]);

  const [debounced] = useDebouncedValue(search.trim(), DEBOUNCE_MS);
  const oneLevel = levels?.length === 1 ? levels[0] : undefined;
  const wantsSearch = isTyping && debounced.length >= MIN_CHARS;
  const results = useQuery({
    queryKey: ['areas', 'search', debounced, oneLevel ?? null, parent ?? null],
    queryFn: () =>
      api<TAreaSearchResponse>('/areas', {
        query: { q: debounced, level: oneLevel, parent, limit: levels && !oneLevel ? 50 : 20 },
      }),
    enabled: wantsSearch,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  // Several levels allowed: the API takes one, so filter here (it lists provinces and regencies first).
  const items = (results.data?.items ?? []).filter((a) => !levels || levels.includes(a.level)).slice(0, 20);
  const isLoading = wantsSearch && (search.trim() !== debounced || results.isFetching);

  const choose = (code: string) => {
    const area = items.find((a) => a.code === code) ?? null;
    setPicked(area);
    setIsTyping(false);
    setSearch(area?.path ?? '');
    combobox.closeDropdown();
    onChange(code, area);
  };
  const clear = () => {
    setPicked(null);
    setIsTyping(false);
    setSearch('');
    onChange(null, null);
  };

  let status: string;
  if (!isTyping) status = '';
  else if (search.trim().length < MIN_CHARS) status = t('area.typeMore', { count: MIN_CHARS });
  else if (isLoading) status = t('area.loading');
  else if (results.isError) status = t('area.error');
  else if (items.length === 0) status = t('area.none');
  else status = t('area.results', { count: items.length });

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={choose}
      position="bottom-start"
      middlewares={{ flip: false, shift: true }}
    >
      <Combobox.Target withExpandedAttribute>
        <TextInput
          role="combobox"
          label={label}
          description={description}
          error={error}
          required={required}
          disabled={disabled}
          placeholder={t('area.placeholder')}
          value={search}
          aria-describedby={status ? statusId : undefined}
          aria-autocomplete="list"
          leftSection={<IconMapPin size={16} aria-hidden />}
          rightSection={
            isLoading ? (
              <Loader size={14} aria-hidden />
            ) : value && !disabled ? (
              <Combobox.ClearButton onClear={clear} aria-label={t('area.clear')} />
            ) : null
          }
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setIsTyping(true);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => {
            if (isTyping) combobox.openDropdown();
          }}
          onBlur={() => {
            combobox.closeDropdown();
            // Leaving the field without picking keeps the previous choice; emptying it clears the choice.
            if (isTyping && !search.trim() && value) clear();
            else {
              setIsTyping(false);
              setSearch(shown);
            }
          }}
        />
      </Combobox.Target>
      <VisuallyHidden id={statusId} role="status" aria-live="polite">
        {status}
      </VisuallyHidden>
      <Combobox.Dropdown hidden={!isTyping || search.trim().length < MIN_CHARS}>
        <Combobox.Options aria-label={label} mah={320} style={{ overflowY: 'auto' }}>
          {isLoading && items.length === 0 ? (
            <Combobox.Empty>{t('area.loading')}</Combobox.Empty>
          ) : results.isError ? (
            <Combobox.Empty>{t('area.error')}</Combobox.Empty>
          ) : items.length === 0 ? (
            <Combobox.Empty>{t('area.none')}</Combobox.Empty>
          ) : (
            items.map((a) => <AreaOption key={a.code} area={a} />)
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

function AreaOption({ area }: { area: TArea }) {
  const { t } = useTranslation();
  // path is "Name, parent, grandparent, …": show the parents on their own line.
  const parents = area.path.split(', ').slice(1).join(', ');
  return (
    <Combobox.Option value={area.code} aria-label={`${area.path} (${t(`area.level.${area.level}`)})`}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={600}>
            {area.name}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {parents ? `${parents} · ${area.code}` : area.code}
          </Text>
        </div>
        <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
          {t(`area.level.${area.level}`)}
        </Badge>
      </Group>
    </Combobox.Option>
  );
}
