// The reference receiver certified on seeds "reference 11" … "reference 20" (embedded); the first
// ten are in certify-reference-1.test.ts, the test itself in certify-reference-test-kit.ts.
import { REFERENCE_SEEDS, describeReferenceCertification } from './certify-reference-test-kit.ts';

describeReferenceCertification(REFERENCE_SEEDS.slice(10));
