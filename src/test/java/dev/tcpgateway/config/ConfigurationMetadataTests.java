package dev.tcpgateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDEs complete and explain every tcp.* key: the generated metadata has a description for
 * each.
 */
class ConfigurationMetadataTests {

	@Test
	void describesEveryKey() throws IOException {
		Map<String, String> descriptions = descriptions("META-INF/spring-configuration-metadata.json");
		descriptions.putAll(descriptions("META-INF/additional-spring-configuration-metadata.json"));
		List<String> keys = Arrays.stream(ListenerProperties.class.getRecordComponents())
			.map((component) -> component.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))
			.toList();
		for (String listener : List.of("hello", "commands")) {
			for (String key : keys) {
				assertThat(descriptions.get("tcp.listeners." + listener + "." + key)).as(key).isNotBlank();
			}
		}
		assertThat(descriptions.get("tcp.listeners")).isNotBlank();
		assertThat(descriptions.get("tcp.commands.max-sleep")).isNotBlank();
		assertThat(descriptions.get("tcp.built-in-listeners")).isNotBlank();
		assertThat(descriptions.get("tcp.memory.max-buffered")).isNotBlank();
		assertThat(descriptions.get("tcp.push.max-queued-bytes")).isNotBlank();
		assertThat(descriptions.get("tcp.cluster.redis.enabled")).isNotBlank();
		assertThat(descriptions.get("tcp.cluster.name-ttl")).isNotBlank();
		assertThat(descriptions.get("tcp.cluster.instance-id")).isNotBlank();
	}

	private static Map<String, String> descriptions(String path) throws IOException {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			JsonNode root = JsonMapper.builder().build().readTree(in);
			return root.get("properties")
				.valueStream()
				.collect(Collectors.toMap((property) -> property.get("name").asString(),
						(property) -> property.path("description").asString("")));
		}
	}

}
