package dev.tcpgateway.connection;

import dev.tcpgateway.accept.PreboundSocketFactorySupport;

import org.springframework.integration.ip.dsl.TcpServerConnectionFactorySpec;

/**
 * The Java DSL spec for {@link GatewayServerConnectionFactory}, so a listener's flow is
 * still built with {@code Tcp.inboundGateway(spec)} and the factory registered with the
 * flow.
 */
public final class GatewayServerFactorySpec
		extends TcpServerConnectionFactorySpec<GatewayServerFactorySpec, GatewayServerConnectionFactory> {

	private GatewayServerFactorySpec(GatewayServerConnectionFactory factory) {
		super(factory);
	}

	/**
	 * A server factory for {@code port} whose connections and listening socket come from
	 * the given supports.
	 */
	public static GatewayServerFactorySpec create(int port, GatewayConnectionSupport connections,
			PreboundSocketFactorySupport sockets) {
		GatewayServerConnectionFactory factory = new GatewayServerConnectionFactory(port);
		factory.setTcpNetConnectionSupport(connections);
		factory.setTcpSocketFactorySupport(sockets);
		factory.setMapper(new GatewayMessageMapper());
		return new GatewayServerFactorySpec(factory);
	}

}
