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
const caseSurveysKey = (caseId: string) => [...KEY, 'case', caseId, 'surveys'] as const;
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

export function useCaseSurveys(caseId: string) {
  return useQuery({
    queryKey: caseSurveysKey(caseId),
    queryFn: () => api<TSurveyList>('/surveys', { query: { case: caseId } }),
    enabled: Boolean(caseId),
  });
}

export function useCaseSchedule(caseId: string) {
  return useQuery({
    queryKey: scheduleKey(caseId),
    queryFn: () => api<TCaseSchedule>(`/cases/${caseId}/survey-schedule`),
    enabled: Boolean(caseId),
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
      void queryClient.invalidateQueries({ queryKey: caseSurveysKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: scheduleKey(caseId) });
      void queryClient.invalidateQueries({ queryKey: roadmapKey(personId) });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'due'] });
      // Survey tasks on the case close with the survey.
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
