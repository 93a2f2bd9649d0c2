package dev.tcpgateway.gateway;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.tcpgateway.connection.ReplySlot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.support.management.micrometer.MicrometerMetricsCaptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway hands a request carrying a {@link ReplySlot} to its flow with that slot as
 * the reply channel, and falls back to Spring Integration's own exchange when the request
 * has no slot or the gateway is timed through Spring Integration's metrics.
 */
class DirectReplyInboundGatewayTests {

	private final AtomicReference<Object> replyChannelSeen = new AtomicReference<>();

	@Test
	void repliesThroughTheRequestsOwnSlot() {
		ReplySlot slot = new ReplySlot();
		Message<?> reply = gateway(false).exchange(request(slot));
		assertThat(reply).isNotNull();
		assertThat(reply.getPayload()).isEqualTo("echo PING");
		assertThat(this.replyChannelSeen.get()).isSameAs(slot);
		assertThat(slot.reply()).isSameAs(reply);
	}

	@Test
	void aRequestWithoutSlotTakesTheStockExchange() {
		Message<?> reply = gateway(false).exchange(new GenericMessage<>("PING"));
		assertThat(reply).isNotNull();
		assertThat(reply.getPayload()).isEqualTo("echo PING");
		assertThat(this.replyChannelSeen.get()).isNotNull().isNotInstanceOf(ReplySlot.class);
	}

	@Test
	void aTimedGatewayTakesTheStockExchangeSoItsTimerSeesEveryRequest() {
		ReplySlot slot = new ReplySlot();
		Message<?> reply = gateway(true).exchange(request(slot));
		assertThat(reply).isNotNull();
		assertThat(reply.getPayload()).isEqualTo("echo PING");
		assertThat(this.replyChannelSeen.get()).isNotSameAs(slot);
		assertThat(slot.reply()).isNull();
	}

	@Test
	void aOneWayRequestGetsNoReply() {
		ReplySlot slot = new ReplySlot();
		DirectChannel flow = new DirectChannel();
		flow.subscribe((message) -> {
		});
		ExchangingGateway gateway = new ExchangingGateway();
		gateway.setRequestChannel(flow);
		gateway.setReplyTimeout(0);
		// Never started: no socket is opened; the exchange is all that is tested.
		gateway.setConnectionFactory(new TcpNetServerConnectionFactory(0));
		gateway.setBeanFactory(new DefaultListableBeanFactory());
		gateway.afterPropertiesSet();
		assertThat(gateway.exchange(request(slot))).isNull();
	}

	private Message<String> request(ReplySlot slot) {
		return new GenericMessage<>("PING", Map.of(MessageHeaders.REPLY_CHANNEL, slot));
	}

	private ExchangingGateway gateway(boolean timed) {
		DirectChannel flow = new DirectChannel();
		flow.subscribe((message) -> {
			Object replyChannel = message.getHeaders().getReplyChannel();
			this.replyChannelSeen.set(replyChannel);
			((MessageChannel) replyChannel).send(new GenericMessage<>("echo " + message.getPayload()));
		});
		ExchangingGateway gateway = new ExchangingGateway();
		gateway.setRequestChannel(flow);
		// Never started: no socket is opened; the exchange is all that is tested.
		gateway.setConnectionFactory(new TcpNetServerConnectionFactory(0));
		gateway.setBeanFactory(new DefaultListableBeanFactory());
		gateway.setBeanName("gateway");
		if (timed) {
			gateway.registerMetricsCaptor(new MicrometerMetricsCaptor(new SimpleMeterRegistry()));
		}
		gateway.afterPropertiesSet();
		return gateway;
	}

	/** Opens the protected exchange to the test. */
	private static final class ExchangingGateway extends DirectReplyInboundGateway {

		Message<?> exchange(Message<?> request) {
			return sendAndReceiveMessage(request);
		}

	}

}
