import type { RequestHandler } from './$types';
import { questionsDownload } from '../download.ts';

export const GET: RequestHandler = (event) => questionsDownload(event, 'csv');
