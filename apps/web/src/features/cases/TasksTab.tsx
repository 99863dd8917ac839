// The case's tasks: due dates and assignees, overdue first, done ones last.
import { TASK_KINDS, type TCase } from '@atensi/contracts';
import { Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../components/notify.ts';
import { EmptyState } from '../../components/states.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCaseAction } from './api.ts';
import { ActionError, fieldError } from './parts.tsx';

type TaskKind = (typeof TASK_KINDS)[number];

/** Tasks with due dates: overdue first, then by due date, done ones last. */
export function TasksTab({ c, canWork }: { c: TCase; canWork: boolean }) {
  const { t } = useTranslation();
  const save = useCaseAction(c.id);
  const done = useCaseAction(c.id);
  const [kind, setKind] = useState<TaskKind>('other');
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const isOpen = c.stage !== 'closed';

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (title.trim().length < 3) e.title = t('cases.form.min3');
    if (!due) e.dueOn = t('cases.form.required');
    setErrors(e);
    if (Object.keys(e).length) return;
    save.mutate(
      { path: '/tasks', body: { kind, title: title.trim(), dueOn: due } },
      {
        onSuccess: () => {
          notify(t('cases.tasks.saved'));
          setTitle('');
          setDue('');
        },
      },
    );
  }

  const list = [...c.tasks].sort(
    (a, b) =>
      Number(Boolean(a.doneAt)) - Number(Boolean(b.doneAt)) ||
      Number(b.overdue) - Number(a.overdue) ||
      a.dueOn.localeCompare(b.dueOn),
  );
  const err = (f: string) => errors[f] ?? fieldError(save.error, f);
  return (
    <Stack gap="md">
      {canWork && isOpen ? (
        <Card withBorder padding="md" component="form" onSubmit={submit} noValidate>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NativeSelect
              label={t('cases.tasks.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as TaskKind)}
              data={TASK_KINDS.map((k) => ({ value: k, label: t(`cases.taskKinds.${k}`) }))}
            />
            <TextInput
              label={t('cases.tasks.title')}
              required
              maxLength={300}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={err('title')}
            />
            <TextInput
              type="date"
              label={t('cases.tasks.due')}
              required
              value={due}
              onChange={(e) => setDue(e.currentTarget.value)}
              error={err('dueOn')}
            />
          </SimpleGrid>
          <ActionError error={save.error} caseId={c.id} />
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={save.isPending}>
              {t('cases.tasks.add')}
            </Button>
          </Group>
        </Card>
      ) : null}
      <ActionError error={done.error} caseId={c.id} />
      {list.length === 0 ? (
        <EmptyState text={t('cases.tasks.empty')} />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.map((x) => (
            <Card key={x.id} withBorder padding="sm" component="li" data-testid="task">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} td={x.doneAt ? 'line-through' : undefined}>
                    {x.title}
                  </Text>
                  <Group gap={6}>
                    <Text size="xs" c="dimmed">
                      {t(`cases.taskKinds.${x.kind}`)}
                      {x.assignee ? ` · ${t('cases.tasks.assignee', { who: x.assignee })}` : ''}
                    </Text>
                    {x.overdue && !x.doneAt ? (
                      <Badge color="red" variant="filled" size="sm">
                        {t('cases.glance.overdue')}
                      </Badge>
                    ) : null}
                    <Text size="xs" c={x.overdue && !x.doneAt ? 'red.9' : 'dimmed'}>
                      {x.doneAt
                        ? t('cases.tasks.doneAt', { date: formatDate(x.doneAt) })
                        : t('cases.glance.due', { date: formatDate(x.dueOn) })}
                    </Text>
                  </Group>
                </div>
                {canWork && isOpen && !x.doneAt ? (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconCheck size={14} aria-hidden />}
                    loading={done.isPending && done.variables?.path.includes(x.id)}
                    aria-label={`${t('cases.tasks.markDone')}: ${x.title}`}
                    onClick={() =>
                      done.mutate(
                        { path: `/tasks/${x.id}/done`, body: { version: x.version } },
                        { onSuccess: () => notify(t('cases.tasks.completed')) },
                      )
                    }
                  >
                    {t('cases.tasks.markDone')}
                  </Button>
                ) : null}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
