package com.example.greeter;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.stereotype.Component;

/** Logs every connection the listeners accept and every one that ends. */
@Component
class ConnectionAudit {

	private static final Log logger = LogFactory.getLog(ConnectionAudit.class);

	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		logger.info("open " + event.getConnectionId() + " on " + event.getConnectionFactoryName());
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		logger.info("closed " + event.getConnectionId());
	}

}
