// Package fuzzstore serves fuzz inputs as a trace store's answers, so the
// store clients' whole decode path (status, content type, body) is fuzzed
// without a refactor that would open it up only for tests.
package fuzzstore

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Server answers every request with the current Body and Status.
type Server struct {
	*httptest.Server
	Body   []byte
	Status int
}

// New starts a server closed when the fuzz test ends. Fuzz calls run one at
// a time within a process, so the fields need no lock.
func New(tb testing.TB) *Server {
	s := &Server{Status: 200}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(s.Status)
		w.Write(s.Body)
	}))
	tb.Cleanup(s.Close)
	return s
}

// Set picks the status from the input's first byte (mostly 200, sometimes
// an error code) and serves the rest as the body.
func (s *Server) Set(in []byte) {
	s.Status, s.Body = 200, in
	if len(in) > 0 {
		switch in[0] % 16 {
		case 1:
			s.Status = 404
		case 2:
			s.Status = 500
		case 3:
			s.Status = 401
		}
		s.Body = in[1:]
	}
}
