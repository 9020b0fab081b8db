/// <reference types="node" />
/** `npx piekritu <command> …`: each command is its own module, loaded only when asked for. */
const COMMANDS: Record<string, () => Promise<{ main(args: string[]): Promise<number> }>> = {
  records: () => import('./records.js'),
};

const USAGE = `usage: piekritu <command> [options]

commands:
  records   proof-of-consent records: lookup, export, purge, stats, verify
`;

export async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const load = command ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(command && command !== '--help' && command !== '-h' ? `piekritu: unknown command "${command}"\n\n${USAGE}` : USAGE);
    return 2;
  }
  return (await load()).main(args);
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`piekritu: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
