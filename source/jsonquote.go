package source

import (
	"encoding/hex"

	"github.com/go-json-experiment/json/jsontext"
)

// AppendQuote appends s as a JSON string for the encoders (OTLP JSON,
// Jaeger, Zipkin): invalid UTF-8 becomes U+FFFD, as the decoders read it,
// so the text is still written and never breaks the line.
func AppendQuote(b []byte, s string) []byte {
	out, _ := jsontext.AppendQuote(b, s)
	return out
}

// AppendQuotedID appends an ID as a quoted hex JSON string, as Jaeger and
// Zipkin write them: a trace ID (isTrace) whose high half is zero as its
// low 16 digits, the 64-bit ID those tracers made.
func AppendQuotedID(b, id []byte, isTrace bool) []byte {
	if isTrace && len(id) == 16 && [8]byte(id[:8]) == [8]byte{} {
		id = id[8:]
	}
	b = append(b, '"')
	b = hex.AppendEncode(b, id)
	return append(b, '"')
}
