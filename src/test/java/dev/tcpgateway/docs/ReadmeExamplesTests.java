package dev.tcpgateway.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.tcpgateway.config.ListenerConfigurationValidator;
import dev.tcpgateway.config.TcpGatewayProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The README's examples work as written. A Java block, and a YAML or XML block marked
 * {@code <!-- samples/... -->}, is that file of the sample application, which
 * {@code ./mvnw verify} builds and tests against the jar just built; a Java block marked
 * {@code <!-- src/test/java/... -->} stands verbatim in that test source, which the build
 * compiles (fragments such as a single {@code @Bean} method). Every other YAML block
 * binds to the configuration as strictly as the server binds it (unknown keys fail) and
 * passes the server's checks; a block that starts indented holds one listener's settings.
 */
class ReadmeExamplesTests {

	private static final Pattern BLOCK = Pattern
		.compile("(?:<!-- ((?:samples|src/test/java)/\\S+) -->\\n)?```(java|yaml|xml)\\n(.*?)```", Pattern.DOTALL);

	/** What an indented YAML example (one listener's settings) stands under. */
	private static final String ONE_LISTENER = "tcp:\n  listeners:\n    example:\n";

	private static final Pattern VERSION = Pattern
		.compile("<artifactId>tcp-gateway</artifactId>\\s*<version>([^<]+)</version>");

	@Test
	void javaExamplesAreTheSampleApplicationsFiles() throws IOException {
		List<Example> java = examples("java");
		assertThat(java).as("Java examples in README.md").isNotEmpty();
		for (Example example : java) {
			assertThat(example.sample())
				.as("the file the Java example at line %d is from (<!-- samples/... --> or <!-- src/test/java/... -->)",
						example.line())
				.isNotNull();
			String source = Files.readString(Path.of(example.sample()));
			if (example.sample().startsWith("samples/")) {
				assertThat(example.text())
					.as("the example at line %d; copy %s into it", example.line(), example.sample())
					.isEqualTo(source);
			}
			else {
				assertThat(unindented(source))
					.as("%s holds the example at line %d as written", example.sample(), example.line())
					.contains(unindented(example.text()));
			}
		}
	}

	@Test
	void yamlExamplesAreTheSamplesOrBindToTheConfiguration() throws IOException {
		List<Example> yaml = examples("yaml");
		assertThat(yaml.stream().filter((example) -> example.sample() == null)).hasSizeGreaterThan(3);
		for (Example example : yaml) {
			if (example.sample() != null) {
				assertThat(example.text())
					.as("the example at line %d; copy %s into it", example.line(), example.sample())
					.isEqualTo(Files.readString(Path.of(example.sample())));
			}
			else {
				bind(example);
			}
		}
	}

	@Test
	void dependencyIsTheOneTheSampleUsesInThisVersion() throws IOException {
		List<Example> xml = examples("xml");
		assertThat(xml).hasSize(1);
		Example dependency = xml.get(0);
		String pom = Files.readString(Path.of(dependency.sample()));
		assertThat(collapse(pom)).contains(collapse(dependency.text()));
		Matcher version = VERSION.matcher(pom);
		assertThat(version.find()).isTrue();
		assertThat(version.group(1)).as("tcp-gateway's version in the sample").isEqualTo(projectVersion());
		assertThat(pom).as("the sample's Spring Boot")
			.contains("<version>" + SpringBootVersion.getVersion() + "</version>");
	}

	/** Binds one YAML example the way the server would read it, and checks it. */
	private static void bind(Example example) throws IOException {
		String yaml = example.text().startsWith(" ") ? ONE_LISTENER + example.text() : example.text();
		List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("README.md line " + example.line(),
				new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
		if (List.of(names(documents.get(0))).contains("apiVersion")) {
			bindKubernetesEnvironment(documents);
			return;
		}
		for (PropertySource<?> document : documents) {
			List<String> names = List.of(names(document));
			Binder binder = new Binder(ConfigurationPropertySources.from(document));
			for (String name : names) {
				assertThat(name).as("a key of the example at line %d", example.line())
					.matches("(tcp|spring\\.ssl|spring\\.data\\.redis)\\..*");
			}
			if (names.stream().anyMatch((name) -> name.startsWith("tcp."))) {
				ListenerConfigurationValidator
					.validate(strictly(binder, "tcp", Bindable.of(TcpGatewayProperties.class)));
			}
			if (names.stream().anyMatch((name) -> name.startsWith("spring.ssl."))) {
				strictly(binder, "spring.ssl", Bindable.ofInstance(new SslProperties()));
			}
			if (names.stream().anyMatch((name) -> name.startsWith("spring.data.redis."))) {
				strictly(binder, "spring.data.redis", Bindable.ofInstance(new DataRedisProperties()));
			}
		}
	}

	/**
	 * The Kubernetes manifest sets the server's settings as environment variables; each
	 * must reach the key it is meant for.
	 */
	private static void bindKubernetesEnvironment(List<PropertySource<?>> manifest) {
		Map<String, Object> variables = new HashMap<>();
		for (PropertySource<?> document : manifest) {
			for (String name : names(document)) {
				if (name.matches(".*\\.env\\[\\d+\\]\\.name")) {
					String value = name.substring(0, name.length() - "name".length()) + "value";
					variables.put((String) document.getProperty(name), document.getProperty(value));
				}
			}
		}
		assertThat(variables).containsOnlyKeys("TCP_SHUTDOWN_DRAIN_DELAY", "SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE");
		// Named like the system environment, so that Spring Boot maps the names as it
		// maps real environment variables.
		Binder binder = new Binder(ConfigurationPropertySources
			.from(new SystemEnvironmentPropertySource("kubernetes-systemEnvironment", variables)));
		// As in the server, unknown keys from the environment are not errors: the values
		// must arrive.
		TcpGatewayProperties properties = binder.bindOrCreate("tcp", TcpGatewayProperties.class);
		assertThat(properties.shutdown().drainDelay())
			.isEqualTo(DurationStyle.detectAndParse((String) variables.get("TCP_SHUTDOWN_DRAIN_DELAY")));
		assertThat(binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class).get()).isEqualTo(
				DurationStyle.detectAndParse((String) variables.get("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE")));
	}

	/**
	 * The text with each line's indentation removed: a fragment may sit deeper in its
	 * file.
	 */
	private static String unindented(String text) {
		return text.lines().map(String::strip).collect(Collectors.joining("\n"));
	}

	private static String[] names(PropertySource<?> document) {
		return ((EnumerablePropertySource<?>) document).getPropertyNames();
	}

	private static <T> T strictly(Binder binder, String prefix, Bindable<T> target) {
		return binder.bindOrCreate(prefix, target, new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
	}

	private static List<Example> examples(String language) throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		List<Example> examples = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(readme);
		while (matcher.find()) {
			if (matcher.group(2).equals(language)) {
				int line = (int) readme.substring(0, matcher.start()).lines().count() + 1;
				examples.add(new Example(line, matcher.group(1), matcher.group(3)));
			}
		}
		return examples;
	}

	private static String projectVersion() throws IOException {
		Properties build = new Properties();
		try (var in = new ClassPathResource("META-INF/tcp-gateway/build-info.properties").getInputStream()) {
			build.load(in);
		}
		String version = build.getProperty("build.version");
		if (version == null) {
			fail("no build.version in META-INF/tcp-gateway/build-info.properties");
		}
		return version;
	}

	private static String collapse(String xml) {
		return xml.replaceAll("\\s+", "");
	}

	private record Example(int line, String sample, String text) {
	}

}
