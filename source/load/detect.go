package load

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/jaeger"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/otlpproto"
	"github.com/tracetui/tracetui/source/zipkin"
	"github.com/tracetui/tracetui/trace"
)

// sniffSize is how much of the input detection may look at; enough for a
// protobuf walk to tell a message from noise.
const sniffSize = 64 << 10

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
	utf8BOM   = []byte{0xef, 0xbb, 0xbf}
)

// Format names a detected input format.
type Format string

const (
	FormatOTLPJSON        Format = "OTLP JSON"
	FormatOTLPProto       Format = "OTLP protobuf"
	FormatOTLPProtoFramed Format = "OTLP protobuf (length-prefixed)"
	FormatUnknown         Format = "unknown"
)

// decode detects the format of r and decodes it into c. size is the input
// size when known (a file), else -1; gzip makes it unknown.
func decode(r io.Reader, size int64, c *trace.Collector, ws *source.Warnings, maxValue int64, side *signals) error {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			// A corrupt gzip stream fails its first read: that is not an empty file.
			return &source.ParseError{Offset: 0, Err: fmt.Errorf("cannot read: %v", err)}
		}
		return &source.ParseError{Offset: 0, Err: errors.New("empty file")}
	}
	switch {
	case bytes.HasPrefix(head, gzipMagic):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return &source.ParseError{Offset: 0, Err: fmt.Errorf("bad gzip header: %v", err)}
		}
		zr.Multistream(true)
		err = decode(gzipErrors{zr}, -1, c, ws, maxValue, side)
		var pe *source.ParseError
		if errors.As(err, &pe) {
			pe.Err = fmt.Errorf("%w (position in the decompressed data)", pe.Err)
		}
		return err
	case bytes.HasPrefix(head, zstdMagic):
		return &source.ParseError{Offset: 0, Err: errors.New("zstd-compressed input is not supported; decompress it first (zstd -d FILE)")}
	}
	json := source.LimitValues(br, maxValue)
	switch f := Detect(head, size); f {
	case FormatOTLPJSON:
		lines := newSignalLines(json, maxValue, side, ws)
		err := otlpjson.Decode(lines, c, ws)
		if err != nil && !lines.content && side.logExports+side.metricExports > 0 {
			return nil // only logs and metrics: the caller says there are no spans
		}
		return err
	case FormatJaegerJSON:
		return jaeger.DecodeV1(json, c, ws)
	case FormatZipkinJSON:
		return zipkin.Decode(json, c, ws)
	case FormatStoreListing:
		return &source.ParseError{Offset: 0, Err: errors.New("a trace store's search results or service list, not traces; " +
			"fetch the traces themselves, e.g. tracetui open --jaeger URL TRACE_ID")}
	case FormatStoreError:
		return storeErrorJSON(bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n"))
	case FormatOTLPProtoFramed:
		return otlpproto.DecodeStream(br, c, ws, maxValue)
	case FormatOTLPProto:
		return otlpproto.DecodeBare(br, c, ws, maxValue)
	}
	if err := storeErrorText(head, size); err != nil {
		return err
	}
	return &source.ParseError{Offset: 0, Err: errors.New("not a trace file: neither JSON (OTLP, Jaeger, Zipkin) nor OTLP protobuf")}
}

// Detect names the format of an input from its first bytes (after any
// decompression). JSON is recognised by its first non-space byte; protobuf
// by a structural walk, so text and random binary are not mistaken for it.
func Detect(head []byte, size int64) Format {
	h := bytes.TrimPrefix(head, utf8BOM)
	h = bytes.TrimLeft(h, " \t\r\n")
	if len(h) > 0 && (h[0] == '{' || h[0] == '[') {
		return classifyJSON(h)
	}
	switch otlpproto.Sniff(head, size) {
	case otlpproto.LengthPrefixed:
		return FormatOTLPProtoFramed
	case otlpproto.Bare:
		return FormatOTLPProto
	}
	return FormatUnknown
}

// gzipErrors names a failure inside the gzip stream as such, so a cut or
// corrupt .gz reads "corrupt or truncated gzip data", not a decoder's guess.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("corrupt or truncated gzip data: %w", err)
	}
	return n, err
}
