import { INDONESIA_BOUNDS, SERVICE_MODES, type TNearestResponse, type TServiceMode } from '@atensi/contracts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Paper,
  Progress,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowLeft, IconCurrentLocation } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../app/Layout.tsx';
import { AreaPicker } from '../../components/AreaPicker.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/states.tsx';
import { formatNumber } from '../../lib/format.ts';
import { type NearestParams, useNearest, useReference } from './api.ts';

type From = 'area' | 'point';

const isMode = (v: string | null): v is TServiceMode => SERVICE_MODES.some((m) => m === v);
const num = (v: string | null) => (v === null || v === '' || Number.isNaN(Number(v)) ? '' : Number(v));
const inBounds = (lat: number, lon: number) =>
  lat >= INDONESIA_BOUNDS.minLat &&
  lat <= INDONESIA_BOUNDS.maxLat &&
  lon >= INDONESIA_BOUNDS.minLon &&
  lon <= INDONESIA_BOUNDS.maxLon;

/**
 * Which unit can take this person, here, in this mode? The question is kept in the address, so an answer can
 * be shared and the back button works.
 */
export default function NearestPage() {
  const { t, i18n } = useTranslation();
  const reference = useReference();
  const [params, setParams] = useSearchParams();
  const [cluster, setCluster] = useState<string | null>(params.get('cluster'));
  const [mode, setMode] = useState<TServiceMode>(() => {
    const m = params.get('mode');
    return isMode(m) ? m : 'residential';
  });
  const [from, setFrom] = useState<From>(params.get('lat') ? 'point' : 'area');
  const [area, setArea] = useState<string | null>(params.get('area'));
  const [lat, setLat] = useState<number | ''>(num(params.get('lat')));
  const [lon, setLon] = useState<number | ''>(num(params.get('lon')));
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState<string | null>(null);
  const [point] = useDebouncedValue({ lat, lon }, 400);

  const pointOk = typeof point.lat === 'number' && typeof point.lon === 'number';
  const pointInBounds = pointOk && inBounds(point.lat as number, point.lon as number);
  let query: NearestParams | null = null;
  if (cluster && from === 'area' && area) query = { cluster, mode, area };
  if (cluster && from === 'point' && pointInBounds)
    query = { cluster, mode, lat: point.lat as number, lon: point.lon as number };
  const nearest = useNearest(query);

  // Keep the question in the address (replace, so typing does not fill the history).
  const search = query ? new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])) : null;
  const searchText = search?.toString() ?? '';
  useEffect(() => {
    if (searchText) setParams(new URLSearchParams(searchText), { replace: true });
  }, [searchText, setParams]);

  const locate = () => {
    setLocateError(null);
    if (!('geolocation' in navigator)) {
      setLocateError(t('nearest.locateUnsupported'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setLat(Math.round(pos.coords.latitude * 10_000) / 10_000);
        setLon(Math.round(pos.coords.longitude * 10_000) / 10_000);
      },
      (err) => {
        setLocating(false);
        setLocateError(
          err.code === err.PERMISSION_DENIED ? t('nearest.locateDenied') : t('nearest.locateFailed'),
        );
      },
      { timeout: 15_000, maximumAge: 300_000 },
    );
  };

  const clusters = (reference.data?.clusters ?? []).filter((c) => c.isActive);
  const outOfBounds = pointOk && !pointInBounds ? t('nearest.outOfBounds') : undefined;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/unit" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('units.back')}
        </Group>
      </Anchor>
      <div>
        <PageTitle>{t('nearest.title')}</PageTitle>
        <Text size="sm" c="dimmed" mt={-8}>
          {t('nearest.intro')}
        </Text>
      </div>
      <Card
        withBorder
        padding="md"
        component="form"
        aria-label={t('nearest.question')}
        onSubmit={(e) => e.preventDefault()}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('units.cluster')}
              placeholder={t('nearest.pickCluster')}
              required
              value={cluster}
              onChange={setCluster}
              disabled={reference.isPending}
              data={clusters.map((c) => ({
                value: c.code,
                label: i18n.language === 'en' ? c.nameEn : c.nameId,
              }))}
            />
            <Radio.Group label={t('nearest.mode')} value={mode} onChange={(v) => isMode(v) && setMode(v)}>
              <Group gap="md" mt={8}>
                {SERVICE_MODES.map((m) => (
                  <Radio key={m} value={m} label={t(`units.${m}`)} />
                ))}
              </Group>
            </Radio.Group>
          </SimpleGrid>
          <Radio.Group
            label={t('nearest.from')}
            value={from}
            onChange={(v) => setFrom(v === 'point' ? 'point' : 'area')}
          >
            <Group gap="md" mt={4}>
              <Radio value="area" label={t('nearest.fromArea')} />
              <Radio value="point" label={t('nearest.fromPoint')} />
            </Group>
          </Radio.Group>
          {from === 'area' ? (
            <AreaPicker
              label={t('nearest.area')}
              description={t('nearest.areaHelp')}
              value={area}
              onChange={(code) => setArea(code)}
            />
          ) : (
            <Stack gap="xs">
              <Group gap="sm" align="flex-end" wrap="wrap">
                <NumberInput
                  label={t('nearest.lat')}
                  value={lat}
                  onChange={(v) => setLat(typeof v === 'number' ? v : '')}
                  decimalScale={6}
                  decimalSeparator=","
                  step={0.01}
                  w={150}
                  error={outOfBounds}
                />
                <NumberInput
                  label={t('nearest.lon')}
                  value={lon}
                  onChange={(v) => setLon(typeof v === 'number' ? v : '')}
                  decimalScale={6}
                  decimalSeparator=","
                  step={0.01}
                  w={150}
                  error={outOfBounds ? ' ' : undefined}
                />
                <Button
                  variant="default"
                  leftSection={<IconCurrentLocation size={16} aria-hidden />}
                  loading={locating}
                  onClick={locate}
                >
                  {t('nearest.useLocation')}
                </Button>
              </Group>
              {locateError ? (
                <Text size="sm" c="red.9" role="alert">
                  {locateError}
                </Text>
              ) : null}
            </Stack>
          )}
        </Stack>
      </Card>
      <section aria-labelledby="nearest-results" aria-busy={nearest.isFetching}>
        <Text component="h2" fw={700} size="lg" id="nearest-results" mb="xs">
          {t('nearest.results')}
        </Text>
        {!query ? (
          <Text size="sm" c="dimmed">
            {cluster ? t('nearest.pickPlace') : t('nearest.pickClusterFirst')}
          </Text>
        ) : nearest.isPending ? (
          <LoadingState rows={4} />
        ) : nearest.isError ? (
          <ErrorState error={nearest.error} onRetry={() => void nearest.refetch()} />
        ) : nearest.data.items.length === 0 ? (
          <EmptyState text={t('nearest.none')} />
        ) : (
          <Results data={nearest.data} mode={mode} from={from} />
        )}
      </section>
    </Stack>
  );
}

