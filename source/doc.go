// Package source holds what every trace adapter shares, so each decoder is
// only the code for its format:
//
//   - Errors and warnings with a position: ParseError (file, line, byte
//     offset) for input that cannot be read at all, and Warnings for what was
//     skipped while the rest loaded; Warnings folds repeats so a million bad
//     spans make one line, not a million.
//   - ID parsing (ParseTraceID, ParseSpanID and their []byte forms): hex of
//     any case, base64 as Tempo and proto3 JSON write it, and opaque text,
//     which is hashed into an ID while the IDForm tells the caller to keep
//     the text and warn.
//   - Interning (Interner, InternTable): one string per distinct service,
//     span name and attribute value, so a million spans named "GET /v2/rates"
//     share one. Values get a table per attribute key, since cardinality
//     belongs to the key: a key with too many distinct values (request IDs)
//     stops interning rather than hold them all.
//   - The attribute slab (AttrSlab): each span's attributes are carved from
//     shared blocks, so decoding them costs no allocation per span.
//
// The adapters live in sub-packages: otlpjson and otlpproto (OTLP files,
// stdin and the receiver), jaeger and zipkin (their JSON files and HTTP
// APIs), tempo, remote (the HTTP client the stores share) and receiver (a
// local OTLP endpoint). source/load detects a file's format from its content
// and picks the decoder; start there to follow an input into the model.
package source
