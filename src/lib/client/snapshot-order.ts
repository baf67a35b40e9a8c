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

/**
 * What to do with changes (`qa:changes`) that apply on top of snapshot `base` and lead to `seq`,
 * when the list shown is `floor`: apply them on top of exactly that list, ignore them when the
 * list is as new already, and fetch the list when it is another (a missed tick, another process).
 */
export function acceptChanges(floor: number, base: number, seq: number): 'apply' | 'ignore' | 'fetch' {
	if (seq <= floor) return 'ignore';
	return base === floor ? 'apply' : 'fetch';
}
