package jaeger

import (
	"errors"
	"fmt"
	"io"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/jsonread"
	"github.com/tracetui/tracetui/trace"
)

// ErrNotJaeger reports JSON that holds no Jaeger trace or span.
var ErrNotJaeger = errors.New("not Jaeger JSON: no traces or spans found")

// APIError is an error the query service put in its envelope, such as
// {"code":404,"msg":"trace not found"}.
type APIError struct {
	Code    int
	Msg     string
	TraceID string
}

func (e *APIError) Error() string {
	if e.TraceID != "" {
		return fmt.Sprintf("Jaeger error %d for trace %s: %s", e.Code, e.TraceID, e.Msg)
	}
	return fmt.Sprintf("Jaeger error %d: %s", e.Code, e.Msg)
}

type decoder struct {
	r         *jsonread.Reader
	c         *trace.Collector
	ws        *source.Warnings
	resources map[string]*trace.Resource // embedded processes, by content
	scopes    map[[2]string]*trace.Scope
	apiErrs   []*APIError
	spans     int
	sawJaeger bool
	warned    map[string]bool
}

// DecodeV1 reads every JSON value in r: the envelope {"data": [...]}, a
// bare trace {"traceID", "spans", "processes"}, an array of traces, or a
// flat array of spans with embedded processes. Spans of one trace object
// are held until its end, because "processes" may follow "spans".
func DecodeV1(r io.Reader, c *trace.Collector, ws *source.Warnings) error {
	d := &decoder{r: jsonread.New(r), c: c, ws: ws, resources: map[string]*trace.Resource{},
		scopes: map[[2]string]*trace.Scope{}, warned: map[string]bool{}}
	values := 0
	for d.r.Kind() != 0 {
		var err error
		switch d.r.Kind() {
		case '{':
			err = d.readObject()
		case '[':
			err = d.r.Array(d.readElement)
		default:
			if values == 0 {
				return &source.ParseError{Offset: d.r.Offset(), Err: ErrNotJaeger}
			}
			err = errors.New("expected another JSON object or array")
		}
		if err != nil {
			return d.r.Positioned(err)
		}
		values++
	}
	if _, err := d.r.Dec.ReadToken(); err != io.EOF {
		return d.r.Positioned(err)
	}
	if d.spans == 0 {
		if len(d.apiErrs) > 0 {
			return d.apiErrs[0]
		}
		if values == 0 {
			return &source.ParseError{Offset: 0, Err: errors.New("empty input")}
		}
		if !d.sawJaeger {
			return &source.ParseError{Offset: 0, Err: ErrNotJaeger}
		}
	}
	for _, e := range d.apiErrs {
		d.ws.Addf(0, -1, "%v", e)
	}
	return nil
}

func (d *decoder) readElement() error {
	switch d.r.Kind() {
	case '{':
		return d.readObject()
	case '[':
		return d.r.Array(d.readElement)
	}
	return d.r.Skip()
}

// readObject reads a trace, a span, or an envelope; their keys tell them
// apart, in whatever order they come.
func (d *decoder) readObject() error {
	var (
		sp              pendingSpan
		spans           []pendingSpan
		processes       map[string]*trace.Resource
		isSpan, isTrace bool
		traceWarnings   []string
	)
	err := d.r.Object(func(name string) error {
		switch name {
		case "data":
			d.sawJaeger = true
			return d.readElement()
		case "errors":
			return d.r.Array(d.readAPIError)
		case "spans":
			isTrace = true
			return d.r.Array(func() error {
				if d.r.Kind() != '{' {
					return d.r.Skip()
				}
				var p pendingSpan
				err := d.r.Object(func(name string) error { return d.spanField(&p, name) })
				spans = append(spans, p)
				return err
			})
		case "processes":
			isTrace = true
			processes = map[string]*trace.Resource{}
			return d.r.Object(func(pid string) error {
				res, err := d.readProcess()
				processes[pid] = res
				return err
			})
		case "warnings":
			ws, err := d.readStrings()
			traceWarnings = append(traceWarnings, ws...)
			return err
		case "traceID":
			return d.spanField(&sp, name) // a trace's is repeated in its spans

		}
		if isSpanField(name) {
			isSpan = true
			return d.spanField(&sp, name)
		}
		return d.r.Skip()
	})
	if err != nil {
		return err
	}
	for _, w := range traceWarnings {
		d.ws.Addf(0, -1, "Jaeger: %s", w)
	}
	if isSpan && !isTrace {
		spans = append(spans, sp)
	}
	if isSpan || isTrace {
		d.sawJaeger = true
	}
	for i := range spans {
		d.emit(&spans[i], processes)
	}
	return nil
}

func (d *decoder) readAPIError() error {
	e := &APIError{}
	err := d.r.Object(func(name string) error {
		var err error
		switch name {
		case "code":
			var n int64
			n, err = d.r.Int()
			e.Code = int(n)
		case "msg":
			e.Msg, err = d.r.String()
		case "traceID":
			e.TraceID, err = d.r.String()
		default:
			err = d.r.Skip()
		}
		return err
	})
	d.apiErrs = append(d.apiErrs, e)
	return err
}

func (d *decoder) readStrings() ([]string, error) {
	var out []string
	err := d.r.Array(func() error {
		s, err := d.r.String()
		if s != "" {
			out = append(out, s)
		}
		return err
	})
	return out, err
}

func (d *decoder) warnOnce(msg string) {
	if !d.warned[msg] {
		d.warned[msg] = true
		d.ws.Addf(0, d.r.Offset(), "%s", msg)
	}
}
