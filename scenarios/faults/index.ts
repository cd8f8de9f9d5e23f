// The fault catalogue: every fault the engine can inject, by name. Each is a package (fault.ts):
// what it breaks, its parameters, how it is injected and healed, and the evidence it records.
import { brokerConnectionLoss, redelivery } from './broker-faults.ts';
import { crashAfterAck, crashAfterCommit, crashAfterDelivery, crashAfterReceipt } from './crash-faults.ts';
import { FAULT_NAMES, type FaultName, type FaultPackage } from './fault.ts';
import { FaultPlanError } from './fault-params.ts';
import { poisonMessage, resend } from './portal-faults.ts';
import { sendApiRefused, sendApiResponseLost, sendApiSlow } from './send-api-faults.ts';
import { storageOutage, storageOverload, storageReplyLost } from './storage-faults.ts';
import { burst, largePayload, ttlExpiryWhileDown, v1Message } from './workload-faults.ts';

export {
  type ArmedFault,
  type FaultName,
  type FaultNeeds,
  type FaultPackage,
  type FaultParameter,
  type FaultPlan,
  type FaultRecorder,
  type FaultRuntime,
  type FaultTarget,
  FAULT_NAMES,
  isFaultName,
} from './fault.ts';
export { FaultPlanError, param, resolveParams } from './fault-params.ts';
export { formatFaultPlan, formatFaultPlans, parseFaultPlans } from './fault-plan-text.ts';
export { POISON_KINDS, type PoisonKind } from './poison-payloads.ts';

// A record, so the compiler says when a name in FAULT_NAMES has no package.
const CATALOGUE: Readonly<Record<FaultName, FaultPackage>> = {
  'crash-after-delivery': crashAfterDelivery,
  'crash-after-commit': crashAfterCommit,
  'crash-after-receipt': crashAfterReceipt,
  'crash-after-ack': crashAfterAck,
  'storage-outage': storageOutage,
  'storage-overload': storageOverload,
  'storage-reply-lost': storageReplyLost,
  'broker-connection-loss': brokerConnectionLoss,
  redelivery,
  'send-api-refused': sendApiRefused,
  'send-api-slow': sendApiSlow,
  'send-api-response-lost': sendApiResponseLost,
  resend,
  'poison-message': poisonMessage,
  'large-payload': largePayload,
  'ttl-expiry-while-down': ttlExpiryWhileDown,
  'v1-message': v1Message,
  burst,
};

export const FAULTS: readonly FaultPackage[] = FAULT_NAMES.map((name) => CATALOGUE[name]);

export function faultPackage(name: string): FaultPackage {
  if (!Object.hasOwn(CATALOGUE, name)) throw new FaultPlanError(`faultPackage: no fault named ${JSON.stringify(name)}; the faults are: ${FAULT_NAMES.join(', ')}`);
  return CATALOGUE[name as FaultName];
}
