// A fault counts as fired only with proof: Jepsen's lesson that a nemesis which silently did
// nothing turns every run into a false pass. An empty proof ({}, [], '', null) is no proof.
export function hasEvidence(evidence: unknown): boolean {
  if (evidence === undefined || evidence === null || evidence === false || evidence === '') return false;
  if (Array.isArray(evidence)) return evidence.length > 0;
  if (typeof evidence === 'object') return Object.keys(evidence).length > 0;
  return true;
}
