/**
 * Which snapshot to keep (P8): the newest sequence number wins. `floor` is the sequence of the
 * snapshot shown, or -1 when any snapshot may replace it. Sequence numbers are a hybrid clock on
 * the server (max(last + 1, now in ms)), so they jump between ticks and agree across processes;
 * every message is a full snapshot, so a jump needs nothing fetched. A fetched snapshot may carry
 * the same number as the last tick with fresher data, so it wins ties; a tick does not.
 */
export function acceptSnapshot(floor: number, seq: number, fetched: boolean): 'apply' | 'ignore' {
	return (fetched ? seq < floor : seq <= floor) ? 'ignore' : 'apply';
}
