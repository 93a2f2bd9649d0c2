package dev.tcpgateway.config;

import java.time.Duration;
import java.util.List;

import dev.tcpgateway.framing.Framing;
import dev.tcpgateway.framing.LengthFieldLayout;
import dev.tcpgateway.proxy.ProxyProtocol;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * One TCP listener: where it listens, how it frames requests, which bean answers them,
 * and its bounds. The defaults are production defaults, not Spring Integration's (backlog
 * 5, 2 KB frames).
 *
 * @param enabled whether the listener runs; false switches off a built-in one
 * @param port the TCP port; 0 picks a free one (logged at startup)
 * @param bindAddress the local address to listen on; 0.0.0.0 for every IPv4 interface, ::
 * for all
 * @param framing how requests are cut out of the byte stream and replies framed: crlf,
 * lf, stx-etx, length-header-1, length-header-2, length-header-4, null-terminated, http,
 * length-field, delimited, mllp, octet-counting or custom
 * @param handler the name of the bean that computes replies (a TcpHandler or a
 * Function<String, String>); defaults to the listener's name
 * @param maxFrameSize the largest request accepted; a larger one gets an error reply and
 * the connection is closed. Nothing larger is ever buffered
 * @param backlog how many connections the operating system queues before they are
 * accepted; 0 for the largest it allows (net.core.somaxconn on Linux)
 * @param sendBufferSize the socket send buffer (SO_SNDBUF); 0 leaves it to the operating
 * system, which grows it as a connection needs (Linux: net.ipv4.tcp_wmem). A fixed value
 * turns that off and caps how fast a reply can leave over a long round trip
 * @param delay artificial processing time before each reply, like the tutorial's sleep;
 * use it to simulate a slow backend
 * @param maxConnections the most connections open at once; one more gets a one-line
 * refusal and is closed at once
 * @param maxConnectionsPerClient the most connections open at once from one client
 * address; 0 for no limit
 * @param maxConcurrentRequests the most requests in the handler at once; 0 for no limit
 * @param queueTimeout how long a request waits for a free slot under
 * max-concurrent-requests before it is answered busy
 * @param idleTimeout how long a connection may send nothing between requests before it is
 * closed; 0 for no limit
 * @param frameTimeout how long one request may take to arrive once its first byte has,
 * however slowly it trickles in; 0 for no limit
 * @param handlerTimeout how long the handler may take; then it is interrupted and the
 * client gets a timeout reply; 0 for no limit
 * @param writeTimeout how long writing one reply may take before the connection is closed
 * (a client that does not read); 0 for no limit
 * @param executor the threads that serve connections: virtual (one virtual thread each)
 * or platform (a bounded pool of max-threads)
 * @param maxThreads the size of the platform pool; one thread accepts, each connection
 * holds one
 * @param accessLog whether to log one line per request through the {@code tcp.access}
 * logger
 * @param proxyProtocol the PROXY protocol header required before the first request: off,
 * v1, v2 or any; its client address is the one handlers, logs and limits see
 * @param trustedProxies the load balancers allowed to connect when proxy-protocol is on
 * (CIDR blocks); required then, since anyone else could claim any address
 * @param proxyProtocolTimeout how long the PROXY header may take to arrive
 * @param allow the client addresses admitted (CIDR blocks); empty admits all
 * @param deny the client addresses refused (CIDR blocks); deny wins over allow
 * @param ssl TLS from a Spring Boot SSL bundle; plaintext without one
 * @param lengthField the length-field framing's layout: where the length is, its size,
 * encoding and byte order, and what it counts
 * @param delimited the delimited framing's start (optional) and end byte sequences
 * @param codec for the custom framing, the name of the bean that implements
 * dev.tcpgateway.framing.CustomFraming
 */
public record ListenerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0") int port,
		@DefaultValue("0.0.0.0") String bindAddress, @DefaultValue("crlf") Framing framing, @Nullable String handler,
		@DefaultValue("64KB") DataSize maxFrameSize, @DefaultValue("0") int backlog,
		@DefaultValue("0B") DataSize sendBufferSize, @DefaultValue("0s") Duration delay,
		@DefaultValue("10000") int maxConnections, @DefaultValue("0") int maxConnectionsPerClient,
		@DefaultValue("0") int maxConcurrentRequests, @DefaultValue("1s") Duration queueTimeout,
		@DefaultValue("5m") Duration idleTimeout, @DefaultValue("10s") Duration frameTimeout,
		@DefaultValue("30s") Duration handlerTimeout, @DefaultValue("10s") Duration writeTimeout,
		@DefaultValue("virtual") ExecutorKind executor, @DefaultValue("200") int maxThreads,
		@DefaultValue("false") boolean accessLog, @DefaultValue("off") ProxyProtocol proxyProtocol,
		@DefaultValue List<String> trustedProxies, @DefaultValue("3s") Duration proxyProtocolTimeout,
		@DefaultValue List<String> allow, @DefaultValue List<String> deny, @DefaultValue ListenerSslProperties ssl,
		@DefaultValue LengthFieldLayout lengthField, @DefaultValue DelimitedProperties delimited,
		@DefaultValue("") String codec) {

	ListenerProperties withDefaultHandler(String listenerName) {
		return (this.handler != null) ? this
				: new ListenerProperties(this.enabled, this.port, this.bindAddress, this.framing, listenerName,
						this.maxFrameSize, this.backlog, this.sendBufferSize, this.delay, this.maxConnections,
						this.maxConnectionsPerClient, this.maxConcurrentRequests, this.queueTimeout, this.idleTimeout,
						this.frameTimeout, this.handlerTimeout, this.writeTimeout, this.executor, this.maxThreads,
						this.accessLog, this.proxyProtocol, this.trustedProxies, this.proxyProtocolTimeout, this.allow,
						this.deny, this.ssl, this.lengthField, this.delimited, this.codec);
	}

	/** The handler bean's name, after the listener-name default was applied. */
	@Override
	public String handler() {
		return (this.handler != null) ? this.handler : "";
	}

}
