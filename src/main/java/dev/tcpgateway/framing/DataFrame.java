package dev.tcpgateway.framing;

/** One frame of a plain framing: its payload without delimiters or length header. */
record DataFrame(byte[] bytes) implements Frame.Request {

	@Override
	public boolean closeAfterReply() {
		return false;
	}

}
