import type { ThemeTaxonomy } from '../src/types';

/**
 * A tenant taxonomy for Indonesian hotel reviews, written by hand from domain knowledge (the way a tenant would),
 * one theme per aspect of the HoASA data set. Used by evaluate.ts to measure taxonomy theme matching.
 */
export const HOTEL_TAXONOMY_ID: ThemeTaxonomy = {
  id: 'hotel-id-example',
  version: '1',
  themes: [
    { id: 'ac', label: 'Air conditioning', phrases: { id: ['ac', 'acnya', 'pendingin ruangan', 'kipas*'], en: ['air conditioner', 'aircon', 'a/c'] } },
    { id: 'air_panas', label: 'Hot water', phrases: { id: ['air panas*', 'air hangat*', 'pemanas air', 'heater*', 'water heater*', 'air dingin'], en: ['hot water'] } },
    { id: 'bau', label: 'Smell', phrases: { id: ['bau*', 'berbau', 'aroma*', 'apek', 'pengap', 'pesing', 'wangi*', 'harum*', 'amis', 'busuk'], en: ['smell*', 'stink*'] } },
    { id: 'general', label: 'Overall', phrases: { id: ['overall', 'over all', 'keseluruhan*', 'secara umum', 'recommended', 'rekomen*', 'recomended', 'sisanya', 'selebihnya', 'lainnya', 'selain itu', 'kecewa*', 'mengecewakan', 'puas*', 'memuaskan', 'worth*'], en: ['recommend*', 'not recommended'] } },
    { id: 'kebersihan', label: 'Cleanliness', phrases: { id: ['bersih*', 'kebersihan*', 'kotor*', 'debu*', 'berdebu', 'jorok', 'sampah', 'noda*', 'kecoa*', 'semut*', 'rambut', 'dibersihkan'], en: ['clean*', 'dirty'] } },
    { id: 'linen', label: 'Linen', phrases: { id: ['linen', 'sprei*', 'seprei*', 'seprai*', 'sprai*', 'handuk*', 'selimut*', 'bantal*', 'sarung bantal', 'bed cover'], en: ['towel*', 'sheet*', 'pillow*', 'blanket*'] } },
    { id: 'service', label: 'Service', phrases: { id: ['pelayanan*', 'pelayan*', 'layanan*', 'resepsionis*', 'staf*', 'petugas*', 'karyawan*', 'pegawai*', 'ramah*', 'servis*', 'penjaga*', 'pengelola*', 'pemilik*', 'respon*', 'check in', 'checkin', 'masnya', 'mbak*'], en: ['staff*', 'service*', 'receptionist*', 'friendly', 'rude'] } },
    { id: 'sunrise_meal', label: 'Breakfast', phrases: { id: ['sarapan*', 'makan pagi', 'menu*', 'makanan*', 'snack*', 'cemilan*'], en: ['breakfast*', 'breakfeast*'] } },
    { id: 'tv', label: 'TV', phrases: { id: ['tv*', 'televisi*', 'channel*', 'siaran*', 'remote*'] } },
    { id: 'wifi', label: 'Wi-Fi', phrases: { id: ['wifi*', 'wi-fi*', 'wi fi', 'internet*', 'sinyal*', 'koneksi*', 'jaringan*'] } },
  ],
};
