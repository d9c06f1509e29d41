package zipkin

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// endpoint takes the attributes Decode makes of an endpoint back out of
// attrs: the service, two addresses, the port. The other attributes are
// returned in their order.
func endpoint(attrs []trace.Attr, serviceKey, ipKey, portKey string) (endpointKey, []trace.Attr) {
	var k endpointKey
	var ips []string
	rest := attrs[:0:0]
	for _, a := range attrs {
		v := a.Value.AsString()
		switch {
		case a.Key == serviceKey && k.service == "" && a.Value.Kind() == trace.ValueString:
			k.service = v
			continue
		case a.Key == ipKey && a.Value.Kind() == trace.ValueString && v != "" && len(ips) < 2:
			ips = append(ips, v)
			continue
		case a.Key == portKey && k.port == "" && v != "":
			k.port = v
			continue
		}
		rest = append(rest, a)
	}
	// Decode writes ipv4, then ipv6, and takes any text: of two, the
	// first is ipv4; one alone is IPv6 when it has a colon.
	switch {
	case len(ips) == 2:
		k.ipv4, k.ipv6 = ips[0], ips[1]
	case len(ips) == 1 && strings.Contains(ips[0], ":"):
		k.ipv6 = ips[0]
	case len(ips) == 1:
		k.ipv4 = ips[0]
	}
	return k, rest
}

func (e *encoder) endpoint(k endpointKey) {
	e.b = append(e.b, '{')
	n := 0
	field := func(name, v string, number bool) {
		if v == "" {
			return
		}
		if n > 0 {
			e.b = append(e.b, ',')
		}
		n++
		e.b = append(e.b, '"')
		e.b = append(e.b, name...)
		e.b = append(e.b, `":`...)
		if p, err := strconv.ParseUint(v, 10, 16); number && err == nil && strconv.FormatUint(p, 10) == v {
			e.b = append(e.b, v...)
		} else { // Decode reads a port that is not a number as text: keep it so
			e.b = source.AppendQuote(e.b, v)
		}
	}
	field("serviceName", k.service, false)
	field("ipv4", k.ipv4, false)
	field("ipv6", k.ipv6, false)
	field("port", k.port, true)
	e.b = append(e.b, '}')
}
