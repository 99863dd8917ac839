// The printable certificate: one landscape A4 page, Indonesian first with English beneath, and the
// verification code with where to check it.
import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
import type { CertificateData } from './enrolments.service.ts';

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

function dateId(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS_ID[(m ?? 1) - 1]} ${y}`;
}

/** The standard PDF fonts encode WinAnsi only: fold accents and replace anything else. */
export function pdfSafe(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e]/g, '?');
}

export async function certificatePdf(c: CertificateData, verifyUrl: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(pdfSafe(`Sertifikat ${c.courseNameId} - ${c.code}`));
  doc.setAuthor(pdfSafe(c.unitName));
  doc.setProducer('Atensi');
  const page = doc.addPage([842, 595]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const italic = await doc.embedFont(StandardFonts.HelveticaOblique);
  const ink = rgb(0.1, 0.15, 0.3);
  const grey = rgb(0.35, 0.35, 0.4);
  const { width } = page.getSize();

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: 547, borderColor: ink, borderWidth: 2 });
  page.drawRectangle({ x: 32, y: 32, width: width - 64, height: 531, borderColor: ink, borderWidth: 0.5 });

  const center = (text: string, y: number, font: PDFFont, size: number, color = ink) => {
    const safe = pdfSafe(text);
    let s = size;
    while (font.widthOfTextAtSize(safe, s) > width - 120 && s > 8) s -= 1;
    page.drawText(safe, { x: (width - font.widthOfTextAtSize(safe, s)) / 2, y, size: s, font, color });
  };

  center('KEMENTERIAN SOSIAL REPUBLIK INDONESIA', 520, bold, 13);
  center(c.unitName, 502, regular, 12);
  center('SERTIFIKAT PELATIHAN', 452, bold, 30);
  center('Certificate of Training', 428, italic, 14, grey);
  center('Diberikan kepada / Awarded to', 392, regular, 12, grey);
  center(c.fullName, 356, bold, 26);
  center(
    'yang telah menyelesaikan dan lulus pelatihan / who has completed and passed',
    320,
    regular,
    12,
    grey,
  );
  center(c.courseNameId, 290, bold, 20);
  center(c.courseNameEn, 268, italic, 13, grey);
  center(
    `${c.hours} jam pelajaran, ${dateId(c.startsOn)} s.d. ${dateId(c.endsOn)} / ${c.hours} training hours`,
    240,
    regular,
    12,
  );
  const competencies = c.competenciesId.slice(0, 4).join('; ');
  if (competencies) center(`Kompetensi: ${competencies}`, 214, regular, 10, grey);

  const place = c.unitCity ? `${c.unitCity}, ` : '';
  page.drawText(pdfSafe(`${place}${dateId(c.completedOn)}`), {
    x: 560,
    y: 160,
    size: 12,
    font: regular,
    color: ink,
  });
  page.drawText(pdfSafe(`Kepala ${c.unitName}`), { x: 560, y: 142, size: 10, font: regular, color: grey });
  page.drawLine({ start: { x: 560, y: 84 }, end: { x: 790, y: 84 }, thickness: 0.8, color: ink });

  page.drawText('Kode verifikasi / Verification code', {
    x: 60,
    y: 142,
    size: 10,
    font: regular,
    color: grey,
  });
  page.drawText(pdfSafe(c.code), { x: 60, y: 116, size: 20, font: bold, color: ink });
  page.drawText(pdfSafe(`Periksa keaslian / Check it at: ${verifyUrl}`), {
    x: 60,
    y: 90,
    size: 9,
    font: regular,
    color: grey,
  });
  return doc.save();
}
