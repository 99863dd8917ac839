// Indonesian names by region for the people generator: given names, second/family names and where people
// of that background mostly live (two-digit province codes, Kemendagri). Word lists, not real people.

export type NameRegion = {
  key: string;
  /** Share of generated people. */
  weight: number;
  provinces: string[];
  male: string[];
  female: string[];
  /** Second names (Java) or family names (Batak marga, Minahasa fam, Chinese surnames). */
  maleLast: string[];
  femaleLast: string[];
  /** A family name that children carry from the father (Batak, Minahasa, Chinese, Maluku, Papua). */
  isFamilyName: boolean;
  religions: [string, number][];
  /** Share of people with a single-word name (common among older Javanese). */
  oneWord: number;
};

const ISLAM: [string, number][] = [['islam', 1]];

export const REGIONS: NameRegion[] = [
  {
    key: 'jawa',
    weight: 34,
    provinces: ['33', '34', '35', '31', '36', '18'],
    male: 'Agus Budi Joko Slamet Sugeng Bambang Suparman Sutrisno Widodo Wahyu Eko Dwi Tri Heru Hadi Puji Teguh Yanto Supriyadi Sumarno Darmanto Sukirman Suyatno Priyo Bagus Aris Rudi Edi Hari Sigit Yudi Tono Harjo Warsito Santoso Gatot Sapto Wawan Anton Dimas Galih Bayu Yoga Arif Fajar Adi'.split(
      ' ',
    ),
    female:
      'Sri Siti Endang Dewi Yuli Rina Wulan Ratna Sumiati Suparmi Kartini Lestari Purwanti Rahayu Ningsih Sulastri Tumini Sarinah Ani Tutik Eni Yanti Wati Indah Ayu Dian Nining Sih Murni Retno Sari Tri Dwi Endah Puji Fitri Nanik Kasih'.split(
        ' ',
      ),
    maleLast:
      'Santoso Susanto Wibowo Prasetyo Nugroho Setiawan Hartono Purnomo Kurniawan Saputra Wijaya Utomo Hidayat Sutrisno Gunawan Riyanto Suharto Sugiarto Wahyudi Prabowo Handoko Yulianto Suryanto Supriyanto Raharjo Haryanto Budiman Sulistyo Pamungkas Cahyono'.split(
        ' ',
      ),
    femaleLast:
      'Lestari Wahyuni Rahayu Handayani Susanti Astuti Wulandari Purwaningsih Suryani Kusumawati Rahmawati Wahyuningsih Setyowati Mulyani Sulistyowati Yuliani Utami Pratiwi Puspitasari Anggraini Hartini Suharti Widayati Ningrum'.split(
        ' ',
      ),
    isFamilyName: false,
    religions: [
      ['islam', 0.92],
      ['protestan', 0.05],
      ['katolik', 0.03],
    ],
    oneWord: 0.12,
  },
  {
    key: 'sunda',
    weight: 14,
    provinces: ['32', '36'],
    male: 'Asep Ujang Dadang Cecep Deden Dede Yayan Iwan Jajang Enjang Ade Agus Rohmat Encep Aceng Usep Dadan Didin Ruslan Endang Nanang Maman Cucu Aep Yusuf Rizal Ridwan Ilham'.split(
      ' ',
    ),
    female:
      'Euis Neneng Imas Enok Iis Yuyun Cucu Ai Eneng Nining Lilis Teti Entin Cicih Siti Rina Yanti Wiwin Dewi Nurul Popon Tati Nenden Rika'.split(
        ' ',
      ),
    maleLast:
      'Sunarya Suherman Hidayat Kusnadi Permana Sopandi Ruhiyat Gunawan Supriatna Setiadi Mulyana Rustandi Sudrajat Saepudin Kurniawan Ramdani Firmansyah Nugraha Sumarna Wijaya'.split(
        ' ',
      ),
    femaleLast:
      'Nurjanah Rohayati Maryati Komariah Sumiati Nurhayati Rosita Kurniasih Herawati Sukaesih Mulyati Rahmawati Nurlaela Apriani Sari'.split(
        ' ',
      ),
    isFamilyName: false,
    religions: ISLAM,
    oneWord: 0.04,
  },
  {
    key: 'melayu',
    weight: 16,
    provinces: ['11', '14', '15', '16', '17', '19', '21', '61', '62', '63', '64', '65', '31', '35'],
    male: 'Muhammad Ahmad Abdul Rizki Fajar Ilham Arif Hendra Fauzi Hasan Husein Ridwan Faisal Rahmat Yusuf Ibrahim Zainal Syahrul Nur Rahman Amir Hamdan Iskandar Zulfikar Taufik Irfan Khairul Syaiful Aditya Reza Dimas'.split(
      ' ',
    ),
    female:
      'Siti Nur Nurul Aisyah Fatimah Khadijah Aminah Zahra Nadia Putri Ayu Annisa Rahmah Halimah Zulaikha Salsabila Nabila Syarifah Laila Maryam Dinda Intan Rini Mega Fitri'.split(
        ' ',
      ),
    maleLast:
      'Rizki Hidayat Ramadhan Saputra Firmansyah Maulana Fadillah Hakim Akbar Kurniawan Hidayatullah Syahputra Abdullah Rahman Hamid Fauzan Alamsyah Setiawan Iskandar Nasution Hasibuan Pratama Wijaya Syahrial'.split(
        ' ',
      ),
    femaleLast:
      'Aisyah Rahmawati Nurhaliza Fitriani Hasanah Khairunnisa Sari Aminah Azzahra Maharani Amelia Safitri Wahyuni Nurjanah Ramadhani Zahra Lestari Handayani Marlina Yulianti Agustina'.split(
        ' ',
      ),
    isFamilyName: false,
    religions: ISLAM,
    oneWord: 0.02,
  },
  {
    key: 'batak',
    weight: 6,
    provinces: ['12', '14', '21', '31'],
    male: 'Jhonson Parlindungan Hotman Maruli Benny Roy Saut Poltak Togar Jansen Rudolf Daniel Tigor Binsar Horas Manahan Bonar Sahat Robert Martin Hendrik Ferdinand Sabar'.split(
      ' ',
    ),
    female:
      'Rosmawati Tiurma Romauli Debora Lasmaria Sondang Melati Ruth Erna Nurmala Rotua Sarma Lamria Dameria Tetty Rosdiana Elfrida Juliana Kristina'.split(
        ' ',
      ),
    maleLast:
      'Siregar Simanjuntak Nasution Harahap Hutapea Sinaga Simatupang Panjaitan Tambunan Lubis Sitorus Situmorang Manurung Hutagalung Pardede Sihombing Marpaung Ginting Tarigan Sembiring Silalahi Napitupulu Pasaribu Simbolon Damanik Purba Saragih Sitompul'.split(
        ' ',
      ),
    femaleLast: [],
    isFamilyName: true,
    religions: [
      ['protestan', 0.6],
      ['islam', 0.3],
      ['katolik', 0.1],
    ],
    oneWord: 0,
  },
  {
    key: 'minang',
    weight: 4,
    provinces: ['13', '14', '31'],
    male: 'Rizal Syafrizal Yulizar Andri Zulkifli Afrizal Irwan Hendri Defri Yusrizal Erizal Asrul Nofrizal Dedi Jasman Khairul Buyung Fadli Syahrial Yuliardi'.split(
      ' ',
    ),
    female:
      'Yusnimar Rosmaniar Yulinda Desi Fitri Elvira Nurhayati Yusniar Rahmi Marlina Yenni Syafrida Zurniati Mardiana Suryani Welly Novita'.split(
        ' ',
      ),
    maleLast:
      'Chaniago Tanjung Piliang Koto Sikumbang Jambak Guci Putra Syahputra Effendi Yunus Sutan Malin Datuak Rajo'.split(
        ' ',
      ),
    femaleLast: 'Chaniago Tanjung Piliang Koto Sikumbang Jambak Guci Putri Yanti Yusra Wati'.split(' '),
    isFamilyName: false,
    religions: ISLAM,
    oneWord: 0.03,
  },
  {
    key: 'bugis',
    weight: 6,
    provinces: ['73', '76', '74', '72', '64'],
    male: 'Andi Muh Abdul Syamsul Arifin Baso Ramli Haris Ilyas Jufri Sudirman Amiruddin Nasrun Ismail Hasanuddin Muhammad Rusdi Sahabuddin Akbar Syahrir Ardi Ikhsan Rahmat'.split(
      ' ',
    ),
    female:
      'Andi Hasnah Nurhayati Sitti Haderah Megawati Rosmini Hasmiati Nurlina Besse Rahmawati Hasriani Suriani Nurhaeda Marwah Sitti Hasna Sakinah Nurul'.split(
        ' ',
      ),
    maleLast:
      'Paturusi Mallarangeng Makkasau Rahman Syamsuddin Hamzah Situju Mattalitti Pawallangi Muslimin Nurdin Basri Daeng Tiro Baso Bakri Tahir Saleh Yunus Amir'.split(
        ' ',
      ),
    femaleLast: 'Rahman Sakinah Hamzah Tahir Basri Nurdin Saleh Sari Wati Amir Kadir Halim'.split(' '),
    isFamilyName: false,
    religions: ISLAM,
    oneWord: 0.03,
  },
  {
    key: 'bali',
    weight: 2,
    provinces: ['51', '52'],
    male: 'I Wayan|I Putu|I Gede|I Made|I Kadek|I Nengah|I Nyoman|I Komang|I Ketut|Wayan|Putu|Made|Komang|Ketut'.split(
      '|',
    ),
    female:
      'Ni Wayan|Ni Putu|Ni Luh|Ni Made|Ni Kadek|Ni Nengah|Ni Nyoman|Ni Komang|Ni Ketut|Luh|Putu|Made'.split(
        '|',
      ),
    maleLast:
      'Sudirta Suartana Wirawan Arsana Suarjana Budiarta Astawa Suparta Mahendra Sukadana Suardana Widiana Arnawa Sutama Darmawan Adnyana Antara'.split(
        ' ',
      ),
    femaleLast:
      'Ayu Lestari|Suastini|Ariani|Sukmawati|Sriasih|Kartini|Purnamasari|Sri Wahyuni|Suarni|Ayu Dewi|Rusmini|Darmini|Sutarmi'.split(
        '|',
      ),
    isFamilyName: false,
    religions: [
      ['hindu', 0.95],
      ['islam', 0.05],
    ],
    oneWord: 0,
  },
  {
    key: 'tionghoa',
    weight: 3,
    provinces: ['31', '12', '61', '36', '35', '21'],
    male: 'Hendra Budi Suryadi Ferry Yohanes Kevin Michael Wiliam Andreas Felix Hartono Rudy Johan Steven Darwin Sutanto Ivan Edwin Hengky Aming Acong'.split(
      ' ',
    ),
    female:
      'Jessica Stephanie Linda Melinda Susanti Vivian Lily Meiliana Yenny Lanny Fransiska Monica Natalia Cindy Angelina Amelia Sherly Mei'.split(
        ' ',
      ),
    maleLast:
      'Wijaya Tanoto Halim Salim Tanuwijaya Santoso Gunawan Kusuma Hartanto Lim Tan Liem Ong Oei Tjahjadi Setiawan Lukito Sugiharto Chandra Kurniawan Hidayat Tanjaya Limanto Gozali'.split(
        ' ',
      ),
    femaleLast: [],
    isFamilyName: true,
    religions: [
      ['buddha', 0.45],
      ['protestan', 0.3],
      ['katolik', 0.2],
      ['khonghucu', 0.05],
    ],
    oneWord: 0.05,
  },
  {
    key: 'timur',
    weight: 8,
    provinces: ['53', '52', '81', '82', '71', '91', '92', '94', '95', '96', '93', '75'],
    male: 'Yohanes Fransiskus Agustinus Yosef Petrus Kornelis Markus Yulius Frangky Jefry Stevi Lalu Paulus Simon Yakob Matius Herman Obed Demianus Elias Alfons Benediktus'.split(
      ' ',
    ),
    female:
      'Maria Marselina Yuliana Theresia Martha Naomi Meiske Marlyn Deisy Baiq Yohana Agustina Veronika Elisabet Fransina Magdalena Kristina Dorkas Selvi'.split(
        ' ',
      ),
    maleLast:
      'Ndun Lake Bria Manafe Tefa Nenobais Seran Mau Ratu Bere Kase Latuconsina Pattiasina Tuasikal Lewerissa Sahetapy Ohorella Wenda Wonda Kogoya Tabuni Wakerkwa Rumbiak Mandowen Karubaba Yikwa Rumaropen Rompas Sumampouw Tumbelaka Pangemanan Lumingkewas Wowor Mandagi Sondakh'.split(
        ' ',
      ),
    femaleLast: [],
    isFamilyName: true,
    religions: [
      ['protestan', 0.5],
      ['katolik', 0.35],
      ['islam', 0.15],
    ],
    oneWord: 0.02,
  },
];

