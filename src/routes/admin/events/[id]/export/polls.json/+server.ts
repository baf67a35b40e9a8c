import type { RequestHandler } from './$types';
import { pollsDownload } from '../download.ts';

export const GET: RequestHandler = (event) => pollsDownload(event, 'json');
