import type { Actions, PageServerLoad } from './$types';
import { joinAction, loadJoinPage } from '../join.server.ts';

/** /r/CODE: the join link on the poster and the stage screen (in the room). */
export const load: PageServerLoad = (event) => loadJoinPage(event, 'room');
export const actions: Actions = { default: (event) => joinAction(event, 'room') };
