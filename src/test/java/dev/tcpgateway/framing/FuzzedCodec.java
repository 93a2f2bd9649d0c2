package dev.tcpgateway.framing;

import java.util.function.IntFunction;

/**
 * One codec under fuzz: its framing, the variant when the framing takes parameters, how
 * to build it for a {@code max-frame-size}, and what its encoding promises.
 */
record FuzzedCodec(Framing framing, String variant, IntFunction<FrameCodec> factory, RoundTrip roundTrip) {

	/** A framing without parameters. */
	static FuzzedCodec of(Framing framing, RoundTrip roundTrip) {
		return new FuzzedCodec(framing, "", framing::codec, roundTrip);
	}

	/** A framing with settings beyond {@code max-frame-size}. */
	static FuzzedCodec with(Framing framing, String variant, FramingOptions options, RoundTrip roundTrip) {
		return new FuzzedCodec(framing, variant, (maxFrameSize) -> framing.codec(maxFrameSize, options), roundTrip);
	}

	@Override
	public String toString() {
		return this.variant.isEmpty() ? this.framing.configName()
				: this.framing.configName() + " (" + this.variant + ")";
	}

}
