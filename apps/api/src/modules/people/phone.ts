// Phone numbers to E.164 (+62…). Accepts the national mobile form 08xx (10–13 digits), 62…, +62…, and
// landlines with an area code (0xx…); spaces, dots, dashes and brackets are ignored.

export function toE164(input: string): string | null {
  const raw = input.trim();
  if (!/^[+0-9 ().-]+$/.test(raw)) return null;
  let digits = raw.replace(/[^0-9]/g, '');
  if (raw.startsWith('+')) {
    if (!digits.startsWith('62')) return /^[1-9][0-9]{7,14}$/.test(digits) ? `+${digits}` : null;
  } else if (digits.startsWith('0')) {
    digits = `62${digits.slice(1)}`;
  } else if (!digits.startsWith('62')) {
    return null;
  }
  const national = digits.slice(2);
  if (national.startsWith('0')) return null;
  // Mobile numbers: 8xx, 9 to 12 digits after the country code; landlines: area code + number, 7–11 digits.
  if (national.startsWith('8') ? !/^8[0-9]{8,11}$/.test(national) : !/^[1-79][0-9]{6,10}$/.test(national)) {
    return null;
  }
  return `+62${national}`;
}
