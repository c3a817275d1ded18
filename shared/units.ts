// 责任单位 names as the candidate tables spell them, and which of them look like the same unit spelled twice
// (园林绿化中心 vs 园林绿化服务中心): a unit account must match the tables' spelling exactly (DESIGN §3 责任单位).

/** Edit distance (insert, delete, replace one character), in UTF-16 units — every unit name is BMP Chinese. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Two different names that are probably one unit: one contains the other (住建局 / 县住建局), or they differ by at
 * most two characters while each has at least four (园林绿化中心 / 园林绿化服务中心).
 */
export function nearDuplicate(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length >= 2 && b.length >= 2 && (a.includes(b) || b.includes(a))) return true;
  return Math.min(a.length, b.length) >= 4 && editDistance(a, b) <= 2;
}

/** Each name with the other names it nearly duplicates, sorted by name (zh collation). */
export function unitsWithNearDuplicates(names: Iterable<string>): { name: string; similar: string[] }[] {
  const all = [...new Set(names)].sort((x, y) => x.localeCompare(y, 'zh-CN'));
  return all.map((name) => ({ name, similar: all.filter((other) => nearDuplicate(name, other)) }));
}
