// Jepsen's three-valued validity. 'unknown' is neither a pass nor a failure: a gate never passes on
// it, and it never blames the system under test.
export type Validity = true | false | 'unknown';

// Anything that is not exactly true or false (a value read from a broken file, say) ranks as unknown.
const rank = (validity: Validity): number => (validity === true ? 0 : validity === false ? 2 : 1);

/**
 * The worst of several validities: false > unknown > true. With none at all it is 'unknown'
 * (Jepsen's merge says true): a certification gate must not pass on "nothing was checked".
 */
export function mergeValidity(...validities: readonly Validity[]): Validity {
  if (validities.length === 0) return 'unknown';
  let worst = 0;
  for (const validity of validities) worst = Math.max(worst, rank(validity));
  return worst === 0 ? true : worst === 2 ? false : 'unknown';
}
