/**
 * `piekritu audit <url>`: proves by experiment, in Chromium, what a site sets before and
 * after each choice, and drafts its cookie declaration. Exit status: 0 no violation,
 * 1 violations, 2 the audit could not run (bad input, no browser).
 */
import { writeFile } from 'node:fs/promises';
import { SetupError } from './audit/browser.js';
import { AuditInputError } from './audit/observe.js';
import { htmlReport } from './audit/report-html.js';
import { audit } from './audit/run.js';
import { textReport } from './audit/text.js';

const USAGE = `usage: piekritu audit <url> [options]

Opens <url> in Chromium (playwright-core with a system Chrome/Chromium, or CHROME_PATH)
and checks, each in a fresh browser: what is set before any choice, what each category
sets when accepted alone, what is left after "reject all" and after withdrawing consent,
the settings link on every page, and the Consent Mode default's timing. Prints a summary
and a draft cookie declaration. Exits 1 when it finds a violation.

options:
  --pages N                 pages to visit, the start page included (default 5)
  --json FILE               write the whole report as JSON
  --html FILE               write a self-contained HTML report with a screenshot
  --timeout SECONDS         how long one page may take to load (default 15)
  --allow HOST              a third-party host pages may contact before consent
                            (a font or script CDN); repeat for more
  --host-resolver-rules R   Chromium's host rules, e.g. "MAP www.example.lv 10.0.0.5"
                            to audit a staging server under the site's real name
  --quiet                   no progress line`;

export interface AuditArgs {
  url: string;
  pages: number;
  json?: string;
  html?: string;
  timeout: number;
  allow: string[];
  hostRules?: string;
  quiet: boolean;
}

/** The arguments, or a message saying what is wrong with them. */
export function parseArgs(args: string[]): AuditArgs | string {
  const parsed: AuditArgs = { url: '', pages: 5, timeout: 15000, allow: [], quiet: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? args[(i += 1)];
      if (next === undefined) throw new Error(`${flag} needs a value.`);
      return next;
    };
    try {
      switch (flag) {
        case '--pages': {
          const pages = Number(value());
          if (!Number.isInteger(pages) || pages < 1 || pages > 100) return '--pages takes a whole number from 1 to 100.';
          parsed.pages = pages;
          break;
        }
        case '--timeout': {
          const seconds = Number(value());
          if (!(seconds > 0 && seconds <= 300)) return '--timeout takes seconds, more than 0 and at most 300.';
          parsed.timeout = seconds * 1000;
          break;
        }
        case '--json':
          parsed.json = value();
          break;
        case '--html':
          parsed.html = value();
          break;
        case '--allow':
          parsed.allow.push(value().toLowerCase());
          break;
        case '--host-resolver-rules':
          parsed.hostRules = value();
          break;
        case '--quiet':
          parsed.quiet = true;
          break;
        default:
          if (flag.startsWith('-')) return `unknown option ${flag}.`;
          if (parsed.url) return `one URL only (got ${parsed.url} and ${flag}).`;
          parsed.url = flag;
      }
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!parsed.url) return 'which site? Give a URL.';
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(parsed.url) ? parsed.url : `https://${parsed.url}`);
  } catch {
    return `"${parsed.url}" is not a URL.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${parsed.url}" is not an http or https address.`;
  parsed.url = url.href;
  return parsed;
}

/** One line on stderr that rewrites itself on a terminal; plain lines in a log. */
function progressLine(quiet: boolean): { step(text: string): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  return {
    step(text) {
      if (quiet) return;
      if (!tty) return void process.stderr.write(`… ${text}\n`);
      const width = (process.stderr.columns || 80) - 1;
      const line = `… ${text}`;
      process.stderr.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}

export async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    console.error(`piekritu audit: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const progress = progressLine(parsed.quiet);
  let report;
  try {
    report = await audit({
      url: parsed.url,
      pages: parsed.pages,
      timeout: parsed.timeout,
      allow: parsed.allow,
      browserArgs: parsed.hostRules ? [`--host-resolver-rules=${parsed.hostRules}`] : [],
      progress: progress.step,
    });
  } catch (error) {
    progress.done();
    if (error instanceof AuditInputError || error instanceof SetupError) {
      console.error(`piekritu audit: ${error.message}`);
      return 2;
    }
    throw error;
  }
  progress.done();
  console.log(textReport(report));
  if (parsed.json) await writeFile(parsed.json, `${JSON.stringify(report, null, 2)}\n`);
  if (parsed.html) await writeFile(parsed.html, htmlReport(report));
  if (parsed.json || parsed.html) console.log(`\nwritten: ${[parsed.json, parsed.html].filter(Boolean).join(', ')}`);
  return report.violations.length > 0 ? 1 : 0;
}
