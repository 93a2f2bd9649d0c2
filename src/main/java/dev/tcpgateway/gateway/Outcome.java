package dev.tcpgateway.gateway;

/**
 * How a request was answered: the {@code outcome} tag of {@code tcp.requests} and the
 * access log's field.
 */
enum Outcome {

	OK("ok"), ERROR("error"), TIMEOUT("timeout"), BUSY("busy"), BAD_FRAME("bad-frame");

	private final String tag;

	Outcome(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

}
