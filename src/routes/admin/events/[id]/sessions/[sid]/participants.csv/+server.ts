import type { RequestHandler } from './$types';
import { participantsDownload } from '../board/participants-request.server.ts';

export const GET: RequestHandler = (event) => participantsDownload(event, 'csv');
