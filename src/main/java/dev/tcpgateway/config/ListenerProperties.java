package dev.tcpgateway.config;

import java.time.Duration;

import dev.tcpgateway.framing.Framing;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * One TCP listener: where it listens, how it frames requests, which bean answers them, and its
 * bounds. The defaults are production defaults, not Spring Integration's (backlog 5, 2 KB frames).
 *
 * @param enabled whether the listener runs; false switches off a built-in one
 * @param port the TCP port; 0 picks a free one (logged at startup)
 * @param bindAddress the local address to listen on; 0.0.0.0 for every IPv4 interface, :: for all
 * @param framing how requests are cut out of the byte stream and replies framed: crlf, lf, stx-etx,
 * length-header-1, length-header-2, length-header-4, null-terminated or http
 * @param handler the name of the bean that computes replies (a TcpHandler or a Function<String,
 * String>); defaults to the listener's name
 * @param maxFrameSize the largest request accepted; a larger one gets an error reply and the
 * connection is closed. Nothing larger is ever buffered
 * @param backlog how many connections the operating system queues before they are accepted
 * (capped by net.core.somaxconn)
 * @param sendBufferSize the socket send buffer, which also sizes the per-connection output buffer;
 * the operating system's loopback default (megabytes) costs too much memory per connection
 * @param delay artificial processing time before each reply, like the tutorial's sleep; use it to
 * simulate a slow backend
 */
public record ListenerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0") int port, @DefaultValue("0.0.0.0") String bindAddress,
		@DefaultValue("crlf") Framing framing, @Nullable String handler, @DefaultValue("64KB") DataSize maxFrameSize,
		@DefaultValue("1024") int backlog, @DefaultValue("8KB") DataSize sendBufferSize,
		@DefaultValue("0s") Duration delay) {

	ListenerProperties withDefaultHandler(String listenerName) {
		return (this.handler != null) ? this : new ListenerProperties(this.enabled, this.port, this.bindAddress, this.framing,
				listenerName, this.maxFrameSize, this.backlog, this.sendBufferSize, this.delay);
	}

	/** The handler bean's name, after the listener-name default was applied. */
	@Override
	public String handler() {
		return (this.handler != null) ? this.handler : "";
	}

}
