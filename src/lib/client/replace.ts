/**
 * Copies with one change, for state that is replaced whole (`$state.raw`) and never changed in
 * place: the new value is what makes Svelte see the change.
 */
export function setOf<T>(items: Iterable<T>): ReadonlySet<T> {
	return new Set(items);
}
export function setWith<T>(s: ReadonlySet<T>, item: T, present: boolean): ReadonlySet<T> {
	const next = new Set(s);
	if (present) next.add(item);
	else next.delete(item);
	return next;
}
export function emptyMap<K, V>(): ReadonlyMap<K, V> {
	return new Map();
}
export function mapWith<K, V>(m: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
	return new Map(m).set(key, value);
}
export function mapWithout<K, V>(m: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
	const next = new Map(m);
	next.delete(key);
	return next;
}
