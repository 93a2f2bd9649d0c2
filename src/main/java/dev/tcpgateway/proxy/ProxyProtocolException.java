package dev.tcpgateway.proxy;

import java.io.IOException;

/** A PROXY protocol header that breaks the specification; the connection is closed. */
public class ProxyProtocolException extends IOException {

	public ProxyProtocolException(String reason) {
		super(reason);
	}

}
