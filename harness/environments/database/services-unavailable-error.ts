// A service the services mode needs (PostgreSQL here; the broker may reuse it) cannot be reached.
// This is the machine's set-up, not a verdict on the system under test: the CLI maps it to exit
// code 2 and prints the message, which names the URL (never its password) and what to try.

export class ServicesUnavailableError extends Error {
  override readonly name = 'ServicesUnavailableError';
  readonly service: string;
  /** The URL tried, with any password removed. */
  readonly url: string;

  constructor(service: string, url: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.service = service;
    this.url = url;
  }
}

/** The URL as it can be shown: any password replaced by "***". Unparseable input is not echoed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<an unparseable URL>';
  }
}
