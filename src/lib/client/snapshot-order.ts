/**
 * Which results snapshot to keep (P8): the newest sequence number wins. `floor` is the sequence
 * of the snapshot shown, or -1 when any snapshot may replace it (after a reconnect the server may
 * have restarted and count from 0 again). A fetched snapshot (`poll:get`) may carry the same
 * number as the last tick with fresher data, so it wins ties; a tick does not.
 */
export function acceptSnapshot(floor: number, seq: number, fetched: boolean): 'apply' | 'ignore' | 'gap' {
	if (fetched ? seq < floor : seq <= floor) return 'ignore';
	return floor >= 0 && !fetched && seq > floor + 1 ? 'gap' : 'apply';
}
