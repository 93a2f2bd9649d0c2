package dev.tcpgateway.framing;

/**
 * One frame of the length-field framing: what the handler sees, and the bytes before the
 * length field, which the reply copies.
 */
record LengthFieldFrame(byte[] bytes, byte[] prefix) implements Frame.Request {

	@Override
	public boolean closeAfterReply() {
		return false;
	}

}
