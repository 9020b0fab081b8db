/// <reference types="node" />
/**
 * `npx piekritu <command> …`: each command is a module loaded only when asked for, so the
 * optional drivers of one (Chromium, the database drivers) never load for another.
 */
const COMMANDS: Record<string, () => Promise<{ main(args: string[]): Promise<number> }>> = {
  audit: () => import('./audit.js'),
  records: () => import('./records.js'),
};

const USAGE = `usage: piekritu <command> [options]

commands:
  audit <url>   check a site's consent gating in Chromium and draft its cookie declaration
  records       proof-of-consent records: lookup, export, purge, stats, verify

Run "piekritu <command> --help" for a command's options.`;

export async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    if (name && name !== '--help' && name !== '-h') console.error(`piekritu: unknown command "${name}".`);
    console.error(USAGE);
    return name === '--help' || name === '-h' ? 0 : 2;
  }
  return (await command()).main(args);
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`piekritu: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
