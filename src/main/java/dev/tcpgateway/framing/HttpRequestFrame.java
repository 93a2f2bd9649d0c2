package dev.tcpgateway.framing;

/**
 * One HTTP/1.x request: the raw bytes (head and body) and what the reply needs to know
 * about it.
 */
record HttpRequestFrame(byte[] bytes, boolean keepAlive, boolean headMethod, boolean http10) implements Frame.Request {

	@Override
	public boolean closeAfterReply() {
		return !this.keepAlive;
	}

}
