import type { User, AuthSession } from '#lib/server/auth/service.ts';

declare global {
	namespace App {
		interface Locals {
			user: User | null;
			authSession: AuthSession | null;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
