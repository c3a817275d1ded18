// Quorum (法定人数): a ballot opens only while at least two thirds of the seated deputies are checked in
// (地方组织法 Art. 14). "三分之二以上" includes exactly two thirds. Integer arithmetic only, so 2/3 of 180 is
// exactly 120 and never 119.99….

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
}

/** The smallest number of present deputies that is at least ⅔ of `seated`. */
export function quorumRequired(seated: number): number {
  assertCount('seated', seated);
  return Math.floor((2 * seated + 2) / 3);
}

/** True iff `present` is at least ⅔ of `seated`; a body with no seated deputies has no quorum. */
export function hasQuorum(seated: number, present: number): boolean {
  assertCount('seated', seated);
  assertCount('present', present);
  return seated > 0 && 3 * present >= 2 * seated;
}
