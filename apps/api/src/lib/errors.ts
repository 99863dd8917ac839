import { ERROR_TABLE, type ErrorCode, type Lang, type TError, type TErrorDetail } from '@atensi/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** The one error type. Services throw it; the handler turns it into `{ code, message, details }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: TErrorDetail[] | undefined;
  /** Extra headers, e.g. Retry-After for rate limits. */
  readonly headers: Record<string, string> | undefined;
  /** For duplicates: the existing record (when visible) and the unit to contact. */
  readonly existing: TError['existing'];

  constructor(
    code: ErrorCode,
    opts: { details?: TErrorDetail[]; headers?: Record<string, string>; existing?: TError['existing'] } = {},
  ) {
    super(ERROR_TABLE[code].en);
    this.name = 'AppError';
    this.code = code;
    this.details = opts.details;
    this.headers = opts.headers;
    this.existing = opts.existing;
  }

  get status(): number {
    return ERROR_TABLE[this.code].status;
  }
}

/** Pick Bahasa Indonesia or English from Accept-Language; Indonesian is the default. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'id';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('id') || tag.startsWith('in')) return 'id';
    if (tag.startsWith('en')) return 'en';
  }
  return 'id';
}

const ISSUE_TEXT: Record<string, Record<Lang, string>> = {
  required: { id: 'wajib diisi', en: 'is required' },
  invalid_type: { id: 'jenis data salah', en: 'has the wrong type' },
  too_small: { id: 'terlalu pendek atau terlalu kecil', en: 'is too short or too small' },
  too_big: { id: 'terlalu panjang atau terlalu besar', en: 'is too long or too large' },
  invalid_format: { id: 'formatnya salah', en: 'has the wrong format' },
  invalid_value: { id: 'nilainya tidak diizinkan', en: 'is not an allowed value' },
  unknown_field: { id: 'kolom tidak dikenal', en: 'is not a known field' },
  not_multiple_of: { id: 'nilainya tidak sesuai kelipatan', en: 'is not an allowed step' },
  custom: { id: 'tidak valid', en: 'is invalid' },
};

export function issueMessage(issue: string, lang: Lang, field: string): string {
  const text = ISSUE_TEXT[issue]?.[lang] ?? ISSUE_TEXT.custom?.[lang] ?? '';
  const name = field || (lang === 'id' ? 'isi permintaan' : 'request body');
  return `${name}: ${text}`;
}

type ZodLikeIssue = {
  code?: string;
  path?: PropertyKey[];
  keys?: string[];
  message?: string;
};

/** Turn zod issues into per-field details; unknown keys become one detail per key. */
export function detailsFromZodIssues(issues: ZodLikeIssue[], lang: Lang, prefix = ''): TErrorDetail[] {
  const out: TErrorDetail[] = [];
  for (const issue of issues) {
    const base = [prefix, ...(issue.path ?? []).map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys) {
        const field = [base, key].filter(Boolean).join('.');
        out.push({ field, issue: 'unknown_field', message: issueMessage('unknown_field', lang, field) });
      }
      continue;
    }
    // zod 4 leaves the input out of issues; its message says when the value was missing.
    const isMissing = issue.code === 'invalid_type' && /received undefined/.test(issue.message ?? '');
    const code = isMissing ? 'required' : (issue.code ?? 'custom');
    out.push({ field: base, issue: code, message: issueMessage(code, lang, base) });
  }
  return out;
}

export function errorBody(code: ErrorCode, lang: Lang, details?: TErrorDetail[]): TError {
  return { code, message: ERROR_TABLE[code][lang], ...(details?.length ? { details } : {}) };
}

/** The one error handler: known errors keep their code; anything else is a 500 that shows no internals. */
export function handleError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  try {
    return answerError(err, req, reply);
  } catch (failure) {
    req.log.error({ err, failure }, 'error handler failed');
    return reply.status(500).send(errorBody('INTERNAL', pickLang(req.headers['accept-language'])));
  }
}

function answerError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  const lang = pickLang(req.headers['accept-language']);
  if (err instanceof AppError) {
    if (err.headers) reply.headers(err.headers);
    const body = errorBody(err.code, lang, err.details);
    return reply.status(err.status).send(err.existing ? { ...body, existing: err.existing } : body);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = err.validationContext ?? 'body';
    const issues: ZodLikeIssue[] = err.validation.map((v) => ({
      ...(v.params as Omit<ZodLikeIssue, 'code' | 'path'>),
      code: v.keyword,
      path: v.instancePath.split('/').filter(Boolean),
      message: v.message,
    }));
    const prefix = context === 'body' ? '' : context;
    return reply
      .status(400)
      .send(errorBody('VALIDATION_FAILED', lang, detailsFromZodIssues(issues, lang, prefix)));
  }
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply.status(400).send(errorBody('BAD_JSON', lang));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply.status(400).send(errorBody('BODY_TOO_LARGE', lang));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply.status(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', lang));
    case 'FST_ERR_VALIDATION':
      return reply.status(400).send(errorBody('VALIDATION_FAILED', lang));
    default:
      break;
  }
  if (err instanceof SyntaxError && fe.statusCode === 400) {
    return reply.status(400).send(errorBody('BAD_JSON', lang));
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    req.log.warn({ err }, 'client error without an app code');
    return reply.status(400).send(errorBody('VALIDATION_FAILED', lang));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(errorBody('INTERNAL', lang));
}
