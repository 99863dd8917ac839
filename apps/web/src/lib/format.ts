// Indonesian formats: dates "24 Nov 2026 09.15", Rupiah "Rp 28.400.000", numbers "91.592".
const NBSP = /\u00a0/g;

const dateTime = new Intl.DateTimeFormat('id-ID', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric' });
const rupiah = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  maximumFractionDigits: 0,
});
const number = new Intl.NumberFormat('id-ID');

export function formatDateTime(value: string | Date): string {
  return dateTime.format(new Date(value)).replace(NBSP, ' ').replace(',', '');
}

export function formatDate(value: string | Date): string {
  return dateOnly.format(new Date(value)).replace(NBSP, ' ');
}

export function formatRupiah(value: number): string {
  return rupiah.format(value).replace(NBSP, ' ');
}

export function formatNumber(value: number): string {
  return number.format(value);
}
