package dev.tcpgateway.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * What one instance publishes to another: a push to a name, a broadcast to a listener's
 * connections, or word that a name was taken elsewhere. A kind byte, the target (a name
 * or a listener) and the sending instance as length-prefixed UTF-8, then the payload as
 * is.
 *
 * @param kind what to do
 * @param target the connection name, or the listener of a broadcast
 * @param origin the instance that published it
 * @param payload the push's bytes; empty for {@link Kind#REPLACED}
 */
record ClusterMessage(Kind kind, String target, String origin, byte[] payload) {

	enum Kind {

		/** Push {@code payload} to the connection named {@code target}. */
		SEND,

		/** Push {@code payload} to every connection of listener {@code target}. */
		BROADCAST,

		/** Another instance took the name {@code target}: close the connection here. */
		REPLACED

	}

	byte[] encode() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(this.payload.length + 64);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(this.kind.ordinal());
			out.writeUTF(this.target);
			out.writeUTF(this.origin);
			out.write(this.payload);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** The message, or an exception when the bytes are not one. */
	static ClusterMessage decode(byte[] bytes) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
		int kind = in.readUnsignedByte();
		if (kind >= Kind.values().length) {
			throw new IOException("unknown message kind " + kind);
		}
		String target = in.readUTF();
		String origin = in.readUTF();
		int start = bytes.length - in.available();
		return new ClusterMessage(Kind.values()[kind], target, origin, Arrays.copyOfRange(bytes, start, bytes.length));
	}

}
