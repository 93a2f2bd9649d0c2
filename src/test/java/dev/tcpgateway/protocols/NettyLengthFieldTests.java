package dev.tcpgateway.protocols;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.support.GatewayTest;
import dev.tcpgateway.support.RawClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The length-field matrix against Netty's own codecs: {@code LengthFieldPrepender} frames
 * each request (after the header bytes the layout puts before the field), the server
 * echoes the payload with one byte more, and {@code LengthFieldBasedFrameDecoder},
 * configured with the same offset, size, byte order and adjustment, cuts the reply. Sizes
 * 1, 2, 3, 4 and 8, both byte orders, offsets and negative adjustments (lengths that
 * count themselves or the whole frame).
 */
@GatewayTest
@Import(NettyLengthFieldTests.Echo.class)
class NettyLengthFieldTests {

	static final List<Layout> LAYOUTS = List.of(new Layout(0, 1, ByteOrder.BIG_ENDIAN, 0, false),
			new Layout(0, 2, ByteOrder.LITTLE_ENDIAN, -2, false), new Layout(2, 3, ByteOrder.BIG_ENDIAN, 0, false),
			new Layout(3, 4, ByteOrder.LITTLE_ENDIAN, -4, false), new Layout(0, 4, ByteOrder.BIG_ENDIAN, 0, false),
			new Layout(0, 8, ByteOrder.BIG_ENDIAN, -8, false), new Layout(1, 8, ByteOrder.LITTLE_ENDIAN, 0, false),
			new Layout(4, 2, ByteOrder.BIG_ENDIAN, -6, true), new Layout(2, 3, ByteOrder.LITTLE_ENDIAN, -5, true));

	@Autowired
	Environment environment;

	@DynamicPropertySource
	static void listeners(DynamicPropertyRegistry registry) {
		for (Layout layout : LAYOUTS) {
			String prefix = "tcp.listeners." + layout.listener() + ".";
			registry.add(prefix + "port", () -> 0);
			registry.add(prefix + "framing", () -> "length-field");
			registry.add(prefix + "handler", () -> "nettyEcho");
			registry.add(prefix + "length-field.offset", layout::offset);
			registry.add(prefix + "length-field.size", layout::size);
			registry.add(prefix + "length-field.byte-order",
					() -> (layout.order() == ByteOrder.BIG_ENDIAN) ? "big-endian" : "little-endian");
			registry.add(prefix + "length-field.adjustment", layout::adjustment);
			registry.add(prefix + "length-field.include-header", layout::includeHeader);
		}
	}

	@ParameterizedTest
	@FieldSource("LAYOUTS")
	void nettyFramesTheRequestAndCutsTheReply(Layout layout) throws IOException {
		int port = this.environment.getRequiredProperty("local.tcp.listeners." + layout.listener() + ".port",
				Integer.class);
		try (RawClient client = RawClient.connect(port)) {
			for (String text : List.of("hello netty", "", "a second request on the same connection")) {
				byte[] header = header(layout, text.length());
				byte[] payload = text.getBytes(StandardCharsets.UTF_8);
				client.send(request(layout, header, payload));
				ByteBuf reply = readFrame(layout, client.socket().getInputStream());
				try {
					assertThat(ByteBufUtil.getBytes(reply, 0, layout.offset())).as("header copied from the request")
						.isEqualTo(header);
					int payloadStart = layout.offset() + layout.size();
					assertThat(
							new String(ByteBufUtil.getBytes(reply, payloadStart, reply.readableBytes() - payloadStart),
									StandardCharsets.UTF_8))
						.isEqualTo(text + "!");
				}
				finally {
					reply.release();
				}
			}
		}
	}

	/** The header bytes before the length field, different for each request. */
	private static byte[] header(Layout layout, int seed) {
		byte[] header = new byte[layout.offset()];
		Arrays.fill(header, (byte) (0xA0 + seed));
		return header;
	}

	/**
	 * The header bytes, then Netty's length field and the payload. The prepender's length
	 * counts the payload, plus itself when the adjustment takes off its size, plus the
	 * header when the adjustment takes that off too.
	 */
	private static byte[] request(Layout layout, byte[] header, byte[] payload) {
		boolean countsItself = layout.adjustment() <= -layout.size();
		int extra = -layout.adjustment() - (countsItself ? layout.size() : 0);
		EmbeddedChannel channel = new EmbeddedChannel(
				new LengthFieldPrepender(layout.order(), layout.size(), extra, countsItself));
		channel.writeOutbound(Unpooled.wrappedBuffer(payload));
		ByteBuf framed = Unpooled.buffer().writeBytes(header);
		for (ByteBuf part; (part = channel.readOutbound()) != null; part.release()) {
			framed.writeBytes(part);
		}
		byte[] bytes = ByteBufUtil.getBytes(framed);
		framed.release();
		channel.finishAndReleaseAll();
		return bytes;
	}

	/** Feeds the socket's bytes to Netty's decoder until it has cut one frame. */
	private static ByteBuf readFrame(Layout layout, InputStream in) throws IOException {
		EmbeddedChannel channel = new EmbeddedChannel(new LengthFieldBasedFrameDecoder(layout.order(), 1 << 16,
				layout.offset(), layout.size(), layout.adjustment(), 0, true));
		ByteBuf frame;
		while ((frame = channel.readInbound()) == null) {
			int b = in.read();
			assertThat(b).as("the server closed before a whole frame").isNotNegative();
			channel.writeInbound(Unpooled.wrappedBuffer(new byte[] { (byte) b }));
		}
		assertThat(channel.finish()).as("no bytes beyond the frame").isFalse();
		return frame;
	}

	record Layout(int offset, int size, ByteOrder order, int adjustment, boolean includeHeader) {

		String listener() {
			return ("netty-" + this.offset + "-" + this.size + "-" + this.order + "-" + (-this.adjustment) + "-"
					+ this.includeHeader)
				.toLowerCase(Locale.ROOT)
				.replace('_', '-');
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Echo {

		/**
		 * Echoes with one more byte, so the reply's length differs from the request's.
		 * With include-header the request is the whole frame and so is the reply: its
		 * length field, copied from the request, is one short until the server corrects
		 * it.
		 */
		@Bean
		TcpHandler nettyEcho() {
			return (request) -> {
				byte[] reply = Arrays.copyOf(request.bytes(), request.bytes().length + 1);
				reply[reply.length - 1] = '!';
				return TcpReply.of(reply);
			};
		}

	}

}
