/**
 * Headless administration: `npm run plenum -- create-owner --email a@b.de --name "A B"`.
 * The password is read from PLENUM_OWNER_PASSWORD or, when unset, from standard input, so it
 * never appears in the shell history or the process list.
 */
import { parseArgs } from 'node:util';
import { readConfig } from './lib/server/config.ts';
import { createApp } from './lib/server/app.ts';
import { createOwner } from './lib/server/auth/service.ts';
import { isAppError } from './lib/server/errors.ts';

const USAGE = `usage: npm run plenum -- create-owner --email <email> --name <name>
  the password comes from PLENUM_OWNER_PASSWORD or standard input`;

async function readStdin(): Promise<string> {
	let data = '';
	for await (const chunk of process.stdin) data += chunk;
	return data.replace(/\r?\n$/, '');
}

async function main(): Promise<number> {
	const { positionals, values } = parseArgs({ allowPositionals: true, options: { email: { type: 'string' }, name: { type: 'string' } } });
	if (positionals[0] !== 'create-owner' || !values.email || !values.name) {
		console.error(USAGE);
		return 2;
	}
	const password = process.env.PLENUM_OWNER_PASSWORD ?? (await readStdin());
	const app = await createApp(readConfig());
	try {
		const user = await createOwner({ email: values.email, name: values.name, password }, app.deps);
		console.log(`owner account created for ${user.email}`);
		return 0;
	} catch (e) {
		if (isAppError(e)) {
			console.error(`error: ${e.message}`);
			return 1;
		}
		throw e;
	} finally {
		await app.close();
	}
}

process.exitCode = await main();
