// The fault proxy: a TCP proxy on 127.0.0.1 in front of a black-box receiver's broker and
// database that sees frames (AMQP deliveries and acks, PostgreSQL commits), can hold one at a
// boundary, and injects latency, blackhole, reset, cut-after-bytes and commit-reply-lost.
export { startFaultProxy } from './fault-proxy.ts';
export { startReceiverProxies, throughProxy } from './receiver-proxies.ts';
export type { ReceiverProxies } from './receiver-proxies.ts';
export type {
  AmqpHeaders,
  FaultProxy,
  FaultProxyOptions,
  ProxyConnectionInfo,
  ProxyDirection,
  ProxyEvent,
  ProxyEventContext,
  ProxyEventListener,
  ProxyFault,
  ProxyFaultEvidence,
  ProxyFaultKind,
  ProxyProtocol,
} from './proxy-types.ts';
