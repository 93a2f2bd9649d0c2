// The tutorial's server shape, as the benchmark's reference peer: a goroutine per connection and an
// optional per-request delay. Two modes: close after each reply (as the tutorial does), or HTTP/1.1
// keep-alive with Content-Length. With -cert and -key it serves the same over crypto/tls with Go's
// defaults (TLS 1.3 and 1.2, session tickets on), and on SIGTERM or SIGINT prints how many
// handshakes were full and how many resumed a session. Standard library only; not hardened, not
// for production.
package main

import (
	"bufio"
	"crypto/tls"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

const reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 15\r\n\r\nHello, World!\r\n"

var fullHandshakes, resumedHandshakes atomic.Int64

func main() {
	addr := flag.String("addr", "127.0.0.1:1829", "listen address")
	delay := flag.Duration("delay", 0, "processing time per request")
	keepAlive := flag.Bool("keepalive", true, "HTTP/1.1 keep-alive; false closes after each reply")
	certFile := flag.String("cert", "", "PEM certificate chain: serve TLS (with -key)")
	keyFile := flag.String("key", "", "PEM private key of -cert")
	flag.Parse()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		panic(err)
	}
	if *certFile != "" {
		certificate, err := tls.LoadX509KeyPair(*certFile, *keyFile)
		if err != nil {
			panic(err)
		}
		listener = tls.NewListener(listener, &tls.Config{Certificates: []tls.Certificate{certificate}})
		go reportHandshakesOnExit()
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
	if secure, ok := conn.(*tls.Conn); ok {
		// Go would handshake on the first read anyway; doing it first lets it be counted.
		if err := secure.Handshake(); err != nil {
			return
		}
		if secure.ConnectionState().DidResume {
			resumedHandshakes.Add(1)
		} else {
			fullHandshakes.Add(1)
		}
	}
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

func reportHandshakesOnExit() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	<-signals
	fmt.Printf("handshakes full=%d resumed=%d\n", fullHandshakes.Load(), resumedHandshakes.Load())
	os.Exit(0)
}
