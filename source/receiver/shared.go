package receiver

import (
	"bufio"
	"bytes"
	"net"
	"sync"
	"time"
)

// http2Preface opens every HTTP/2 connection. gRPC clients speak HTTP/2
// over cleartext from the first byte (prior knowledge), while OTLP/HTTP
// exporters speak HTTP/1.1, so these bytes alone tell the two apart.
var http2Preface = []byte("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")

// splitListener serves OTLP/HTTP and OTLP/gRPC on one port: `tracetui run`
// hands an app a single OTEL_EXPORTER_OTLP_ENDPOINT, and an SDK uses it
// for whichever protocol it was built or configured with. Each accepted
// connection is sniffed in its own goroutine (a client slow to send its
// first bytes holds up no other) and handed to one of two listeners.
type splitListener struct {
	ln        net.Listener
	http, rpc *chanListener
	sniffWait time.Duration
}

func newSplitListener(ln net.Listener, sniffWait time.Duration) *splitListener {
	s := &splitListener{ln: ln, http: newChanListener(ln), rpc: newChanListener(ln), sniffWait: sniffWait}
	go s.serve()
	return s
}

func (s *splitListener) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			s.http.close()
			s.rpc.close()
			return
		}
		go s.route(c)
	}
}

func (s *splitListener) route(c net.Conn) {
	c.SetReadDeadline(time.Now().Add(s.sniffWait))
	br := bufio.NewReaderSize(c, len(http2Preface))
	isH2 := true
	// Byte by byte: a short HTTP/1 request must not wait for 24 bytes.
	for n := 1; n <= len(http2Preface); n++ {
		b, err := br.Peek(n)
		if err != nil {
			c.Close()
			return
		}
		if !bytes.Equal(b, http2Preface[:n]) {
			isH2 = false
			break
		}
	}
	c.SetReadDeadline(time.Time{})
	conn := &peekedConn{Conn: c, r: br}
	if isH2 {
		s.rpc.deliver(conn)
	} else {
		s.http.deliver(conn)
	}
}

type peekedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *peekedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// chanListener is one side of a splitListener. Closing it (as a server's
// Shutdown does) closes the shared listener: both servers stop together.
type chanListener struct {
	parent net.Listener
	conns  chan net.Conn
	done   chan struct{}
	once   sync.Once
}

func newChanListener(parent net.Listener) *chanListener {
	return &chanListener{parent: parent, conns: make(chan net.Conn), done: make(chan struct{})}
}

func (l *chanListener) deliver(c net.Conn) {
	select {
	case l.conns <- c:
	case <-l.done:
		c.Close()
	}
}

func (l *chanListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *chanListener) close() { l.once.Do(func() { close(l.done) }) }

func (l *chanListener) Close() error {
	l.close()
	return l.parent.Close()
}

func (l *chanListener) Addr() net.Addr { return l.parent.Addr() }

// InFlight reports whether an export is being received or decoded: run's
// drain waits for none before it stops the receiver.
func (r *Receiver) InFlight() bool { return len(r.slots) > 0 || r.receiving.Load() > 0 }
