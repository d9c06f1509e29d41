package zipkin

import (
	"bytes"
	"fmt"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// benchSpans is n spans as zipkin-go's reporter sends them, in JSON v2 and
// in proto3: the same spans in both.
func benchSpans(n int) (js, pb []byte) {
	var j bytes.Buffer
	j.WriteByte('[')
	for i := range n {
		if i > 0 {
			j.WriteByte(',')
		}
		fmt.Fprintf(&j, `{"traceId":"%032x","id":"%016x","parentId":"%016x","name":"get /items/%d","kind":"SERVER","timestamp":%d,"duration":%d,`+
			`"localEndpoint":{"serviceName":"web","ipv4":"10.0.0.1","port":8080},"tags":{"http.method":"GET","http.path":"/items","component":"net/http"}}`,
			i/10+1, i+1, i, i%10, 1600000000000000+i, 100+i%50)
		var sp []byte
		sp = field(sp, 1, unhex(fmt.Sprintf("%032x", i/10+1)))
		sp = field(sp, 2, unhex(fmt.Sprintf("%016x", i)))
		sp = field(sp, 3, unhex(fmt.Sprintf("%016x", i+1)))
		sp = protowire.AppendVarint(protowire.AppendTag(sp, 4, protowire.VarintType), 2)
		sp = field(sp, 5, fmt.Appendf(nil, "get /items/%d", i%10))
		sp = protowire.AppendFixed64(protowire.AppendTag(sp, 6, protowire.Fixed64Type), uint64(1600000000000000+i))
		sp = protowire.AppendVarint(protowire.AppendTag(sp, 7, protowire.VarintType), uint64(100+i%50))
		sp = field(sp, 8, protowire.AppendVarint(protowire.AppendTag(field(field(nil, 1, []byte("web")), 2, []byte{10, 0, 0, 1}), 4, protowire.VarintType), 8080))
		for _, kv := range [][2]string{{"http.method", "GET"}, {"http.path", "/items"}, {"component", "net/http"}} {
			sp = field(sp, 11, field(field(nil, 1, []byte(kv[0])), 2, []byte(kv[1])))
		}
		pb = field(pb, 1, sp)
	}
	j.WriteByte(']')
	return j.Bytes(), pb
}

func BenchmarkDecodeReceived(b *testing.B) {
	js, pb := benchSpans(10000)
	for _, c := range []struct {
		name string
		in   []byte
		dec  func([]byte, *trace.Collector, *source.Warnings) error
	}{
		{"json", js, func(in []byte, c *trace.Collector, ws *source.Warnings) error {
			return Decode(bytes.NewReader(in), c, ws)
		}},
		{"proto3", pb, DecodeProto},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			b.ReportAllocs()
			for b.Loop() {
				if err := c.dec(c.in, trace.NewCollector(), &source.Warnings{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10000, "ns/span")
		})
	}
}
