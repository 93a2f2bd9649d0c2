// The tutorial's server shape, as the benchmark's reference peer: a goroutine per connection and an
// optional per-request delay. Two modes: close after each reply (as the tutorial does), or HTTP/1.1
// keep-alive with Content-Length. Standard library only; not hardened, not for production.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"strings"
	"time"
)

const reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 15\r\n\r\nHello, World!\r\n"

func main() {
	addr := flag.String("addr", "127.0.0.1:1829", "listen address")
	delay := flag.Duration("delay", 0, "processing time per request")
	keepAlive := flag.Bool("keepalive", true, "HTTP/1.1 keep-alive; false closes after each reply")
	flag.Parse()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		panic(err)
	}
	fmt.Println("listening on", listener.Addr())
	for {
		conn, err := listener.Accept()
		if err != nil {
			continue
		}
		go serve(conn, *delay, *keepAlive)
	}
}

func serve(conn net.Conn, delay time.Duration, keepAlive bool) {
	defer conn.Close()
	in := bufio.NewReader(conn)
	for {
		closeAfter := !keepAlive
		for { // read the request head up to the blank line
			line, err := in.ReadString('\n')
			if err != nil {
				return
			}
			if strings.EqualFold(strings.TrimSpace(line), "connection: close") {
				closeAfter = true
			}
			if line == "\r\n" || line == "\n" {
				break
			}
		}
		time.Sleep(delay)
		if _, err := conn.Write([]byte(reply)); err != nil || closeAfter {
			return
		}
	}
}
