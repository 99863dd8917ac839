import { z } from 'zod';
import { TRAINING_ERRORS } from './training.ts';

/**
 * The closed set of error codes. One table: code → HTTP status and the message a person reads,
 * in Bahasa Indonesia and English. The web UI switches on `code`, never on the message.
 */
export const ERROR_TABLE = {
  VALIDATION_FAILED: {
    status: 400,
    id: 'Data yang dikirim tidak valid. Periksa kolom yang ditandai.',
    en: 'The request is invalid. Check the fields listed.',
  },
  BAD_JSON: {
    status: 400,
    id: 'Isi permintaan bukan JSON yang valid.',
    en: 'The request body is not valid JSON.',
  },
  BODY_TOO_LARGE: {
    status: 400,
    id: 'Isi permintaan terlalu besar.',
    en: 'The request body is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    id: 'Jenis isi permintaan tidak didukung; gunakan application/json.',
    en: 'Unsupported content type; use application/json.',
  },
  AUTH_REQUIRED: {
    status: 401,
    id: 'Silakan masuk terlebih dahulu.',
    en: 'Please sign in first.',
  },
  AUTH_SESSION_EXPIRED: {
    status: 401,
    id: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
    en: 'Your session has ended. Please sign in again.',
  },
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    id: 'Nama pengguna atau kata sandi salah.',
    en: 'Wrong username or password.',
  },
  AUTH_ACCOUNT_LOCKED: {
    status: 423,
    id: 'Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Coba lagi nanti.',
    en: 'The account is locked for a while after too many failed sign-in attempts. Try again later.',
  },
  AUTH_ACCOUNT_INACTIVE: {
    status: 401,
    id: 'Nama pengguna atau kata sandi salah.',
    en: 'Wrong username or password.',
  },
  AUTH_RATE_LIMITED: {
    status: 429,
    id: 'Terlalu banyak percobaan masuk dari alamat ini. Tunggu beberapa menit.',
    en: 'Too many sign-in attempts from this address. Wait a few minutes.',
  },
  AUTH_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    id: 'Anda harus mengganti kata sandi sebelum melanjutkan.',
    en: 'You must change your password before continuing.',
  },
  AUTH_PASSWORD_WEAK: {
    status: 400,
    id: 'Kata sandi terlalu lemah: minimal 12 karakter dan tidak boleh kata sandi yang umum.',
    en: 'The password is too weak: at least 12 characters and not a common password.',
  },
  AUTH_PASSWORD_WRONG: {
    status: 400,
    id: 'Kata sandi saat ini salah.',
    en: 'The current password is wrong.',
  },
  CSRF_REJECTED: {
    status: 403,
    id: 'Permintaan ditolak karena tidak berasal dari situs ini.',
    en: 'The request was refused because it did not come from this site.',
  },
  FORBIDDEN: {
    status: 403,
    id: 'Anda tidak berwenang melakukan ini.',
    en: 'You are not allowed to do this.',
  },
  NOT_FOUND: {
    status: 404,
    id: 'Data tidak ditemukan.',
    en: 'Not found.',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    id: 'Alamat API tidak dikenal.',
    en: 'Unknown API address.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    id: 'Metode tidak diizinkan untuk alamat ini.',
    en: 'Method not allowed for this address.',
  },
  CONFLICT: {
    status: 409,
    id: 'Data telah diubah orang lain. Muat ulang lalu coba lagi.',
    en: 'Someone else changed this record. Reload and try again.',
  },
  REFERENCE_CODE_TAKEN: {
    status: 409,
    id: 'Kode ini sudah dipakai. Untuk mengubah data yang ada, buka lalu ubah data tersebut.',
    en: 'This code is already in use. To change the existing record, open it and edit it.',
  },
  UNIT_CODE_TAKEN: {
    status: 409,
    id: 'Kode unit sudah dipakai.',
    en: 'The unit code is already taken.',
  },
  UNIT_HAS_ACTIVE_USERS: {
    status: 409,
    id: 'Unit masih memiliki pengguna aktif. Pindahkan atau nonaktifkan mereka terlebih dahulu.',
    en: 'The unit still has active users. Move or deactivate them first.',
  },
  UNIT_ARCHIVED: {
    status: 409,
    id: 'Unit sudah diarsipkan.',
    en: 'The unit is archived.',
  },
  USER_USERNAME_TAKEN: {
    status: 409,
    id: 'Nama pengguna sudah dipakai.',
    en: 'The username is already taken.',
  },
  USER_SELF_CHANGE: {
    status: 403,
    id: 'Anda tidak dapat mengubah peran sendiri atau menonaktifkan akun sendiri.',
    en: 'You cannot change your own role or deactivate your own account.',
  },
  USER_ROLE_NOT_GRANTABLE: {
    status: 403,
    id: 'Anda tidak berwenang memberikan peran ini.',
    en: 'You may not grant this role.',
  },
  NIK_INVALID: {
    status: 400,
    id: 'NIK tidak valid.',
    en: 'The NIK is invalid.',
  },
  PERSON_DUPLICATE_NIK: {
    status: 409,
    id: 'NIK ini sudah terdaftar. Buka data yang ada atau hubungi unit yang mendaftarkannya.',
    en: 'This NIK is already registered. Open the existing record or contact the unit that registered it.',
  },
  PERSON_POSSIBLE_DUPLICATE: {
    status: 409,
    id: 'Ada data yang mirip. Periksa kemiripannya, lalu pastikan ini orang baru.',
    en: 'Similar records exist. Check them, then confirm this is a new person.',
  },
  PERSON_MERGED: {
    status: 409,
    id: 'Data ini sudah digabungkan ke data lain.',
    en: 'This record was merged into another one.',
  },
  PERSON_MERGE_NIK_CONFLICT: {
    status: 409,
    id: 'Kedua data memiliki NIK yang berbeda. Pastikan NIK yang benar lalu perbaiki salah satunya sebelum digabungkan.',
    en: 'The two records have different NIKs. Find the right NIK and correct one record before merging.',
  },
  PERSON_MERGE_SAME: {
    status: 400,
    id: 'Pilih dua data yang berbeda.',
    en: 'Choose two different records.',
  },
  PERSON_MERGE_ALREADY_UNDONE: {
    status: 409,
    id: 'Penggabungan ini sudah dibatalkan.',
    en: 'This merge has already been undone.',
  },
  PERSON_MERGE_UNDO_STALE: {
    status: 409,
    id: 'Data hasil penggabungan sudah diubah atau digabungkan lagi sesudahnya, jadi pembatalan otomatis dapat menghilangkan perubahan itu. Perbaiki data secara manual.',
    en: 'The merged record was edited or merged again afterwards, so undoing automatically could lose those changes. Correct the records by hand.',
  },
  SENSITIVE_FORBIDDEN: {
    status: 403,
    id: 'Data khusus hanya dapat dibuka oleh tim kasus dan Kepala UPT.',
    en: 'Specific data is open only to the case team and the head of unit.',
  },
  DOCUMENT_TYPE_NOT_ALLOWED: {
    status: 400,
    id: 'Jenis berkas tidak diizinkan. Unggah gambar JPEG, PNG, WebP atau PDF.',
    en: 'This file type is not allowed. Upload a JPEG, PNG or WebP image, or a PDF.',
  },
  DOCUMENT_TOO_LARGE: {
    status: 413,
    id: 'Berkas terlalu besar. Perkecil atau pindai ulang dengan resolusi lebih rendah.',
    en: 'The file is too large. Make it smaller or scan it again at a lower resolution.',
  },
  CONSENT_GUARDIAN_REQUIRED: {
    status: 400,
    id: 'Untuk anak atau orang yang memiliki wali, persetujuan harus diberikan oleh wali.',
    en: 'For a child or a person with a guardian, consent must be given by the guardian.',
  },
  CONSENT_MISSING: {
    status: 409,
    id: 'Belum ada persetujuan (consent) untuk tujuan ini. Catat persetujuan terlebih dahulu.',
    en: 'There is no consent for this purpose. Record consent first.',
  },
  CONSENT_ALREADY_WITHDRAWN: {
    status: 409,
    id: 'Persetujuan ini sudah ditarik.',
    en: 'This consent has already been withdrawn.',
  },
  IMPORT_FILE_INVALID: {
    status: 400,
    id: 'Berkas tidak dapat dibaca. Unggah CSV (dipisah koma atau titik koma) atau XLSX dengan baris judul kolom.',
    en: 'The file cannot be read. Upload a CSV (comma or semicolon separated) or an XLSX with a header row.',
  },
  IMPORT_FILE_TOO_LARGE: {
    status: 413,
    id: 'Berkas terlalu besar (maksimal 20 MB). Bagi menjadi beberapa berkas.',
    en: 'The file is too large (20 MB at most). Split it into several files.',
  },
  IMPORT_MAPPING_INVALID: {
    status: 400,
    id: 'Pemetaan kolom tidak valid. Periksa kolom yang ditandai.',
    en: 'The column mapping is invalid. Check the columns listed.',
  },
  IMPORT_NOT_READY: {
    status: 409,
    id: 'Impor belum siap dijalankan: petakan kolom terlebih dahulu.',
    en: 'The import is not ready to run: map the columns first.',
  },
  IMPORT_ALREADY_RUN: {
    status: 409,
    id: 'Impor ini sudah dijalankan; pemetaan tidak dapat diubah lagi.',
    en: 'This import has already run; its mapping can no longer change.',
  },
  CASE_STAGE_ORDER: {
    status: 409,
    id: 'Tahap kasus tidak boleh mundur atau dilompati tanpa persetujuan Kepala UPT.',
    en: "A case cannot move backwards or skip a stage without the head of unit's override.",
  },
  CASE_STAGE_INCOMPLETE: {
    status: 409,
    id: 'Lengkapi catatan yang diwajibkan sebelum pindah ke tahap berikutnya.',
    en: 'Record what this stage requires before moving on.',
  },
  CASE_OVERRIDE_FORBIDDEN: {
    status: 403,
    id: 'Hanya Kepala UPT yang dapat mengesampingkan urutan tahap.',
    en: 'Only the head of unit can override the stage order.',
  },
  CASE_CLOSED: {
    status: 409,
    id: 'Kasus sudah ditutup. Buka kembali kasus untuk mencatat hal baru.',
    en: 'The case is closed. Reopen it to record anything new.',
  },
  CASE_ALREADY_OPEN: {
    status: 409,
    id: 'Orang ini sudah memiliki kasus aktif di unit ini.',
    en: 'This person already has an open case at this unit.',
  },
  PLAN_NOT_DRAFT: {
    status: 409,
    id: 'Tidak ada rencana intervensi yang menunggu persetujuan.',
    en: 'There is no intervention plan awaiting approval.',
  },
  PLAN_SELF_APPROVAL: {
    status: 403,
    id: 'Rencana intervensi tidak dapat disetujui oleh penyusunnya sendiri.',
    en: 'An intervention plan cannot be approved by the person who wrote it.',
  },
  NO_FREE_BED: {
    status: 409,
    id: 'Tidak ada tempat tidur kosong untuk klaster ini di unit ini.',
    en: 'There is no free bed for this cluster at this unit.',
  },
  REFERRAL_NOT_YOURS: {
    status: 403,
    id: 'Rujukan ini bukan untuk unit Anda.',
    en: 'This referral is not addressed to your unit.',
  },
  REFERRAL_NOT_OPEN: {
    status: 409,
    id: 'Rujukan ini sudah diputuskan atau dibatalkan.',
    en: 'This referral has already been decided or cancelled.',
  },
  // ── Follow-up: surveys, schedules, minimum wages, roadmap (modules/followup) ──
  SURVEY_AMOUNT_NEGATIVE: {
    status: 400,
    id: 'Jumlah uang tidak boleh negatif.',
    en: 'Amounts of money must not be negative.',
  },
  SURVEY_DATE_FUTURE: {
    status: 400,
    id: 'Tanggal survei tidak boleh di masa depan.',
    en: 'The survey date must not be in the future.',
  },
  SURVEY_BEFORE_BIRTH: {
    status: 400,
    id: 'Tanggal survei sebelum tanggal lahir PM.',
    en: "The survey date is before the person's date of birth.",
  },
  SURVEY_BEFORE_INTAKE: {
    status: 400,
    id: 'Tanggal survei sebelum tanggal penerimaan kasus.',
    en: "The survey date is before the case's intake date.",
  },
  SURVEY_SCORE_OUT_OF_SCALE: {
    status: 400,
    id: 'Skor keberfungsian sosial harus 0–100.',
    en: 'The social-functioning score must be 0–100.',
  },
  SURVEY_SCHEDULE_DONE: {
    status: 409,
    id: 'Jadwal survei ini sudah terpenuhi dan tidak dapat diubah.',
    en: 'This survey schedule entry is already fulfilled and cannot be changed.',
  },
  MINIMUM_WAGE_AREA_UNKNOWN: {
    status: 400,
    id: 'Kode provinsi atau kabupaten/kota tidak dikenal.',
    en: 'Unknown province or regency code.',
  },
  ROADMAP_LADDER_INVALID: {
    status: 400,
    id: 'Tangga peta jalan tidak valid: tingkat harus berurutan dari 0, kode unik, dan tingkat terakhir adalah kelulusan.',
    en: 'The roadmap ladder is invalid: levels must run in order from 0, codes must be unique, and the last level is graduation.',
  },
  ROADMAP_LEVEL_IN_USE: {
    status: 409,
    id: 'Tingkat ini sudah dicapai PM dan tidak dapat dihapus.',
    en: 'People have reached this level, so it cannot be removed.',
  },
  // ── end Follow-up ──
  SERVICE_UNAVAILABLE: {
    status: 503,
    id: 'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.',
    en: 'The service is unavailable. Try again shortly.',
  },
  ...TRAINING_ERRORS,
  INTERNAL: {
    status: 500,
    id: 'Terjadi kesalahan pada server. Kejadian ini sudah dicatat.',
    en: 'Something went wrong on the server. It has been logged.',
  },
} as const satisfies Record<string, { status: number; id: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_TABLE;
export const ERROR_CODES = Object.keys(ERROR_TABLE) as [ErrorCode, ...ErrorCode[]];

export const ZErrorDetail = z
  .object({
    field: z.string().describe('Path of the bad field, dot-separated; empty for the whole body'),
    issue: z
      .string()
      .describe('Machine-readable issue, e.g. required, invalid_type, too_small, unknown_field'),
    message: z.string().describe('What is wrong, in the language asked for'),
  })
  .describe('One problem with the request');
export type TErrorDetail = z.infer<typeof ZErrorDetail>;

export const ZError = z
  .object({
    code: z.enum(ERROR_CODES).describe('Stable error code; the client switches on this'),
    message: z.string().describe('Message for a person, in Bahasa Indonesia or English (Accept-Language)'),
    details: z.array(ZErrorDetail).optional().describe('Per-field problems, for validation errors'),
    existing: z
      .object({
        personId: z.string().nullable().describe('The existing record, when this user may see it'),
        unit: z
          .object({ id: z.string(), name: z.string(), phone: z.string().nullable() })
          .nullable()
          .describe('The unit to contact'),
      })
      .optional()
      .describe('For duplicates: the existing record, or only whom to contact'),
  })
  .describe('Every error answer has this shape');
export type TError = z.infer<typeof ZError>;

export type Lang = 'id' | 'en';
