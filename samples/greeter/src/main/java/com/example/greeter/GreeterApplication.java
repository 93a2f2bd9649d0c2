package com.example.greeter;

import java.util.function.Function;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class GreeterApplication {

	/** A plain function is a handler too: each request's text in, the reply's text out. */
	@Bean
	Function<String, String> reverse() {
		return (text) -> new StringBuilder(text).reverse().toString();
	}

	public static void main(String[] args) {
		SpringApplication.run(GreeterApplication.class, args);
	}

}
