import { candidateThemes, complaintOf, UnthemedComplaint } from './candidate-themes';

const at = new Date('2026-11-20T10:00:00Z');
const complaint = (id: string, text: string, touchpoint = 'checkout', language: string | null = 'id'): UnthemedComplaint => ({ feedbackEventId: id, touchpoint, occurredAt: at, language, text });

describe('candidate themes (root-cause over @loops/text-analytics discovery)', () => {
  const items = [
    complaint('v1', 'Voucher diskon tidak bisa dipakai, kecewa sekali'),
    complaint('v2', 'Voucher diskon ditolak terus saat bayar'),
    complaint('v3', 'Kenapa voucher diskon selalu gagal dipakai', 'app'),
    complaint('v4', 'Voucher diskon error lagi di aplikasi', 'app'),
    complaint('l1', 'Login gagal terus, aplikasi keluar sendiri', 'app'),
    complaint('l2', 'Tidak bisa login ke akun, aplikasi error', 'app'),
    complaint('l3', 'Login gagal setelah update aplikasi', 'app'),
    complaint('l4', 'Akun tidak bisa login, kode OTP tidak masuk', 'app'),
  ];

  it('groups unthemed complaints by what they say, with a phrase label, touchpoints and examples', () => {
    const result = candidateThemes(items);
    const vouchers = result.find((c) => c.itemIds.includes('v1'))!;
    expect(vouchers.itemIds).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(vouchers).toMatchObject({ size: 4, touchpoints: ['app', 'checkout'] });
    expect(vouchers.label).toMatch(/^voucher diskon/);
    expect(vouchers.examples.every((e) => /voucher/i.test(e))).toBe(true);
    const logins = result.find((c) => c.itemIds.includes('l1'))!;
    expect(logins.itemIds).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(logins.label).toMatch(/login/);
  });

  it('limits the candidates and leaves the unknown touchpoint out', () => {
    expect(candidateThemes(items, 1)).toHaveLength(1);
    expect(complaintOf(complaint('x', 'text', '-', null))).toEqual({ id: 'x', text: 'text', touchpoint: undefined, occurredAt: '2026-11-20T10:00:00.000Z', language: undefined });
  });

  it('returns nothing when there is nothing to group', () => {
    expect(candidateThemes([complaint('a', 'unique thing')])).toEqual([]);
  });
});
