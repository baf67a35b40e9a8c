import type { PageServerLoad } from './$types';
import { loadStage } from './stage-data.server.ts';

/** The stage screen (projector). */
export const load: PageServerLoad = ({ params }) => loadStage(params);
