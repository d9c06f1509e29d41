package tracegen

import (
	"bufio"
	"encoding/binary"
	"io"

	"google.golang.org/protobuf/encoding/protowire"
)

// WriteProto writes the same data as OTLP protobuf: one bare
// ExportTraceServiceRequest holding every batch, or, lengthPrefixed, the
// Collector file exporter's stream of 4-byte big-endian length + message.
func WriteProto(w io.Writer, cfg Config, lengthPrefixed bool) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var msg []byte
	for _, req := range batches(cfg, spans(cfg)) {
		if !lengthPrefixed {
			msg = appendRequestProto(msg, req)
			continue
		}
		one := appendRequestProto(nil, req)
		var hdr [4]byte
		binary.BigEndian.PutUint32(hdr[:], uint32(len(one)))
		bw.Write(hdr[:])
		if _, err := bw.Write(one); err != nil {
			return err
		}
	}
	if !lengthPrefixed {
		if _, err := bw.Write(msg); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func appendRequestProto(b []byte, req [][]span) []byte {
	for _, group := range req {
		svc := group[0].service
		var res []byte
		res = kvStringProto(res, 1, "service.name", serviceName(svc))
		res = kvStringProto(res, 1, "service.version", "1."+itoa(int64(svc))+".0")
		res = kvStringProto(res, 1, "host.name", "host-"+itoa(int64(svc)))
		res = kvStringProto(res, 1, "deployment.environment", "bench")
		var scope []byte
		scope = protowire.AppendTag(scope, 1, protowire.BytesType)
		scope = protowire.AppendString(scope, "tracegen")
		scope = protowire.AppendTag(scope, 2, protowire.BytesType)
		scope = protowire.AppendString(scope, "1.0.0")
		var ss []byte
		ss = protowire.AppendTag(ss, 1, protowire.BytesType)
		ss = protowire.AppendBytes(ss, scope)
		for _, s := range group {
			ss = protowire.AppendTag(ss, 2, protowire.BytesType)
			ss = protowire.AppendBytes(ss, spanProto(&s))
		}
		var rs []byte
		rs = protowire.AppendTag(rs, 1, protowire.BytesType)
		rs = protowire.AppendBytes(rs, res)
		rs = protowire.AppendTag(rs, 2, protowire.BytesType)
		rs = protowire.AppendBytes(rs, ss)
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, rs)
	}
	return b
}

func spanProto(s *span) []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendBytes(b, s.trace[:])
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendBytes(b, s.id[:])
	if s.parent != ([8]byte{}) {
		b = protowire.AppendTag(b, 4, protowire.BytesType)
		b = protowire.AppendBytes(b, s.parent[:])
	}
	b = protowire.AppendTag(b, 5, protowire.BytesType)
	b = protowire.AppendString(b, spanName(s.name))
	b = protowire.AppendTag(b, 6, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(s.kind))
	b = protowire.AppendTag(b, 7, protowire.Fixed64Type)
	b = protowire.AppendFixed64(b, uint64(s.start))
	b = protowire.AppendTag(b, 8, protowire.Fixed64Type)
	b = protowire.AppendFixed64(b, uint64(s.end))
	b = kvStringProto(b, 9, "http.request.method", "GET")
	b = kvStringProto(b, 9, "url.path", s.path)
	b = kvStringProto(b, 9, "app.request.id", s.reqID)
	b = kvStringProto(b, 9, "net.peer.name", serviceName((s.service+1)%services))
	b = kvStringProto(b, 9, "user_agent.original", "tracegen/1.0")
	b = kvProto(b, 9, "http.response.status_code", 3, uint64(s.httpCode))
	b = kvProto(b, 9, "http.response.body.size", 3, uint64(s.size))
	retry := uint64(0)
	if s.retry {
		retry = 1
	}
	b = kvProto(b, 9, "retry", 2, retry)
	if s.exception {
		var e []byte
		e = protowire.AppendTag(e, 1, protowire.Fixed64Type)
		e = protowire.AppendFixed64(e, uint64(s.start+(s.end-s.start)/2))
		e = protowire.AppendTag(e, 2, protowire.BytesType)
		e = protowire.AppendString(e, "exception")
		e = kvStringProto(e, 3, "exception.type", "TimeoutError")
		e = kvStringProto(e, 3, "exception.message", "upstream timed out")
		b = protowire.AppendTag(b, 11, protowire.BytesType)
		b = protowire.AppendBytes(b, e)
	}
	if s.status != 0 {
		var st []byte
		st = protowire.AppendTag(st, 2, protowire.BytesType)
		st = protowire.AppendString(st, "internal error")
		st = protowire.AppendTag(st, 3, protowire.VarintType)
		st = protowire.AppendVarint(st, 2)
		b = protowire.AppendTag(b, 15, protowire.BytesType)
		b = protowire.AppendBytes(b, st)
	}
	return b
}

func kvStringProto(b []byte, field protowire.Number, k, v string) []byte {
	var val []byte
	val = protowire.AppendTag(val, 1, protowire.BytesType)
	val = protowire.AppendString(val, v)
	return appendKV(b, field, k, val)
}

// kvProto appends a KeyValue whose AnyValue is a varint field (2 bool, 3 int).
func kvProto(b []byte, field protowire.Number, k string, anyField protowire.Number, v uint64) []byte {
	var val []byte
	val = protowire.AppendTag(val, anyField, protowire.VarintType)
	val = protowire.AppendVarint(val, v)
	return appendKV(b, field, k, val)
}

func appendKV(b []byte, field protowire.Number, k string, val []byte) []byte {
	var kv []byte
	kv = protowire.AppendTag(kv, 1, protowire.BytesType)
	kv = protowire.AppendString(kv, k)
	kv = protowire.AppendTag(kv, 2, protowire.BytesType)
	kv = protowire.AppendBytes(kv, val)
	b = protowire.AppendTag(b, field, protowire.BytesType)
	return protowire.AppendBytes(b, kv)
}
