package receiver

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"

	"github.com/go-json-experiment/json/jsontext"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// jsonLine is a JSON logs or metrics export as one line: the body as the
// exporter sent it (already OTLP JSON), without the whitespace that could
// hold a newline. nil for an empty export, which holds nothing to keep.
func jsonLine(body []byte) ([]byte, error) {
	v := jsontext.Value(bytes.TrimSpace(body))
	if len(v) == 0 || string(v) == "{}" {
		return nil, nil
	}
	v = v.Clone() // the body is a pooled buffer; Compact works in place
	if err := v.Compact(jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)); err != nil {
		return nil, err
	}
	return v, nil
}

// protoLine is a protobuf logs or metrics export in OTLP JSON. protojson
// writes what OTLP JSON wants except two things, fixed here: enums as
// numbers (an option) and trace and span IDs in hex, not base64 (OTLP
// JSON's one departure from the proto3 JSON mapping).
func protoLine(m proto.Message) ([]byte, error) {
	b, err := protojson.MarshalOptions{UseEnumNumbers: true}.Marshal(m)
	if err != nil {
		return nil, err
	}
	return hexIDs(b)
}

// hexIDs rewrites the base64 values of "traceId" and "spanId" fields (log
// records, exemplars) as hex, and compacts the rest.
func hexIDs(b []byte) ([]byte, error) {
	dec := jsontext.NewDecoder(bytes.NewReader(b))
	var out bytes.Buffer
	enc := jsontext.NewEncoder(&out)
	isID := false
	for {
		tok, err := dec.ReadToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		wasID := isID
		isID = false
		if tok.Kind() == '"' {
			kind, n := dec.StackIndex(dec.StackDepth())
			name := kind == '{' && n%2 == 1 // an object's names are its odd tokens
			switch s := tok.String(); {
			case name:
				isID = s == "traceId" || s == "spanId"
			case wasID:
				if raw, err := base64.StdEncoding.DecodeString(s); err == nil {
					tok = jsontext.String(hex.EncodeToString(raw))
				}
			}
		}
		if err := enc.WriteToken(tok); err != nil {
			return nil, err
		}
	}
	return bytes.TrimSuffix(out.Bytes(), []byte{'\n'}), nil
}
