/**
 * Every Socket.IO room name, in one place (architecture: rooms in one module), so the
 * publisher and the handlers cannot disagree about where a message goes.
 */
export const rooms = {
	/** Everyone watching a session: audience phones, staff, stage screens. */
	session: (sessionId: string) => `s:${sessionId}`,
	/** Audience phones watching a session: they get results only when the audience may see them. */
	audience: (sessionId: string) => `s:${sessionId}:audience`,
	/** Staff views and stage screens of a session: they get presence counts, phones do not. */
	screens: (sessionId: string) => `s:${sessionId}:screens`,
	/** Staff views of a session only: they get every question, also pending and hidden ones. */
	staff: (sessionId: string) => `s:${sessionId}:staff`,
	/** Everyone watching a workshop board: phones, the organiser, leads, stage screens. */
	board: (boardId: string) => `b:${boardId}`,
	/** Stage screens showing a workshop's report-back. */
	report: (sessionId: string) => `r:${sessionId}`,
	/** Every socket of one participant: their own questions' state (qa:mine). */
	participant: (participantId: string) => `p:${participantId}`,
	/** Stage screens of a session only: told when their link is revoked. */
	stage: (sessionId: string) => `s:${sessionId}:stage`,
	/** The sockets of one staff login session, closed on logout or expiry. */
	authSession: (authSessionId: string) => `a:${authSessionId}`
} as const;

/** The sessions and boards this process's sockets watch, read back from its room names. */
export function watchedHere(roomNames: Iterable<string>): { sessions: string[]; boards: string[]; reports: string[] } {
	const out = { sessions: [] as string[], boards: [] as string[], reports: [] as string[] };
	for (const name of roomNames) {
		const [kind, id, rest] = name.split(':');
		if (!id || rest !== undefined) continue;
		if (kind === 's') out.sessions.push(id);
		else if (kind === 'b') out.boards.push(id);
		else if (kind === 'r') out.reports.push(id);
	}
	return out;
}
