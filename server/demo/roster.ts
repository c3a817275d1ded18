import type { RosterEntry } from '../../shared/roster.ts';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎';
const GIVEN = ['建国', '秀英', '志强', '丽华', '海燕', '国平', '晓东', '春梅', '文斌', '玉兰', '建华', '红霞', '卫东', '淑芬', '永刚',
  '桂英', '晋生', '沁芳', '瑞峰', '慧敏', '金山', '翠萍', '宏伟', '素琴', '长林', '爱萍', '保平', '艳红', '振华', '凤英'];
const EXTRA = '明亮红军平安华新';

/**
 * A made-up but plausible roster: `count` deputies in the county's township delegations plus 县直, a fifth of
 * them in 县直 and the rest spread evenly, seated 15 to a row. Deterministic, so demos and tests agree.
 */
export function demoRoster(townships: readonly string[], count = 180): RosterEntry[] {
  const delegations = [...townships, '县直'];
  const countyShare = Math.round(count / 5);
  const perTownship = Math.floor((count - countyShare) / townships.length);
  const sizes = delegations.map((_, i) => (i < townships.length ? perTownship : count - perTownship * townships.length));
  const entries: RosterEntry[] = [];
  let n = 0;
  delegations.forEach((delegation, d) => {
    for (let k = 0; k < sizes[d]!; k++, n++) {
      // Every surname × given-name pair once, then again with a third character: unique up to ~16,000.
      const pair = n % (SURNAMES.length * GIVEN.length);
      const round = Math.floor(n / (SURNAMES.length * GIVEN.length));
      const name = `${SURNAMES[pair % SURNAMES.length]}${GIVEN[Math.floor(pair / SURNAMES.length)]}${round ? EXTRA[(round - 1) % EXTRA.length] : ''}`;
      const row = Math.floor(n / 15) + 1;
      const col = (n % 15) + 1;
      entries.push({ name, delegation, seat: `${row}排${String(col).padStart(2, '0')}座`, code: `QS${String(n + 1).padStart(4, '0')}` });
    }
  });
  return entries;
}

/** The roster as the CSV a secretariat keeps (English headers are accepted too). */
export function rosterCsv(entries: readonly RosterEntry[]): string {
  const lines = ['姓名,代表团,座位号,代表证号', ...entries.map((e) => [e.name, e.delegation, e.seat ?? '', e.code ?? ''].join(','))];
  return `${lines.join('\n')}\n`;
}
