package dev.tcpgateway.proxy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CidrTests {

	@Test
	void matchesAddressesInsideTheBlockOnly() {
		Cidr block = Cidr.parse("10.1.0.0/16");
		assertThat(block.contains(InetAddress.ofLiteral("10.1.255.7"))).isTrue();
		assertThat(block.contains(InetAddress.ofLiteral("10.2.0.1"))).isFalse();
		assertThat(Cidr.parse("192.168.1.7").contains(InetAddress.ofLiteral("192.168.1.7"))).isTrue();
		assertThat(Cidr.parse("192.168.1.7").contains(InetAddress.ofLiteral("192.168.1.8"))).isFalse();
		assertThat(Cidr.parse("10.0.0.0/9").contains(InetAddress.ofLiteral("10.127.0.1"))).isTrue();
		assertThat(Cidr.parse("10.0.0.0/9").contains(InetAddress.ofLiteral("10.128.0.1"))).isFalse();
		assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.ofLiteral("8.8.8.8"))).isTrue();
		assertThat(Cidr.parse("::1/128").contains(InetAddress.ofLiteral("::1"))).isTrue();
		assertThat(Cidr.parse("2001:db8::/32").contains(InetAddress.ofLiteral("2001:db8:ffff::1"))).isTrue();
		assertThat(Cidr.parse("2001:db8::/32").contains(InetAddress.ofLiteral("10.0.0.1"))).isFalse();
		// An IPv4 client seen through an IPv6 socket.
		assertThat(block.contains(InetAddress.ofLiteral("::ffff:10.1.2.3"))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "::1/129", "example.com", "10.0.0", "",
			"10.0.0.0/" })
	void refusesWhatIsNotABlock(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text));
	}

	@Test
	void denyWinsOverAllowAndAnEmptyAllowAdmitsEveryone() {
		AddressPolicy policy = AddressPolicy.of(List.of("127.0.0.0/8"), List.of("127.0.0.2"));
		assertThat(policy.admits(InetAddress.ofLiteral("127.0.0.1"))).isTrue();
		assertThat(policy.admits(InetAddress.ofLiteral("127.0.0.2"))).isFalse();
		assertThat(policy.admits(InetAddress.ofLiteral("10.0.0.1"))).isFalse();
		assertThat(AddressPolicy.of(List.of(), List.of("127.0.0.2")).admits(InetAddress.ofLiteral("10.0.0.1")))
			.isTrue();
	}

}
