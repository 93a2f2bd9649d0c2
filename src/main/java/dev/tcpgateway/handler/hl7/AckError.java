package dev.tcpgateway.handler.hl7;

/**
 * What an ERR segment says: a code from HL7 table 0357, where in the message the problem
 * is (a field of MSH, or nowhere in particular), and text for people.
 */
record AckError(int code, String name, int mshField, String text) {

	static final AckError NO_HEADER = new AckError(100, "Segment sequence error", 0,
			"the message does not start with a readable MSH segment");

	static final AckError NO_CONTROL_ID = new AckError(101, "Required field missing", 10,
			"MSH-10 (message control id) is empty");

	static AckError application(String text) {
		return new AckError(207, "Application internal error", -1, text);
	}

	/** ERR-3, for example {@code 207^Application internal error^HL70357}. */
	String code(char componentSeparator) {
		return this.code + "" + componentSeparator + this.name + componentSeparator + "HL70357";
	}

	/** ERR-2, for example {@code MSH^1^10}; empty when the whole message is meant. */
	String location(char componentSeparator) {
		if (this.mshField < 0) {
			return "";
		}
		String segment = "MSH" + componentSeparator + "1";
		return (this.mshField > 0) ? segment + componentSeparator + this.mshField : segment;
	}

}
