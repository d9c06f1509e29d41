package otlpjson

import (
	"bytes"
	"strings"
)

// readTop reads one top-level value: a request, an array of requests, or a
// store's wrapper around one. It returns ErrNotOTLP for JSON that has no
// resourceSpans anywhere (a Jaeger or Zipkin file, say).
func (d *decoder) readTop(outer bool) error {
	switch d.dec.PeekKind() {
	case '{':
		found, err := d.readRequest()
		if err != nil {
			return err
		}
		if !found {
			return ErrNotOTLP
		}
		return nil
	case '[':
		if !outer {
			return ErrNotOTLP
		}
		d.expectArray()
		for d.more() {
			if err := d.readTop(false); err != nil {
				return err
			}
		}
		return d.end()
	}
	if err := d.dec.SkipValue(); err != nil {
		return err
	}
	return ErrNotOTLP
}

// readRequest reads an ExportTraceServiceRequest/TracesData object, or a
// wrapper around one: Jaeger api_v3's {"result": …}, Tempo's
// {"trace": …, "status": "PARTIAL"} and {"batches": […]}.
func (d *decoder) readRequest() (found bool, err error) {
	d.expectObject()
	for d.more() {
		switch string(d.name()) {
		case "resourceSpans", "resource_spans", "batches":
			found = true
			err = d.readResourceSpansList()
		case "result", "trace":
			if d.dec.PeekKind() != '{' {
				err = d.dec.SkipValue()
				break
			}
			var inner bool
			inner, err = d.readRequest()
			found = found || inner
		case "status":
			v, rerr := d.dec.ReadValue()
			err = rerr
			if rerr == nil && v.Kind() == '"' && strings.EqualFold(string(d.rawString(v)), "PARTIAL") {
				d.warnf("the store returned a partial trace (status PARTIAL): some spans are missing")
			}
		case "message":
			v, rerr := d.dec.ReadValue()
			err = rerr
			if rerr == nil && v.Kind() == '"' && len(v) > 2 {
				d.warnf("the store says: %s", d.rawString(v))
			}
		default:
			err = d.dec.SkipValue()
		}
		if err != nil {
			return found, err
		}
	}
	return found, d.end()
}

// The primitives below keep the first error in d.err so loops can simply
// run `for d.more()` and check once at the end.

func (d *decoder) expectObject() bool { return d.expect('{') }
func (d *decoder) expectArray() bool  { return d.expect('[') }

func (d *decoder) expect(k byte) bool {
	if d.err != nil || byte(d.dec.PeekKind()) != k {
		return false
	}
	if _, err := d.dec.ReadToken(); err != nil {
		d.err = err
		return false
	}
	return true
}

// skipped skips a value that has the wrong JSON type for its field: real
// producers send null for empty lists, so this is not an error.
func (d *decoder) skipped() error {
	if d.err != nil {
		return d.err
	}
	return d.dec.SkipValue()
}

func (d *decoder) more() bool {
	if d.err != nil {
		return false
	}
	k := d.dec.PeekKind()
	return k != '}' && k != ']' && k != 0
}

// name reads an object member's name. Every caller compares it with ASCII
// names only, so one without escapes is returned as it is: a name with
// bytes that are not UTF-8 matches none before or after rawString's fix.
func (d *decoder) name() []byte {
	v, err := d.dec.ReadValue()
	if err != nil {
		d.err = err
		return nil
	}
	if len(v) >= 2 && v[0] == '"' && bytes.IndexByte(v[1:len(v)-1], '\\') < 0 {
		return v[1 : len(v)-1]
	}
	return d.rawString(v)
}

func (d *decoder) end() error {
	if d.err != nil {
		return d.err
	}
	_, err := d.dec.ReadToken()
	return err
}

func (d *decoder) warnf(format string, args ...any) {
	off := d.base + d.dec.InputOffset()
	d.ws.Addf(d.line(off), off, format, args...)
}

// warnOnce warns about a kind of oddity the first time only; Warnings
// would fold repeats, but formatting a million messages costs time.
func (d *decoder) warnOnce(done *bool, format string, args ...any) {
	if *done {
		return
	}
	*done = true
	d.warnf(format, args...)
}
