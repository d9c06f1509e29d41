package receiver

import (
	"log"
	"strings"
)

// serverLog is the ErrorLog of one of the receiver's HTTP servers.
// net/http logs there what goes wrong below a request: a TLS handshake
// from a client speaking plain HTTP to the New Relic port, a connection
// it could not accept. Left at its default it writes Go's raw
// "2026/11/30 12:00:00 http: TLS handshake error…" to stderr, across a
// live view. Here each line is counted in Stats (ConnErrors, with the
// latest as ConnErrorLast, named for its server) for the caller to say
// in its own words and pace.
func (r *Receiver) serverLog(name string) *log.Logger {
	return log.New(logSink(func(msg string) {
		msg = strings.TrimPrefix(strings.TrimSpace(msg), "http: ")
		r.store.connError(name + ": " + msg)
	}), "", 0)
}

type logSink func(string)

func (f logSink) Write(p []byte) (int, error) {
	f(string(p))
	return len(p), nil
}

func (s *Store) connError(msg string) {
	s.mu.Lock()
	s.connErrors++
	s.connErrorLast = msg
	s.mu.Unlock()
}
