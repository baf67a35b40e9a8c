import type { PageServerLoad } from './$types';
import { loadStage } from '../stage-data.server.ts';

/** The livestream overlay: the stage screen's data and token check, drawn for a browser source. */
export const load: PageServerLoad = ({ params }) => loadStage(params);
