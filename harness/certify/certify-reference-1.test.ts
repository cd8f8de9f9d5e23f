// The reference receiver certified on seeds "reference 1" … "reference 10" (embedded); the other
// ten are in certify-reference-2.test.ts, the test itself in certify-reference-test-kit.ts.
import { REFERENCE_SEEDS, describeReferenceCertification } from './certify-reference-test-kit.ts';

describeReferenceCertification(REFERENCE_SEEDS.slice(0, 10));
