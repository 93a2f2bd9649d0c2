package dev.tcpgateway.support;

/**
 * The bytes one parse may allocate: {@code copies} times its limit (the input copied as
 * it is assembled and parsed) plus {@code constant} for what does not grow with the
 * input, an exception's stack trace above all.
 * <p>
 * While fuzzing, Jazzer's instrumentation allocates as well: the same 67-byte HTTP
 * request allocated 1,384 bytes in a plain run and 10,368 while fuzzing, with Jazzer's
 * hooks switched on or off alike. The bound then gains {@value #FUZZING_ALLOWANCE} bytes
 * per byte of limit, which still catches an allocation sized by a length the input
 * claims; plain runs hold every corpus input to the tight bound.
 */
public record AllocationBound(int copies, int constant) {

	static final int FUZZING_ALLOWANCE = 256;

	private static final boolean FUZZING = Boolean.parseBoolean(System.getProperty("jazzer.fuzz"))
			|| !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

	public long bytes(int limit) {
		long tight = (long) this.copies * limit + this.constant;
		return FUZZING ? tight + (long) FUZZING_ALLOWANCE * limit : tight;
	}

}
