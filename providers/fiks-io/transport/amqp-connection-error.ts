// What a failed connect to RabbitMQ means and what to do about it, without the password and
// without a stack trace for the user to decode.

/** The URL with its password replaced, safe to print and log. */
export function redactAmqpUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(an AMQP URL that does not parse)';
  }
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

export function explainConnectFailure(url: string, error: unknown): Error {
  const where = redactAmqpUrl(url);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  let advice: string;
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    advice = `nothing accepts AMQP connections there (${code}). Is RabbitMQ running? Start it, or set AMQP_URL to a broker that is.`;
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    advice = `the host name does not resolve (${code}). Check the host in the URL (AMQP_URL).`;
  } else if (code === 'ETIMEDOUT' || /ETIMEDOUT|timed? ?out/i.test(detail)) {
    advice = 'the connection timed out. Check that host and port are right and that no firewall drops the traffic.';
  } else if (/ACCESS.REFUSED|403/.test(detail)) {
    advice = 'the broker refused the login. Check the user name and password in the URL (AMQP_URL).';
  } else if (/ConnectionOpenOk|NOT_ALLOWED|530/.test(detail)) {
    advice = 'the broker would not open the virtual host. Check the vhost in the URL path (the default vhost "/" is written as no path or %2F) and that the user may use it.';
  } else {
    advice = `the broker said: ${detail}. Check the URL (AMQP_URL) and the broker's log.`;
  }
  return new Error(`amqpTransport: cannot connect to RabbitMQ at ${where}: ${advice}`, { cause: error });
}
