// The starting course catalogue: vocational skills (keterampilan) taught in ATENSI units and the
// entrepreneurship courses that go with them. Hours and competencies are Atensi's defaults, written for
// this project after the units' public descriptions of their workshops; headquarters edits them.
import { count } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { course } from '../schema.ts';
import { SYSTEM_ACTOR, withActorTransaction } from '../transaction.ts';

const SOURCE = 'Atensi default catalogue (db/seed/courses.ts)';

type Seed = {
  code: string;
  kind: 'vocational' | 'entrepreneurship';
  nameId: string;
  nameEn: string;
  hours: number;
  competencies: [string, string][];
};

export const COURSE_SEED: Seed[] = [
  {
    code: 'VOK-MENJAHIT',
    kind: 'vocational',
    nameId: 'Menjahit',
    nameEn: 'Sewing and tailoring',
    hours: 160,
    competencies: [
      ['Mengoperasikan dan merawat mesin jahit', 'Operate and maintain a sewing machine'],
      ['Mengukur badan dan membuat pola dasar', 'Take body measurements and draft basic patterns'],
      ['Memotong kain dan menjahit busana sederhana', 'Cut fabric and sew simple garments'],
      ['Menyelesaikan dan memperbaiki pakaian', 'Finish and repair clothing'],
    ],
  },
  {
    code: 'VOK-BATIK',
    kind: 'vocational',
    nameId: 'Membatik',
    nameEn: 'Batik making',
    hours: 120,
    competencies: [
      ['Membuat motif dan memola di kain', 'Design motifs and transfer them to cloth'],
      ['Mencanting dan mengecap malam', 'Apply wax with canting and stamp'],
      ['Mewarnai dan melorod kain', 'Dye and remove wax'],
      ['Menjaga mutu dan keselamatan kerja', 'Keep quality and work safely'],
    ],
  },
  {
    code: 'VOK-TATA-BOGA',
    kind: 'vocational',
    nameId: 'Tata Boga',
    nameEn: 'Culinary arts',
    hours: 120,
    competencies: [
      ['Menerapkan kebersihan dan keamanan pangan', 'Apply food hygiene and safety'],
      ['Mengolah makanan utama dan kue', 'Prepare main dishes and cakes'],
      ['Menghitung resep dan biaya porsi', 'Cost recipes and portions'],
      ['Mengemas dan menyimpan makanan', 'Pack and store food'],
    ],
  },
  {
    code: 'VOK-BARISTA',
    kind: 'vocational',
    nameId: 'Barista',
    nameEn: 'Barista',
    hours: 80,
    competencies: [
      ['Mengenal biji dan sangrai kopi', 'Know coffee beans and roasts'],
      ['Menyeduh manual dan dengan mesin espreso', 'Brew by hand and with an espresso machine'],
      ['Membuat minuman berbasis susu', 'Make milk-based drinks'],
      ['Melayani pelanggan dan menjaga kebersihan bar', 'Serve customers and keep the bar clean'],
    ],
  },
  {
    code: 'VOK-OTOMOTIF',
    kind: 'vocational',
    nameId: 'Otomotif Sepeda Motor',
    nameEn: 'Motorcycle mechanics',
    hours: 200,
    competencies: [
      ['Merawat berkala sepeda motor', 'Service motorcycles periodically'],
      ['Memperbaiki sistem bahan bakar dan pengapian', 'Repair fuel and ignition systems'],
      ['Memperbaiki rem, rantai dan kelistrikan', 'Repair brakes, chain and electrics'],
      ['Menggunakan alat dengan aman', 'Use tools safely'],
    ],
  },
  {
    code: 'VOK-LAS',
    kind: 'vocational',
    nameId: 'Pengelasan',
    nameEn: 'Welding',
    hours: 160,
    competencies: [
      ['Menerapkan keselamatan kerja pengelasan', 'Apply welding safety'],
      ['Mengelas dengan las listrik (SMAW) posisi dasar', 'Weld with SMAW in basic positions'],
      ['Membaca gambar kerja sederhana', 'Read simple work drawings'],
      ['Membuat teralis, pagar dan rangka sederhana', 'Make grilles, fences and simple frames'],
    ],
  },
  {
    code: 'VOK-TATA-RIAS-RAMBUT',
    kind: 'vocational',
    nameId: 'Tata Rias Rambut',
    nameEn: 'Hairdressing',
    hours: 120,
    competencies: [
      ['Mencuci dan merawat rambut', 'Wash and care for hair'],
      ['Memotong rambut model dasar', 'Cut basic hairstyles'],
      ['Mewarnai dan menata rambut', 'Colour and style hair'],
      ['Menjaga kebersihan alat dan salon', 'Keep tools and salon hygienic'],
    ],
  },
  {
    code: 'VOK-KERAJINAN',
    kind: 'vocational',
    nameId: 'Kerajinan Tangan',
    nameEn: 'Handicraft',
    hours: 100,
    competencies: [
      ['Membuat anyaman, rajutan dan manik-manik', 'Make woven, knitted and beaded goods'],
      ['Mengolah bahan daur ulang menjadi produk', 'Turn recycled materials into products'],
      ['Menjaga mutu dan keseragaman produk', 'Keep products consistent in quality'],
    ],
  },
  {
    code: 'VOK-PERTANIAN',
    kind: 'vocational',
    nameId: 'Pertanian Hortikultura',
    nameEn: 'Horticulture farming',
    hours: 120,
    competencies: [
      ['Menyemai dan menanam sayuran', 'Sow and plant vegetables'],
      ['Membuat pupuk organik dan kompos', 'Make organic fertiliser and compost'],
      ['Mengendalikan hama secara ramah lingkungan', 'Control pests in an environmentally friendly way'],
      ['Memanen dan menangani hasil panen', 'Harvest and handle produce'],
    ],
  },
  {
    code: 'VOK-HIDROPONIK',
    kind: 'vocational',
    nameId: 'Hidroponik',
    nameEn: 'Hydroponics',
    hours: 60,
    competencies: [
      ['Merakit instalasi hidroponik sederhana', 'Build a simple hydroponic system'],
      ['Mengatur nutrisi dan pH larutan', 'Manage nutrients and solution pH'],
      ['Merawat dan memanen tanaman', 'Tend and harvest plants'],
    ],
  },
  {
    code: 'VOK-PERIKANAN',
    kind: 'vocational',
    nameId: 'Budidaya Ikan Air Tawar',
    nameEn: 'Freshwater fish farming',
    hours: 100,
    competencies: [
      ['Menyiapkan kolam dan kualitas air', 'Prepare ponds and water quality'],
      ['Memilih benih dan memberi pakan', 'Choose fry and feed fish'],
      ['Mencegah dan menangani penyakit ikan', 'Prevent and treat fish disease'],
      ['Memanen dan memasarkan ikan', 'Harvest and sell fish'],
    ],
  },
  {
    code: 'VOK-PETERNAKAN',
    kind: 'vocational',
    nameId: 'Peternakan Unggas',
    nameEn: 'Poultry farming',
    hours: 80,
    competencies: [
      ['Menyiapkan kandang dan bibit', 'Prepare housing and chicks'],
      ['Memberi pakan dan vaksinasi', 'Feed and vaccinate'],
      ['Mencatat produksi dan biaya', 'Record production and costs'],
    ],
  },
  {
    code: 'VOK-KOMPUTER',
    kind: 'vocational',
    nameId: 'Operator Komputer',
    nameEn: 'Computer operator',
    hours: 100,
    competencies: [
      ['Mengoperasikan komputer dan berkas', 'Operate a computer and manage files'],
      ['Mengolah kata dan angka', 'Use word processing and spreadsheets'],
      ['Menggunakan surel dan internet dengan aman', 'Use e-mail and the internet safely'],
    ],
  },
  {
    code: 'VOK-PIJAT',
    kind: 'vocational',
    nameId: 'Pijat Kesehatan (Shiatsu)',
    nameEn: 'Health massage (shiatsu)',
    hours: 200,
    competencies: [
      ['Memahami anatomi dasar dan titik pijat', 'Understand basic anatomy and pressure points'],
      ['Melakukan pijat shiatsu seluruh tubuh', 'Give a full-body shiatsu massage'],
      ['Melayani klien secara profesional dan higienis', 'Serve clients professionally and hygienically'],
    ],
  },
  {
    code: 'WU-RENCANA-USAHA',
    kind: 'entrepreneurship',
    nameId: 'Perencanaan Usaha',
    nameEn: 'Business planning',
    hours: 24,
    competencies: [
      ['Mengenali peluang usaha', 'Spot a business opportunity'],
      ['Menyusun rencana usaha sederhana', 'Write a simple business plan'],
      ['Menghitung modal awal dan titik impas', 'Work out start-up capital and break-even'],
    ],
  },
  {
    code: 'WU-MANAJEMEN-USAHA',
    kind: 'entrepreneurship',
    nameId: 'Manajemen Usaha',
    nameEn: 'Business management',
    hours: 24,
    competencies: [
      ['Mengatur bahan, produksi dan persediaan', 'Manage materials, production and stock'],
      ['Melayani pelanggan dan pemasok', 'Deal with customers and suppliers'],
      ['Mengurus izin usaha (NIB)', 'Obtain a business licence (NIB)'],
    ],
  },
  {
    code: 'WU-KEUANGAN',
    kind: 'entrepreneurship',
    nameId: 'Manajemen Keuangan Usaha',
    nameEn: 'Financial management',
    hours: 20,
    competencies: [
      ['Mencatat pemasukan dan pengeluaran', 'Record income and expenses'],
      ['Memisahkan uang usaha dan rumah tangga', 'Keep business and household money apart'],
      ['Menghitung harga pokok dan laba', 'Calculate cost of goods and profit'],
      ['Menabung dan mengenal akses permodalan', 'Save and know sources of credit'],
    ],
  },
  {
    code: 'WU-PEMASARAN',
    kind: 'entrepreneurship',
    nameId: 'Pemasaran',
    nameEn: 'Marketing',
    hours: 20,
    competencies: [
      ['Menentukan sasaran pasar dan harga jual', 'Choose target customers and set prices'],
      ['Mempromosikan produk', 'Promote products'],
      ['Menjalin kerja sama penjualan', 'Build sales partnerships'],
    ],
  },
  {
    code: 'WU-KEMASAN-MEREK',
    kind: 'entrepreneurship',
    nameId: 'Kemasan dan Merek',
    nameEn: 'Packaging and branding',
    hours: 16,
    competencies: [
      ['Merancang kemasan yang aman dan menarik', 'Design safe and attractive packaging'],
      ['Membuat merek dan label produk', 'Create a brand and product label'],
      ['Memahami izin PIRT dan sertifikat halal', 'Understand PIRT food permits and halal certification'],
    ],
  },
  {
    code: 'WU-JUALAN-DARING',
    kind: 'entrepreneurship',
    nameId: 'Penjualan Daring',
    nameEn: 'Online selling',
    hours: 20,
    competencies: [
      ['Memotret produk dengan ponsel', 'Photograph products with a phone'],
      ['Berjualan di lokapasar dan media sosial', 'Sell on marketplaces and social media'],
      ['Menerima pembayaran digital dan mengirim pesanan', 'Take digital payments and ship orders'],
    ],
  },
];

/** Load the catalogue once, on a database without courses; later edits by headquarters are kept. */
export async function seedCourses(db: Db): Promise<{ seeded: boolean }> {
  const existing = await db.select({ n: count() }).from(course);
  if ((existing[0]?.n ?? 0) > 0) return { seeded: false };
  await withActorTransaction(db, SYSTEM_ACTOR, async (tx) => {
    await tx.insert(course).values(
      COURSE_SEED.map((c, i) => ({
        code: c.code,
        kind: c.kind,
        nameId: c.nameId,
        nameEn: c.nameEn,
        hours: c.hours,
        competenciesId: c.competencies.map(([id]) => id),
        competenciesEn: c.competencies.map(([, en]) => en),
        sortOrder: i + 1,
        source: SOURCE,
      })),
    );
  });
  return { seeded: true };
}
