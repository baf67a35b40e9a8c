import { joinUrls } from '../qr/service.ts';
import { formatJoinCode } from '../../shared/join-code.ts';
import type { EventRecord, SessionRecord } from '../events/service.ts';

export interface JoinInfo {
	code: string;
	/** The code as shown on slides: "ABC-DEF". */
	displayCode: string;
	links: { room: string; online: string };
	qr: { room: string; online: string };
}

/** Join links (J2) and the addresses of their QR images, absolute so integrations can use them as they are. */
export function joinInfo(publicOrigin: string, code: string): JoinInfo {
	const qr = (channel: 'room' | 'online') => `${publicOrigin}/qr/${encodeURIComponent(code)}/${channel}.svg`;
	return { code, displayCode: formatJoinCode(code), links: joinUrls(publicOrigin, code), qr: { room: qr('room'), online: qr('online') } };
}

export function eventJoin(publicOrigin: string, event: EventRecord, sessions: SessionRecord[]) {
	return {
		event: joinInfo(publicOrigin, event.joinCode),
		sessions: sessions.map((s) => ({ sessionId: s.id, title: s.title, ...joinInfo(publicOrigin, s.joinCode) }))
	};
}
