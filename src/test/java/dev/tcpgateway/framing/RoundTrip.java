package dev.tcpgateway.framing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.tcpgateway.support.SocketLikeInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a framing promises about a frame it decoded when that frame is encoded again (the
 * reply of an echo handler) and read back.
 */
enum RoundTrip {

	/**
	 * Only one encoding per payload: the reply is byte for byte the frame as read (LF,
	 * NUL, STX/ETX, length headers).
	 */
	CANONICAL {
		@Override
		void check(FrameCodec codec, Frame.Request request, byte[] read) throws IOException {
			byte[] encoded = FrameReading.written(codec, codec.reply(request, request.bytes(), false));
			assertThat(encoded).as("the echo of a frame, encoded").isEqualTo(read);
			SAME_PAYLOAD.check(codec, request, read);
		}
	},

	/**
	 * More than one encoding per payload (CRLF also reads a bare LF): the reply reads
	 * back as the same payload, and as one frame.
	 */
	SAME_PAYLOAD {
		@Override
		void check(FrameCodec codec, Frame.Request request, byte[] read) throws IOException {
			byte[] encoded = FrameReading.written(codec, codec.reply(request, request.bytes(), false));
			SocketLikeInputStream in = new SocketLikeInputStream(encoded, 0);
			Frame again = codec.deserializer().deserialize(in);
			assertThat(again).as("the echo of a frame, read back").isInstanceOf(Frame.Request.class);
			assertThat(((Frame.Request) again).bytes()).as("the payload read back").isEqualTo(request.bytes());
			assertThat(in.exhausted()).as("the echo read back is one frame").isTrue();
		}
	},

	/**
	 * HTTP: the request's bytes are a request of their own that reads back the same, and
	 * an echo reply is a response whose Content-Length body is exactly those bytes.
	 */
	HTTP_ECHO {
		@Override
		void check(FrameCodec codec, Frame.Request request, byte[] read) throws IOException {
			HttpRequestFrame frame = (HttpRequestFrame) request;
			assertThat(read).as("the bytes read").endsWith(frame.bytes());
			assertThat(new String(read, 0, read.length - frame.bytes().length, StandardCharsets.ISO_8859_1))
				.as("what the request leaves out of the bytes read")
				.matches("[\r\n]*");
			SocketLikeInputStream in = new SocketLikeInputStream(frame.bytes(), 0);
			Frame again = codec.deserializer().deserialize(in);
			assertThat(again).as("the request read back").isInstanceOf(HttpRequestFrame.class);
			HttpRequestFrame second = (HttpRequestFrame) again;
			assertThat(second.bytes()).isEqualTo(frame.bytes());
			assertThat(second).usingRecursiveComparison().isEqualTo(frame);
			assertThat(in.exhausted()).as("the request read back is one request").isTrue();
			String response = new String(FrameReading.written(codec, codec.reply(frame, frame.bytes(), false)),
					StandardCharsets.ISO_8859_1);
			int headEnd = response.indexOf("\r\n\r\n") + 4;
			assertThat(response.substring(0, headEnd)).startsWith("HTTP/1.1 200 OK\r\n")
				.contains("\r\nContent-Length: " + frame.bytes().length + "\r\n");
			String body = frame.headMethod() ? "" : new String(frame.bytes(), StandardCharsets.ISO_8859_1);
			assertThat(response.substring(headEnd)).as("the echo's body").isEqualTo(body);
		}
	};

	/** {@code read} is what the deserializer took off the stream for {@code request}. */
	abstract void check(FrameCodec codec, Frame.Request request, byte[] read) throws IOException;

}