function Results({ data, mode, from }: { data: TNearestResponse; mode: TServiceMode; from: From }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        {from === 'area' ? t('nearest.originArea') : t('nearest.originPoint')}
      </Text>
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {data.items.map((it, i) => {
          const used = it.residentialCapacity - it.residentialFree;
          return (
            <Paper component="li" withBorder p="sm" key={it.unit.id} data-testid="nearest-row">
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <ThemeIcon radius="xl" size="lg" variant="light" aria-hidden>
                  {i + 1}
                </ThemeIcon>
                <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                  <Anchor
                    component={Link}
                    to={`/unit/${it.unit.id}`}
                    fw={600}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    <VisuallyHidden>{t('nearest.rank', { rank: i + 1 })} </VisuallyHidden>
                    {it.unit.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {it.unit.code} · {it.unit.city}
                  </Text>
                  <Group gap="xs">
                    <Badge size="sm" variant="outline" color={it.isCovering ? 'teal.9' : 'gray'}>
                      {it.isCovering ? t('nearest.covering') : t('nearest.notCovering')}
                    </Badge>
                    <Text size="sm" data-testid="nearest-distance">
                      {t('nearest.distance', { km: formatNumber(it.distanceKm) })}
                    </Text>
                  </Group>
                  {mode === 'residential' ? (
                    it.residentialCapacity > 0 ? (
                      <div>
                        <Text size="sm" data-testid="nearest-beds">
                          {t('units.free', {
                            free: formatNumber(it.residentialFree),
                            total: formatNumber(it.residentialCapacity),
                          })}
                        </Text>
                        <Progress
                          value={(used / it.residentialCapacity) * 100}
                          color={it.residentialFree === 0 ? 'red' : 'blue'}
                          aria-label={t('nearest.bedsUsed', {
                            used: formatNumber(used),
                            total: formatNumber(it.residentialCapacity),
                          })}
                          mt={4}
                          maw={320}
                        />
                      </div>
                    ) : (
                      <Text size="sm" c="dimmed" data-testid="nearest-beds">
                        {t('nearest.noBeds')}
                      </Text>
                    )
                  ) : null}
                </Stack>
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </Stack>
  );
}
