// `npm run user:create -- --role lead --username NAME [--name "Full Name"]`
// Creates a staff account and prints a one-time invite code: how the first lead of a real
// deployment gets in. The person uses the code at /join to choose their password.
import { parseArgs } from 'node:util';
import { usernameSchema } from '../src/lib/schemas/account';
import { DATABASE_PATH, ORIGIN } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connection';
import { createStaff, getUserByUsername } from '../src/lib/server/users';

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

const { values } = parseArgs({
	options: {
		role: { type: 'string' },
		username: { type: 'string' },
		name: { type: 'string' }
	}
});

if (values.role !== 'lead' && values.role !== 'adviser') {
	fail('Give a role: --role lead or --role adviser');
}
const username = usernameSchema.safeParse(values.username ?? '');
if (!username.success) {
	fail(`Give a username with --username: ${username.error.issues[0].message}`);
}

const db = openDatabase(DATABASE_PATH);
if (getUserByUsername(db, username.data)) {
	fail(`There is already an account called ${username.data}.`);
}
const { code, expiresAt } = createStaff(db, null, {
	name: values.name?.trim() || username.data,
	role: values.role,
	username: username.data
});
console.log(`Invite code for ${username.data} (${values.role}): ${code}`);
console.log(`Use it at ${ORIGIN}/join before ${expiresAt.toISOString()} to choose a password.`);
db.$client.close();
