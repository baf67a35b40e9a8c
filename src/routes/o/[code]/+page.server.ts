import type { Actions, PageServerLoad } from './$types';
import { joinAction, loadJoinPage } from '../../r/join.server.ts';

/** /o/CODE: the join link shared with the livestream (online). */
export const load: PageServerLoad = (event) => loadJoinPage(event, 'online');
export const actions: Actions = { default: (event) => joinAction(event, 'online') };
