package receiver

import (
	"os"
	"sync"

	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

// Saver appends every accepted export to a file as one OTLP JSON line, the
// format `open`, `print` and the Collector's file exporter share. Each line
// is written with one write call before the client gets its 200, so the
// operating system has it even if tracetui is killed.
type Saver struct {
	mu   sync.Mutex
	f    *os.File
	buf  []byte
	ptrs []*trace.Span
}

// OpenSaver opens (appending to) path.
func OpenSaver(path string) (*Saver, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	return &Saver{f: f}, nil
}

// Write appends one request line holding the traces' spans.
func (s *Saver) Write(traces []*trace.Trace) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ptrs = s.ptrs[:0]
	for _, t := range traces {
		for i := range t.Spans {
			s.ptrs = append(s.ptrs, &t.Spans[i])
		}
	}
	s.buf = append(otlpjson.AppendRequest(s.buf[:0], s.ptrs), '\n')
	_, err := s.f.Write(s.buf)
	return err
}

// Close syncs and closes the file.
func (s *Saver) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := s.f.Sync()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	s.f = nil
	return err
}
