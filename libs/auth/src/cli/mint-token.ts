#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { JwtService } from '@nestjs/jwt';
import { DEFAULT_TOKEN_TTL, DEV_ADMIN_ROLES, DEV_ADMIN_SUBJECT } from '../auth.constants';
import { JWT_SECRET_REQUIRED_FOR_CLI } from '../auth.messages';
import { buildJwtModuleOptions, readAuthEnv } from '../auth.providers';
import { TokenService } from '../token.service';

const USAGE = `Usage: JWT_SECRET=<the app's secret> npm run token -- [options]

Prints a bearer token the app accepts when it runs with the same JWT_SECRET and JWT_ISSUER.

Options:
  --role <name>         role to grant; repeat for several (default: ${DEV_ADMIN_ROLES.join(', ')})
  --subject <id>        becomes request.user.id (default: ${DEV_ADMIN_SUBJECT})
  --expires-in <span>   seconds, or a timespan such as 30m, 2h, 7d (default: ${DEFAULT_TOKEN_TTL})
  --help                show this help`;

/** @internal Where the CLI writes; swapped in tests. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** @internal Runs the CLI and resolves to its exit code. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  output: CliOutput = processOutput,
): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        role: { type: 'string', multiple: true },
        subject: { type: 'string' },
        'expires-in': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      output.out(USAGE);
      return 0;
    }
    const { secret, issuer } = readAuthEnv((key) => env[key]);
    if (secret === undefined) throw new Error(JWT_SECRET_REQUIRED_FOR_CLI);
    const tokens = new TokenService(new JwtService(buildJwtModuleOptions(secret, issuer)));
    const token = await tokens.mint({
      subject: values.subject ?? DEV_ADMIN_SUBJECT,
      roles: values.role ?? [...DEV_ADMIN_ROLES],
      expiresIn: values['expires-in'] ?? DEFAULT_TOKEN_TTL,
    });
    output.out(token);
    return 0;
  } catch (error) {
    output.err(`mint-token: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
