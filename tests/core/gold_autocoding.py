"""A labelled gold set for auto-coding with the shipped codebook (invented sentences).

Each sentence is labelled with the top-level themes a careful coder would want suggested:
O = Obstacles, L = Legitimacy, C = Coordination complexity, T = Tech-enabled modus. The set
mixes Indonesian and English, spelling variants ("kerjasama"), affixed forms
("dikoordinasikan"), inflections, hyphenation, typos, negations ("tanpa hambatan") and
near-misses ("koordinat", "legitimate question") that must not be suggested.
"""

GOLD: list[tuple[str, set[str]]] = [
    # Indonesian, plain and affixed forms
    ("Hambatan utama kerja sama adalah lambannya respons pemerintah daerah.", {"O"}),
    ("Program pemulangan korban terhambat oleh birokrasi perizinan yang panjang.", {"O"}),
    ("Keterbatasan anggaran membuat pelatihan aparat berhenti di tengah jalan.", {"O"}),
    ("Kendala terbesar adalah mutasi pejabat yang sudah dilatih.", {"O"}),
    ("Pekerja migran tanpa dokumen sering dianggap pelaku, bukan korban.", {"O"}),
    ("Hubungan kedua pihak diwarnai saling curiga sejak awal.", {"O"}),
    ("Koordinasi antar lembaga di tingkat provinsi berjalan lambat.", {"C", "O"}),
    ("Rapat koordinasi gugus tugas jarang menghasilkan keputusan.", {"C"}),
    ("Keputusan pusat jarang dikoordinasikan sampai ke kabupaten.", {"C"}),
    ("Dinas sosial tidak pernah berkoordinasi dengan kepolisian.", {"C"}),
    ("Banyaknya aktor yang terlibat membuat pembagian peran kabur.", {"C"}),
    ("Terdapat tumpang tindih kewenangan antara kementerian.", {"C"}),
    ("Adanya tumpang-tindih tanggung jawab membuat korban terlantar.", {"C"}),
    ("Setiap lembaga menyimpan data korban sendiri-sendiri.", {"C"}),
    ("Kerjasama antarlembaga dituangkan dalam peraturan daerah.", {"C"}),
    ("Kerja sama antar lembaga masih bersifat informal.", {"C"}),
    ("Pemerintah memberikan legitimasi kepada IOM sebagai mitra resmi.", {"L"}),
    ("Organisasi internasional diakui melalui nota kesepahaman.", {"L"}),
    ("LSM memperoleh akses ke rumah aman setelah menandatangani perjanjian.", {"L"}),
    ("Kampanye penyadaran masyarakat didukung oleh kementerian.", {"L"}),
    ("Legitimasinya dicabut setelah organisasi itu mengkritik polisi.", {"L"}),
    ("Perekrutan daring melalui media sosial semakin marak.", {"T"}),
    ("Pelaku memasang iklan lowongan palsu di platform daring.", {"T"}),
    ("Korban dihubungi lewat aplikasi pesan dan akun anonim.", {"T"}),
    ("Pembayaran dilakukan melalui dompet digital yang sulit dilacak.", {"T"}),
    ("Penyidik belum terbiasa mengamankan bukti digital.", {"T"}),
    ("Modus baru berbasis teknologi menuntut unit siber yang kuat.", {"T"}),
    # English, plain and inflected forms
    ("The main obstacle was the slow response of provincial officials.", {"O"}),
    ("Permits for shelter visits were delayed for months.", {"O"}),
    ("Budget cycles and a shortage of staff constrained the programme.", {"O"}),
    ("Officials trained by the project were rotated to other posts.", {"O"}),
    ("Mistrust between the police and NGOs hindered referrals.", {"O"}),
    ("Agencies coordinated poorly across the border.", {"C"}),
    ("The council struggled with coordinating more than thirty agencies.", {"C"}),
    ("Overlapping mandates meant victims were interviewed four times.", {"C"}),
    ("A lead agency was named to end the overlap between ministries.", {"C"}),
    ("There was no shared database of victims.", {"C"}),
    ("The task force met twice a year.", {"C"}),
    ("The government granted the INGO legitimacy to work in border provinces.", {"L"}),
    ("Only recognised partners gained access to shelters.", {"L"}),
    ("Awareness-raising campaigns were endorsed by the ministry.", {"L"}),
    ("Its permission to operate was withdrawn after public criticism.", {"L"}),
    ("Victims were recruited online through fake job offers.", {"T"}),
    ("Traffickers relied on social media and messaging apps.", {"T"}),
    ("Profits moved through e-wallets and cryptocurrency.", {"T"}),
    ("Workers were held in scam compounds and forced into online fraud.", {"T"}),
    ("Investigators lacked training in digital evidence.", {"T"}),
    # typos and mixed themes
    ("Hambtan birokrasi membuat izin keluar terlambat.", {"O"}),
    ("The coordnation of ministries was weak.", {"C"}),
    ("Recruiters posted fake job advertisments on Facebook.", {"T"}),
    ("Legitimacy granted by the ministry opened access to victims in detention centres.", {"L"}),
    # negations: the concept is denied
    ("Program berjalan tanpa hambatan berarti.", set()),
    ("There were no obstacles to signing the agreement.", set()),
    ("The project ran without delay.", set()),
    # near-misses and neutral sentences
    ("Titik koordinat setiap desa dicatat oleh tim survei.", set()),
    ("Penulis mengucapkan terima kasih kepada pembimbing.", set()),
    ("This raises a legitimate question about method.", set()),
    ("The report has five chapters and an appendix.", set()),
    ("Data dikumpulkan melalui wawancara mendalam.", set()),
    ("The authors thank the reviewers for their comments.", set()),
    ("Sampel terdiri dari 40 responden di tiga kabupaten.", set()),
    ("Bab kedua membahas kerangka teori.", set()),
    ("The study used a qualitative library method.", set()),
    ("Kerja sama itu sudah berlangsung sejak tahun 2000.", set()),
]
