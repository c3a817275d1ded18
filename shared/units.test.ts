import { describe, expect, it } from 'vitest';
import { nearDuplicate, unitsWithNearDuplicates } from './units.ts';

describe('unit names', () => {
  it('flags 园林绿化中心 vs 园林绿化服务中心 and 住建局 vs 县住建局, not distinct units', () => {
    expect(nearDuplicate('园林绿化中心', '园林绿化服务中心')).toBe(true);
    expect(nearDuplicate('住建局', '县住建局')).toBe(true);
    expect(nearDuplicate('住建局', '交通局')).toBe(false);
    expect(nearDuplicate('教育局', '教育局')).toBe(false);
    const listed = unitsWithNearDuplicates(['园林绿化中心', '交通局', '园林绿化服务中心', '交通局']);
    expect(listed).toHaveLength(3);
    expect(listed.find((u) => u.name === '交通局')?.similar).toEqual([]);
    expect(listed.find((u) => u.name === '园林绿化中心')?.similar).toEqual(['园林绿化服务中心']);
  });
});
