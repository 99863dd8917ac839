import type {
  TCaseSchedule,
  TCreateSurveyRequest,
  TDueSurveyList,
  TIncomeSource,
  TMinimumWage,
  TMinimumWageList,
  TPersonRoadmap,
  TPutMinimumWageRequest,
  TPutRoadmapLevelsRequest,
  TPutScheduleRequest,
  TRoadmapChange,
  TRoadmapLevelList,
  TRole,
  TSurveyList,
  TSurveySaved,
  TUpdateSurveyRequest,
} from '@atensi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

/** Roles that record surveys (the case workers, as in the API's policy); others read. */
export const SURVEY_WRITER_ROLES: readonly TRole[] = ['kepala_upt', 'pekerja_sosial'];

export const DUE_PAGE = 20;

/** The form field of each income source: `wages` → `incomeWages`. */
export const incomeField = (s: TIncomeSource) =>
  `income${s[0]?.toUpperCase()}${s.slice(1)}` as `income${Capitalize<TIncomeSource>}`;

const KEY = ['followup'] as const;
const personSurveysKey = (personId: string) => [...KEY, 'person', personId, 'surveys'] as const;
const scheduleKey = (caseId: string) => [...KEY, 'case', caseId, 'schedule'] as const;
const roadmapKey = (personId: string) => [...KEY, 'roadmap', personId] as const;

/** Due and overdue surveys of the unit, overdue first (the API orders them). */
export function useDueSurveys({ mine, offset }: { mine: boolean; offset: number }) {
  return useQuery({
    queryKey: [...KEY, 'due', { mine, offset }],
    queryFn: () =>
      api<TDueSurveyList>('/surveys/due', {
        query: { worker: mine ? 'me' : undefined, limit: DUE_PAGE, offset },
      }),
    placeholderData: keepPreviousData,
  });
}

/** A case's surveys, newest first: the person's surveys (the API lists them per person) of this case. */
export function useCaseSurveys(caseId: string, personId: string | undefined) {
  return useQuery({
    queryKey: personSurveysKey(personId ?? ''),
    queryFn: () => api<TSurveyList>(`/people/${personId}/surveys`),
    enabled: Boolean(personId),
    select: (list) => ({ items: list.items.filter((s) => s.caseId === caseId) }),
  });
}

export function useCaseSchedule(caseId: string) {
  return useQuery({
    queryKey: scheduleKey(caseId),
    queryFn: () => api<TCaseSchedule>(`/cases/${caseId}/survey-schedule`),
    enabled: Boolean(caseId),
  });
}

/** Add what the default schedule lacks (intake; after termination, the after-care surveys). */
export function useDefaultSchedule(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<TCaseSchedule>(`/cases/${caseId}/survey-schedule/default`, { method: 'POST' }),
    onSuccess: (s) => {
      queryClient.setQueryData(scheduleKey(caseId), s);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'due'] });
    },
  });
}

export function usePutSchedule(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TPutScheduleRequest) =>
      api<TCaseSchedule>(`/cases/${caseId}/survey-schedule`, { method: 'PUT', body }),
    onSuccess: (s) => {
      queryClient.setQueryData(scheduleKey(caseId), s);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'due'] });
    },
  });
}

export function usePersonRoadmap(personId: string) {
  return useQuery({
    queryKey: roadmapKey(personId),
    queryFn: () => api<TPersonRoadmap>(`/people/${personId}/roadmap`),
    enabled: Boolean(personId),
  });
}

export type SaveSurvey =
  | { surveyId?: undefined; body: TCreateSurveyRequest }
  | { surveyId: string; body: TUpdateSurveyRequest };

/** Record a survey (POST) or correct one (PUT with the version read); refreshes what it changes. */
export function useSaveSurvey(caseId: string, personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: SaveSurvey) =>
      v.surveyId
        ? api<TSurveySaved>(`/surveys/${v.surveyId}`, { method: 'PUT', body: v.body })
        : api<TSurveySaved>('/surveys', { method: 'POST', body: v.body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: personSurveysKey(personId) });
      void queryClient.invalidateQueries({ queryKey: scheduleKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: roadmapKey(personId) });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'due'] });
      // Survey tasks on the case close with the survey.
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
}

/** Delete a survey recorded in error (with the version read); its schedule entry is due again. */
export function useDeleteSurvey(caseId: string, personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api<TRoadmapChange>(`/surveys/${id}`, {
        method: 'DELETE',
        query: { version },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: personSurveysKey(personId) });
      void queryClient.invalidateQueries({ queryKey: scheduleKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: roadmapKey(personId) });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'due'] });
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
}

export function useMinimumWages(year: number | null) {
  return useQuery({
    queryKey: [...KEY, 'wages', year],
    queryFn: () => api<TMinimumWageList>('/minimum-wages', { query: { year: year ?? undefined } }),
    placeholderData: keepPreviousData,
  });
}

export function usePutMinimumWage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TPutMinimumWageRequest) =>
      api<TMinimumWage>('/minimum-wages', { method: 'PUT', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'wages'] });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'roadmap'] });
    },
  });
}

export function useRoadmapLevels() {
  return useQuery({
    queryKey: [...KEY, 'levels'],
    queryFn: () => api<TRoadmapLevelList>('/roadmap/levels'),
  });
}

export function usePutRoadmapLevels() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TPutRoadmapLevelsRequest) =>
      api<TRoadmapLevelList>('/roadmap/levels', { method: 'PUT', body }),
    onSuccess: (list) => {
      queryClient.setQueryData([...KEY, 'levels'], list);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'roadmap'] });
    },
  });
}
