package dev.tcpgateway.framing;

import org.jspecify.annotations.Nullable;

/**
 * The parts of a request head that decide framing and connection reuse, or the problem
 * that makes the head unusable.
 */
record HttpHead(@Nullable Problem problem, long contentLength, boolean keepAlive, boolean headMethod, boolean http10) {

	private static final HttpHead MALFORMED = rejected(Problem.MALFORMED);

	private static HttpHead rejected(Problem problem) {
		return new HttpHead(problem, 0, false, false, false);
	}

	/**
	 * Walks the head line by line by index, without cutting it into strings: splitting it
	 * into arrays and lower-casing every header name cost about 6% of a keep-alive
	 * request's CPU time, and a substring per line and per field value another 5% of its
	 * allocation.
	 */
	static HttpHead parse(String head) {
		int lineEnd = lineEnd(head, 0);
		int requestLineEnd = withoutCr(head, 0, lineEnd);
		int firstSpace = head.indexOf(' ', 0, requestLineEnd);
		int secondSpace = (firstSpace < 0) ? -1 : head.indexOf(' ', firstSpace + 1, requestLineEnd);
		if (secondSpace < 0 || head.indexOf(' ', secondSpace + 1, requestLineEnd) >= 0) {
			return MALFORMED;
		}
		if (!isToken(head, 0, firstSpace) || !isTarget(head, firstSpace + 1, secondSpace)) {
			return MALFORMED;
		}
		boolean http10 = is(head, secondSpace + 1, requestLineEnd, "HTTP/1.0");
		if (!http10 && !is(head, secondSpace + 1, requestLineEnd, "HTTP/1.1")) {
			return MALFORMED;
		}
		long contentLength = 0;
		boolean sawLength = false;
		boolean close = false;
		boolean keepAliveToken = false;
		for (int start = lineEnd + 1; start < head.length(); start = lineEnd + 1) {
			lineEnd = lineEnd(head, start);
			int end = withoutCr(head, start, lineEnd);
			if (end == start) {
				continue;
			}
			int colon = head.indexOf(':', start, end);
			if (colon <= start || !isToken(head, start, colon)) {
				return MALFORMED;
			}
			int valueStart = skipWhitespace(head, colon + 1, end);
			int valueEnd = trimWhitespace(head, valueStart, end);
			if (!isFieldValue(head, valueStart, valueEnd)) {
				return MALFORMED;
			}
			if (isName(head, start, colon, "content-length")) {
				long length = parseLength(head, valueStart, valueEnd);
				if (length < 0 || (sawLength && length != contentLength)) {
					return MALFORMED;
				}
				contentLength = length;
				sawLength = true;
			}
			else if (isName(head, start, colon, "transfer-encoding")) {
				return rejected(Problem.NOT_IMPLEMENTED);
			}
			else if (isName(head, start, colon, "connection")) {
				for (int token = valueStart; token <= valueEnd; token++) {
					int comma = head.indexOf(',', token, valueEnd);
					int tokenEnd = (comma < 0) ? valueEnd : comma;
					int from = skipWhitespace(head, token, tokenEnd);
					int to = trimWhitespace(head, from, tokenEnd);
					close |= isName(head, from, to, "close");
					keepAliveToken |= isName(head, from, to, "keep-alive");
					token = tokenEnd;
				}
			}
		}
		boolean keepAlive = http10 ? keepAliveToken && !close : !close;
		boolean headMethod = is(head, 0, firstSpace, "HEAD");
		return new HttpHead(null, contentLength, keepAlive, headMethod, http10);
	}

	private static int lineEnd(String head, int start) {
		int newline = head.indexOf('\n', start);
		return (newline < 0) ? head.length() : newline;
	}

	/** The end of the line from {@code start} to {@code end} without one final CR. */
	private static int withoutCr(String head, int start, int end) {
		return (end > start && head.charAt(end - 1) == '\r') ? end - 1 : end;
	}

	/** Where the whitespace from {@code from} ends, as {@link String#strip()} sees it. */
	private static int skipWhitespace(String head, int from, int to) {
		while (from < to && Character.isWhitespace(head.charAt(from))) {
			from++;
		}
		return from;
	}

	private static int trimWhitespace(String head, int from, int to) {
		while (to > from && Character.isWhitespace(head.charAt(to - 1))) {
			to--;
		}
		return to;
	}

	/** Whether the text from {@code from} to {@code to} is exactly {@code text}. */
	private static boolean is(String head, int from, int to, String text) {
		return to - from == text.length() && head.startsWith(text, from);
	}

	/** Whether the text from {@code from} to {@code to} is {@code name} in any case. */
	private static boolean isName(String head, int from, int to, String name) {
		return to - from == name.length() && head.regionMatches(true, from, name, 0, name.length());
	}

	/**
	 * Digits only, and few enough to fit a long: "+5", "-1" and "5, 5" are all refused.
	 */
	private static long parseLength(String head, int from, int to) {
		if (from == to || to - from > 18) {
			return -1;
		}
		long length = 0;
		for (int i = from; i < to; i++) {
			char c = head.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			length = length * 10 + (c - '0');
		}
		return length;
	}

	private static boolean isToken(String head, int from, int to) {
		if (from == to) {
			return false;
		}
		for (int i = from; i < to; i++) {
			char c = head.charAt(i);
			boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
			if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isTarget(String head, int from, int to) {
		if (from == to) {
			return false;
		}
		for (int i = from; i < to; i++) {
			char c = head.charAt(i);
			if (c <= ' ' || c >= 0x7F) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Visible characters, spaces, tabs and obs-text; no other control characters (a lone
	 * CR included).
	 */
	private static boolean isFieldValue(String head, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = head.charAt(i);
			if ((c < ' ' && c != '\t') || c == 0x7F) {
				return false;
			}
		}
		return true;
	}

}
