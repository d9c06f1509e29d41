package load

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

// signals is what an input held besides spans: the log records of its
// logs lines, and how many logs and metrics exports it had. `listen --save`
// and the Collector's file exporter write all three signals, one export a
// line, into the same kind of file.
type signals struct {
	logs                      []trace.LogRecord
	logExports, metricExports int
}

// signalLines diverts the logs and metrics lines of JSON lines input from
// the trace decoder: a line that opens with "resourceLogs" is decoded as
// logs, one with "resourceMetrics" is counted and skipped, and every other
// byte passes through. A diverted line reaches the trace decoder as its
// newline alone, so the lines its warnings name stay right; it never sees
// a line it would call "not OTLP JSON".
type signalLines struct {
	br      *bufio.Reader
	maxLine int64
	side    *signals
	ws      *source.Warnings
	atStart bool // the next byte begins a line
	line    int  // lines ended so far
	content bool // passed something other than whitespace
	err     error
}

func newSignalLines(r io.Reader, maxLine int64, side *signals, ws *source.Warnings) *signalLines {
	return &signalLines{br: bufio.NewReaderSize(r, 64<<10), maxLine: maxLine, side: side, ws: ws, atStart: true}
}

func (s *signalLines) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	for s.atStart {
		kind := s.lineKind()
		if kind == "" {
			s.atStart = false
			break
		}
		ended, err := s.divert(kind)
		if err != nil {
			s.err = err
			return 0, err
		}
		if ended {
			s.line++
			p[0] = '\n'
			return 1, nil
		}
		s.err = io.EOF
		return 0, io.EOF
	}
	if _, err := s.br.Peek(1); err != nil {
		return 0, err
	}
	chunk, _ := s.br.Peek(min(len(p), s.br.Buffered()))
	// Pass whole lines on until one may open with another signal's key
	// (it starts with "{", or its start is not buffered yet): a
	// pretty-printed document, whose inner lines are indented, then passes
	// in big reads, not line by line.
	for off := 0; ; {
		i := bytes.IndexByte(chunk[off:], '\n')
		if i < 0 {
			break
		}
		end := off + i + 1
		s.line++
		if rest := chunk[end:]; len(rest) == 0 || rest[0] == '{' {
			chunk = chunk[:end]
			s.atStart = true
			break
		}
		off = end
	}
	n := copy(p, chunk)
	s.br.Discard(n)
	if !s.content && len(bytes.TrimSpace(p[:n])) > 0 {
		s.content = true
	}
	return n, nil
}

// signalKeys are the first keys that mark a line as another signal's.
var signalKeys = []struct{ key, kind string }{
	{`"resourceLogs"`, "logs"}, {`"resource_logs"`, "logs"},
	{`"resourceMetrics"`, "metrics"}, {`"resource_metrics"`, "metrics"},
}

// lineKind looks at the start of the next line: "logs", "metrics", or ""
// for anything else (spans, a pretty-printed document, a blank line). A
// JSON lines writer starts each line with its "{", as the Collector and
// --save do.
func (s *signalLines) lineKind() string {
	head, _ := s.br.Peek(64)
	if len(head) == 0 || head[0] != '{' {
		return ""
	}
	head = bytes.TrimLeft(head[1:], " \t\r\n")
	for _, k := range signalKeys {
		if bytes.HasPrefix(head, []byte(k.key)) {
			return k.kind
		}
	}
	return ""
}

// divert consumes one logs or metrics line, reporting whether it ended
// with a newline (else the input ended). A logs line is held whole to be
// decoded, so it is bounded as any value a decoder holds.
func (s *signalLines) divert(kind string) (ended bool, err error) {
	var line []byte
	for {
		chunk, err := s.br.ReadSlice('\n')
		if kind == "logs" {
			if int64(len(line)+len(chunk)) > s.maxLine {
				return false, &source.ParseError{Line: s.line + 1, Offset: -1,
					Err: fmt.Errorf("a logs line over %d bytes: %w", s.maxLine, source.ErrValueTooBig)}
			}
			line = append(line, chunk...)
		}
		if err == nil {
			ended = true
			break
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != io.EOF {
			return false, err
		}
		break
	}
	if kind == "metrics" {
		s.side.metricExports++
		return ended, nil
	}
	s.side.logExports++
	var ws source.Warnings
	recs, err := otlpjson.DecodeLogs(bytes.NewReader(line), &ws)
	if err != nil {
		var pe *source.ParseError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		s.ws.Addf(s.line+1, -1, "a logs line that does not decode: %v (line skipped)", err)
		return ended, nil
	}
	for _, w := range ws.List() {
		s.ws.Addf(s.line+1, -1, "%s", w.Message)
	}
	s.side.logs = append(s.side.logs, recs...)
	return ended, nil
}

// attachLogs puts each log record with its trace, where the explorer's
// details pane shows it under its span, as `listen` does live. It returns
// how many records name a trace the inputs do not hold.
func attachLogs(byID map[trace.TraceID]*trace.Trace, logs []trace.LogRecord) (unattached int) {
	for _, l := range logs {
		if t := byID[l.TraceID]; t != nil && !l.SpanID.IsZero() {
			t.Logs = append(t.Logs, l)
		} else {
			unattached++
		}
	}
	return unattached
}
