package dev.tcpgateway.session;

/** Why the session side ends a connection. */
public enum SessionEnd {

	/** Another connection took its name. */
	REPLACED,

	/** Closed through {@link TcpConnections#close}. */
	CLOSED_BY_SERVER

}
