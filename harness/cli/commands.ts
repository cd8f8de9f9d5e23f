// The ackproof command line: one entry per subcommand. A command is a module that exports
// `run(argv): Promise<number>` (argv without the command name; resolves to the exit code) and
// `usage` (its help text). To add one: write harness/cli/<name>-command.ts and add a line below.
// Modules load only when their command runs, so `validate` never pays for what `run` imports.

export interface CommandModule {
  readonly usage: string;
  run(argv: readonly string[]): Promise<number>;
}

export interface CommandEntry {
  /** One line for `ackproof --help`. */
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

export const commands: Readonly<Record<string, CommandEntry>> = {
  validate: {
    summary: "check a JSON file against ackproof's contracts (a report's bekymringsmelding.json, or feilmelding.json)",
    load: () => import('./validate-command.ts'),
  },
  run: { summary: 'send N synthetic reports end to end through a case system and check every one was stored exactly once, as sent', load: () => import('./run-command.ts') },
  certify: {
    summary: 'run the scenario suite (every fault in the catalogue) against a case system: certified only if every scenario holds',
    load: () => import('./certify-command.ts'),
  },
  'verify-report': {
    summary: 'check a certification report folder (certify --out): every file unchanged since it was signed, and the signature valid',
    load: () => import('./verify-report-command.ts'),
  },
  faults: { summary: 'list the catalogue of faulty receivers (run one with run --adapter faulty:<name>)', load: () => import('./faults-command.ts') },
};
