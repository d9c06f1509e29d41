// Package tracegen writes large, deterministic, spec-shaped OTLP inputs for
// benchmarks and tests, so no big file is ever committed. The shape follows
// the performance notes: 20 services, 200 span names, 8 attributes per span
// (two of them high-cardinality), 10% of spans with an exception event,
// batches of 1000 grouped by service, shuffled so children often come
// before parents, and a random recursive tree per trace.
package tracegen

import (
	"math/rand/v2"
)

// Config says what to generate.
type Config struct {
	Spans     int // total spans
	Traces    int // spans are split evenly over this many traces (min 1)
	Seed      uint64
	BatchSize int     // spans per request line/message; default 1000
	ErrorRate float64 // share of spans with status ERROR
}

// span is the generator's own compact record; writers encode it.
type span struct {
	trace          [16]byte
	id, parent     [8]byte
	start, end     int64
	name, service  int
	kind, status   int
	path, reqID    string
	httpCode, size int64
	retry          bool
	exception      bool
}

const (
	services = 20
	names    = 200
	base     = int64(1_790_000_000_000_000_000)
)

// spans generates every span, already shuffled into output order.
func spans(cfg Config) []span {
	traces := max(cfg.Traces, 1)
	r := rand.New(rand.NewPCG(cfg.Seed, 0x7e57))
	out := make([]span, 0, cfg.Spans)
	per := cfg.Spans / traces
	for t := 0; t < traces; t++ {
		n := per
		if t == traces-1 {
			n = cfg.Spans - per*(traces-1)
		}
		if n <= 0 {
			continue
		}
		var tid [16]byte
		fill(r, tid[:])
		first := len(out)
		start := base + int64(t)*int64(1e9)
		for i := 0; i < n; i++ {
			s := span{trace: tid, service: r.IntN(services), name: r.IntN(names), kind: 1 + r.IntN(3)}
			fill(r, s.id[:])
			if i == 0 {
				s.start, s.end = start, start+int64(50e6+r.IntN(5e9))
			} else {
				p := &out[first+r.IntN(i)]
				s.parent = p.id
				d := p.end - p.start
				off := r.Int64N(max(d, 1))
				s.start = p.start + off
				s.end = s.start + r.Int64N(max(d-off, 1))
			}
			s.path = "/api/v1/items/" + itoa(int64(r.IntN(1_000_000)))
			var req [8]byte
			fill(r, req[:])
			s.reqID = hexString(req[:])
			s.httpCode = 200
			if r.Float64() < cfg.ErrorRate {
				s.status, s.httpCode = 2, 500
			}
			s.size = int64(r.IntN(100000))
			s.retry = r.IntN(2) == 0
			s.exception = r.IntN(10) == 0
			out = append(out, s)
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// batches splits spans into requests of BatchSize, each grouped by service.
func batches(cfg Config, all []span) [][][]span {
	size := cfg.BatchSize
	if size <= 0 {
		size = 1000
	}
	var out [][][]span
	for lo := 0; lo < len(all); lo += size {
		chunk := all[lo:min(lo+size, len(all))]
		var by [services][]span
		for _, s := range chunk {
			by[s.service] = append(by[s.service], s)
		}
		var req [][]span
		for _, g := range by {
			if len(g) > 0 {
				req = append(req, g)
			}
		}
		out = append(out, req)
	}
	return out
}

func fill(r *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	b[0] |= 1 // never all zero
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}

func itoa(n int64) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

func serviceName(i int) string { return "service-" + itoa(int64(i)) }
func spanName(i int) string    { return "operation " + itoa(int64(i)) }
