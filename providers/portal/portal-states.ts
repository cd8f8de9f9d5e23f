// The portal's states for one report (DESIGN.md, "Concern-report protocol"):
//   AKSEPTERT → SENDT_FAGSYSTEM → [AVVIST_FAGSYSTEM →] SENDT_PRINT → LEVERT, or SENDT_FAGSYSTEM → LEVERT.
// LEVERT is final: nothing moves a report out of it, whatever arrives later. Every change carries
// its cause, so a history shows whether LEVERT came from mottatt or from the letter post.

export const PORTAL_STATES = ['AKSEPTERT', 'SENDT_FAGSYSTEM', 'AVVIST_FAGSYSTEM', 'SENDT_PRINT', 'LEVERT'] as const;
export type PortalState = (typeof PORTAL_STATES)[number];

/** Receipts that send a report to letter post: the case system refused it, or the platform gave up. */
export type RefusalKind = 'feilet' | 'serverfeil' | 'tidsavbrudd';

/**
 * sent: the first successful send; mottatt: the case system says it stored it; a RefusalKind: that
 * receipt arrived; deadline: no answer within 2 working days; post: the letter went out.
 */
export type TransitionCause = 'sent' | 'mottatt' | RefusalKind | 'deadline' | 'post';

const ALLOWED: Readonly<Record<PortalState, readonly PortalState[]>> = {
  AKSEPTERT: ['SENDT_FAGSYSTEM'],
  SENDT_FAGSYSTEM: ['LEVERT', 'AVVIST_FAGSYSTEM', 'SENDT_PRINT'],
  AVVIST_FAGSYSTEM: ['SENDT_PRINT'],
  SENDT_PRINT: ['LEVERT'],
  LEVERT: [],
};

export function isFinalState(state: PortalState): boolean {
  return ALLOWED[state].length === 0;
}

export function isPortalState(value: string): value is PortalState {
  return (PORTAL_STATES as readonly string[]).includes(value);
}

/** Throws when the state machine has no such edge: a bug in the portal, never a message's fault. */
export function checkTransition(from: PortalState, to: PortalState): void {
  if (!ALLOWED[from].includes(to)) {
    throw new Error(`portal: no transition ${from} → ${to}; allowed from ${from}: ${ALLOWED[from].join(', ') || 'none (final)'}. This is a bug in the portal.`);
  }
}

export function emptyStateCounts(): Record<PortalState, number> {
  return { AKSEPTERT: 0, SENDT_FAGSYSTEM: 0, AVVIST_FAGSYSTEM: 0, SENDT_PRINT: 0, LEVERT: 0 };
}
