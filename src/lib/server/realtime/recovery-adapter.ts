import { Adapter, SessionAwareAdapter, type BroadcastOptions } from 'socket.io-adapter';

type Packet = Parameters<Adapter['broadcast']>[0];

/**
 * The one-process adapter: Socket.IO's in-memory adapter with connection state recovery, except
 * that broadcasts to this process's own sockets (`io.local`: the feeds' ticks, fan-out.ts) are
 * not kept for replay. Scaled out, the Redis Streams adapter never keeps them either, and a
 * client fetches fresh snapshots after every reconnect anyway (rule 6), so replaying old ticks
 * buys nothing. Keeping them cost a lot: a tick to 5,000 phones goes out in slices of 500 socket
 * ids, and each slice was kept with its 500 ids for up to three minutes — 25 MB after a minute
 * of a steady poll, 5 KB per connection (issue 7, heap snapshot in docs/benchmarks.md).
 */
export class TickSkippingSessionAdapter extends SessionAwareAdapter {
	override broadcast(packet: Packet, opts: BroadcastOptions): void {
		if (opts.flags?.local) Adapter.prototype.broadcast.call(this, packet, opts);
		else super.broadcast(packet, opts);
	}
}