/** Single-word names, mostly older Javanese. */
export const ONE_WORD_MALE =
  'Paiman Kasmin Tarno Wagiman Slamet Marsudi Sukiman Paimo Karto Sastro Jumadi Tukiran Parjo Ngadimin Kusnan Sarpan Tugimin Rebo Legiman Dalimin'.split(
    ' ',
  );
export const ONE_WORD_FEMALE =
  'Sukarti Tukiyem Sainem Parmi Ngatinah Sumirah Painem Tumini Wagiyem Sarmi Jumiyem Ngatini Suginah Karsinah Poniyem Kasiyah Mulyani Warsini Rukmini Sumarni'.split(
    ' ',
  );

/** Nicknames people are known by; the key is a lower-case given name. */
export const NICKNAMES: Record<string, string[]> = {
  muhammad: ['Mamat', 'Amad', 'Memed'],
  ahmad: ['Amat', 'Mamad'],
  abdul: ['Dul', 'Dullah'],
  rizki: ['Kiki', 'Iki'],
  budi: ['Mas Bud', 'Budi Gondrong'],
  slamet: ['Memet', 'Pak Met'],
  agus: ['Gus', 'Mas Agus'],
  joko: ['Jack', 'Mas Jo'],
  siti: ['Ti', 'Ipeh'],
  fatimah: ['Imah', 'Ima'],
  sri: ['Yem', 'Mbak Sri'],
  asep: ['Kang Asep', 'Sep'],
  ujang: ['Jang', 'Ujang Bolang'],
  bambang: ['Bams', 'Mbang'],
  yohanes: ['Anis', 'Jhon'],
  fransiskus: ['Frans', 'Sisko'],
  nurul: ['Ulul', 'Nunung'],
  dewi: ['Uwi', 'Dede'],
  hendra: ['Hen', 'Koh Hendra'],
  andi: ['Ndi', 'Puang'],
  wayan: ['Yan', 'Bli Wayan'],
  putu: ['Tut', 'Gek Putu'],
  maria: ['Mery', 'Mia'],
  rahmat: ['Mamat', 'Amat'],
  hasan: ['Acan', 'Usan'],
  yusuf: ['Ucup', 'Usup'],
};

/** Street names given to people without a fixed home (anak jalanan, gelandangan). */
export const STREET_ALIASES =
  'Si Gondrong|Si Kribo|Si Pincang|Ucok|Butet|Acong|Otong|Bang Jago|Mbah Darmo|Si Botak|Item|Bule|Kancil|Cebol|Gepeng|Tompel|Si Kecil|Ipin|Udin|Cak Ri|Mbok Yem|Ogah|Pak Ogah|Jabrik|Kutil'.split(
    '|',
  );

export const TITLES_BEFORE_MALE = ['H.', 'Drs.', 'Ir.'];
export const TITLES_BEFORE_FEMALE = ['Hj.', 'Dra.'];
export const TITLES_AFTER = ['S.Pd.', 'S.E.', 'S.H.', 'Amd.', 'S.Kom.'];
