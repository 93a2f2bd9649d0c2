package dev.tcpgateway.protocols;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import dev.tcpgateway.handler.TcpHandler;
import dev.tcpgateway.handler.TcpReply;
import dev.tcpgateway.support.GatewayTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * j2mod's Modbus TCP master against the README's Modbus preset: the length field at
 * offset 4 counts the unit id and the PDU, which is what the handler sees and returns;
 * the transaction and protocol ids are copied into the reply by the server.
 */
@GatewayTest
@Import(ModbusTcpTests.HoldingRegisters.class)
@TestPropertySource(properties = { "tcp.listeners.modbus.port=0", "tcp.listeners.modbus.framing=length-field",
		"tcp.listeners.modbus.length-field.offset=4", "tcp.listeners.modbus.length-field.size=2",
		"tcp.listeners.modbus.max-frame-size=254B", "tcp.listeners.modbus.handler=holdingRegisters" })
class ModbusTcpTests {

	@Value("${local.tcp.listeners.modbus.port}")
	int port;

	@Test
	void readsHoldingRegisters() throws Exception {
		ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", this.port, 10_000, false);
		master.connect();
		try {
			Register[] registers = master.readMultipleRegisters(7, 100, 5);
			assertThat(registers).extracting(InputRegister::getValue).containsExactly(100, 101, 102, 103, 104);
			// A second transaction on the same connection: a new transaction id, echoed.
			Register[] more = master.readMultipleRegisters(7, 40000, 2);
			assertThat(more).extracting(InputRegister::getValue).containsExactly(40000, 40001);
		}
		finally {
			master.disconnect();
		}
	}

	@Test
	void anUnsupportedFunctionGetsAModbusException() throws Exception {
		ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", this.port, 10_000, false);
		master.connect();
		try {
			assertThatExceptionOfType(ModbusSlaveException.class).isThrownBy(() -> master.readInputRegisters(7, 0, 1))
				.satisfies((ex) -> assertThat(ex.getType()).isEqualTo(1));
		}
		finally {
			master.disconnect();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class HoldingRegisters {

		private static final int READ_HOLDING_REGISTERS = 0x03;

		private static final int ILLEGAL_FUNCTION = 0x01;

		/**
		 * Unit id and PDU in, unit id and PDU out. Function 0x03 answers each register
		 * with its own address; any other function gets exception 01 (illegal function).
		 */
		@Bean
		TcpHandler holdingRegisters() {
			return (request) -> {
				byte[] in = request.bytes();
				int function = in[1] & 0xFF;
				if (function != READ_HOLDING_REGISTERS) {
					return TcpReply.of(new byte[] { in[0], (byte) (function | 0x80), ILLEGAL_FUNCTION });
				}
				int address = ((in[2] & 0xFF) << 8) | (in[3] & 0xFF);
				int count = ((in[4] & 0xFF) << 8) | (in[5] & 0xFF);
				byte[] out = new byte[3 + 2 * count];
				out[0] = in[0];
				out[1] = (byte) function;
				out[2] = (byte) (2 * count);
				for (int i = 0; i < count; i++) {
					out[3 + 2 * i] = (byte) ((address + i) >>> 8);
					out[4 + 2 * i] = (byte) (address + i);
				}
				return TcpReply.of(out);
			};
		}

	}

}
