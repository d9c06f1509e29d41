package query

import (
	"testing"
	"time"

	"github.com/tracetui/tracetui/trace"
)

type opts = []func(*trace.Span)

const ms = time.Millisecond

// shop is a failed checkout, in pre-order:
//
//	1 frontend GET /checkout        server   500ms error  http.status_code=500
//	2 ├ frontend POST /api/orders   client   300ms        http.method=POST
//	3 │ └ orders POST /api/orders   server   280ms error  "db down", http.status_code=503
//	4 │   ├ orders SELECT orders    client    50ms        db.system=postgresql, db.rows=12
//	5 │   └ orders INSERT orders    client   200ms error  db.system=postgresql, event exception
//	6 ├ frontend GET /api/cart      client    40ms        span service.name=override, region=eu-west-0
//	7 │ └ cart GET /api/cart        server    30ms        http.status_code=200
//	8 └ frontend render             internal  20ms        tags=[a b], retries=[1 2 3], ratio=0.5, cached=true, region=eu-west-1
func shop() *trace.Tree {
	return build(
		sp{1, 0, "frontend GET /checkout", 500 * ms, opts{kind(trace.KindServer), status(trace.StatusError), attr("http.status_code", num(500)), attr("http.method", str("GET"))}},
		sp{2, 1, "frontend POST /api/orders", 300 * ms, opts{kind(trace.KindClient), attr("http.method", str("POST"))}},
		sp{3, 2, "orders POST /api/orders", 280 * ms, opts{kind(trace.KindServer), status(trace.StatusError), message("db down"), attr("http.status_code", num(503)), attr("http.method", str("POST"))}},
		sp{4, 3, "orders SELECT orders", 50 * ms, opts{kind(trace.KindClient), attr("db.system", str("postgresql")), attr("db.rows", num(12))}},
		sp{5, 3, "orders INSERT orders", 200 * ms, opts{kind(trace.KindClient), status(trace.StatusError), attr("db.system", str("postgresql")),
			event("exception", trace.Attr{Key: "exception.type", Value: str("SQLError")})}},
		sp{6, 1, "frontend GET /api/cart", 40 * ms, opts{kind(trace.KindClient), attr("service.name", str("override")), attr("region", str("eu-west-0")), attr("http.method", str("GET"))}},
		sp{7, 6, "cart GET /api/cart", 30 * ms, opts{kind(trace.KindServer), attr("http.status_code", num(200)), attr("http.method", str("GET"))}},
		sp{8, 1, "frontend render", 20 * ms, opts{kind(trace.KindInternal), attr("tags", strs("a", "b")), attr("retries", nums(1, 2, 3)),
			attr("ratio", trace.DoubleValue(0.5)), attr("cached", trace.BoolValue(true)), attr("region", str("eu-west-1")),
			attr("attr with space", str("yes")), link(trace.TraceID{0xff, 15: 2})}},
	)
}

const (
	checkout = "frontend GET /checkout"
	fPost    = "frontend POST /api/orders"
	oPost    = "orders POST /api/orders"
	oSelect  = "orders SELECT orders"
	oInsert  = "orders INSERT orders"
	fCart    = "frontend GET /api/cart"
	cCart    = "cart GET /api/cart"
	render   = "frontend render"
)

var everySpan = []string{checkout, fPost, oPost, oSelect, oInsert, fCart, cCart, render}

// TestDocExamples: the TraceQL documentation's example queries ("Construct
// a TraceQL query", "TraceQL query examples"; the count() pipeline and the
// status/event/duration filters as written there, the others with the
// shop trace's names), results checked by hand.
func TestDocExamples(t *testing.T) {
	tr := shop()
	cases := []struct {
		q    string
		want []string
	}{
		{`{ resource.service.name = "frontend" && name = "POST /api/orders" }`, []string{fPost}},
		{`{ resource.service.name = "frontend" && name = "POST /api/orders" && status = error }`, nil},
		{`{ resource.service.name = "orders" && name = "POST /api/orders" && span.http.status_code >= 500 }`, []string{oPost}},
		{`{ span.http.status_code >= 200 && span.http.status_code < 300 } | count() > 2`, nil},
		{`{ span.http.status_code >= 200 && span.http.status_code < 300 } | count() > 0`, []string{cCart}},
		{`{ span.http.method = "GET" && status = ok } && { span.http.method = "DELETE" && status != ok }`, nil},
		{`{ .db.system = "postgresql" } | count() > 1`, []string{oSelect, oInsert}},
		{`{ resource.service.name = "frontend" } >> { status = error }`, []string{oPost, oInsert}},
		{`{ name =~ "GET .*" } >> { status = error }`, []string{oPost, oInsert}},
		{`{ .region = "eu-west-0" } ~ { .region = "eu-west-1" }`, []string{render}},
		{`{ status = error }`, []string{checkout, oPost, oInsert}},
		{`{ span.http.status_code >= 500 }`, []string{checkout, oPost}},
		{`{ duration > 250ms }`, []string{checkout, fPost, oPost}},
		{`{ event.exception.type = "SQLError" }`, []string{oInsert}},
		{`{ status = error && event.exception.message != "" }`, nil}, // the exception has a type, no message
		{`{ } | avg(duration) > 100ms`, everySpan},                   // 1420 ms / 8 = 177.5 ms
		{`{ } | avg(duration) > 200ms`, nil},
	}
	for _, c := range cases {
		check(t, tr, c.q, c.want...)
	}
}

func TestStructural(t *testing.T) {
	tr := shop()
	cases := []struct {
		q    string
		want []string
	}{
		{`{ kind = server } > { kind = client }`, []string{fPost, oSelect, oInsert, fCart}},
		{`{ .db.system = "postgresql" } < { }`, []string{oPost}},
		{`{ name = "INSERT orders" } << { }`, []string{checkout, fPost, oPost}},
		{`{ name = "SELECT orders" } ~ { }`, []string{oInsert}},
		{`{ resource.service.name = "orders" } !> { }`, []string{checkout, fPost, oPost, fCart, cCart, render}},
		{`{ status = error } !>> { }`, []string{checkout}},
		{`{ .db.system = "postgresql" } !< { }`, []string{checkout, fPost, oSelect, oInsert, fCart, cCart, render}},
		{`{ name = "INSERT orders" } !<< { kind = server }`, []string{cCart}},
		{`{ name = "SELECT orders" } !~ { resource.service.name = "orders" }`, []string{oPost, oSelect}},
		// Left to right: servers under servers, then errors under those.
		{`{ kind = server } >> { kind = server } >> { status = error }`, []string{oInsert}},
		{`({ name = "render" } || { name = "SELECT orders" }) < { }`, []string{checkout, oPost}},
		// Structural binds tighter than &&, && tighter than ||.
		{`{ name = "render" } || { kind = server } > { kind = client }`, []string{fPost, oSelect, oInsert, fCart, render}},
		{`{ name = "nope" } && { } || { kind = internal }`, []string{render}},
		{`{ .http.method = "POST" } && { .db.system = "postgresql" }`, []string{fPost, oPost, oSelect, oInsert}},
	}
	for _, c := range cases {
		check(t, tr, c.q, c.want...)
	}
}

func TestFieldsAndValues(t *testing.T) {
	tr := shop()
	cases := []struct {
		q    string
		want []string
	}{
		// Intrinsics, in both spellings.
		{`{ statusMessage = "db down" }`, []string{oPost}},
		{`{ span:statusMessage =~ "db.*" }`, []string{oPost}},
		{`{ status = error }`, []string{checkout, oPost, oInsert}},
		{`{ span:status != error }`, []string{fPost, oSelect, fCart, cCart, render}},
		{`{ status = unset && kind = client }`, []string{fPost, oSelect, fCart}},
		{`{ kind = internal }`, []string{render}},
		{`{ duration >= 280ms && span:duration < 1s }`, []string{checkout, fPost, oPost}},
		{`{ duration = 0.5s }`, []string{checkout}},
		{`{ span:name = "render" }`, []string{render}},
		{`{ rootName = "GET /checkout" && name = "render" }`, []string{render}},
		{`{ trace:rootName = "render" }`, nil},
		{`{ rootServiceName = "frontend" && kind = internal }`, []string{render}},
		{`{ trace:rootService = "cart" }`, nil},
		{`{ traceDuration >= 500ms && name = "render" }`, []string{render}},
		{`{ trace:duration > 1s }`, nil},
		{`{ event:name = "exception" }`, []string{oInsert}},
		{`{ event:name = nil && status = error }`, []string{checkout, oPost}},
		{`{ event.exception.type = "SQLError" }`, []string{oInsert}},
		{`{ span:id = "0000000000000005" }`, []string{oInsert}},
		{`{ span:id =~ "0+[78]" }`, []string{cCart, render}},
		{`{ trace:id = "ABCD0000000000000000000000000001" && kind = internal }`, []string{render}},
		{`{ link:traceID = "ff000000000000000000000000000002" }`, []string{render}},
		// Numbers: int and float attributes compare as numbers.
		{`{ span.http.status_code = 500.0 }`, []string{checkout}},
		{`{ span.ratio = 0.5 }`, []string{render}},
		{`{ span.ratio < 1 && span.ratio > 0 }`, []string{render}},
		{`{ span.http.status_code = "500" }`, nil}, // a string is not the int 500
		{`{ span.db.rows > -1 }`, []string{oSelect}},
		// Booleans.
		{`{ span.cached = true }`, []string{render}},
		{`{ span.cached != false }`, []string{render}},
		{`{ span.cached = false }`, nil},
		// Arrays: any element.
		{`{ span.tags = "b" }`, []string{render}},
		{`{ span.tags = "c" }`, nil},
		{`{ span.tags =~ "a|z" }`, []string{render}},
		{`{ span.tags != "a" }`, []string{render}}, // "b" differs from "a"
		{`{ span.retries > 2 }`, []string{render}},
		{`{ span.retries = 2.0 }`, []string{render}},
		{`{ span.retries > 3 }`, nil},
		// Missing attributes compare false, except with nil.
		{`{ span.nope = "x" }`, nil},
		{`{ span.nope != "x" }`, nil},
		{`{ span.nope = nil }`, everySpan},
		{`{ span.db.system != nil }`, []string{oSelect, oInsert}},
		{`{ !(span.db.system = "postgresql") && kind = client }`, []string{fPost, fCart}},
		// Scopes: the unscoped form takes the span's attribute first.
		{`{ .service.name = "cart" }`, []string{cCart}},
		{`{ span.service.name = "cart" }`, nil},
		{`{ .service.name = "frontend" }`, []string{checkout, fPost, render}},
		{`{ .service.name = "override" }`, []string{fCart}},
		{`{ resource.service.name = "frontend" }`, []string{checkout, fPost, fCart, render}},
		{`{ resource.http.method = "GET" }`, nil},
		{`{ span."attr with space" = "yes" }`, []string{render}},
		{`{ ."attr with space" = "yes" }`, []string{render}},
		// Regular expressions are anchored: the whole value must match.
		{`{ name =~ "GET" }`, nil},
		{`{ name =~ "GET.*" }`, []string{checkout, fCart, cCart}},
		{"{ name !~ `GET.*` }", []string{fPost, oPost, oSelect, oInsert, render}},
		{`{ resource.service.name < "cart" }`, nil},
		{`{ resource.service.name <= "cart" }`, []string{cCart}},
		// Boolean structure inside a filter.
		{`{ true }`, everySpan},
		{`{ false }`, nil},
		{`{ }`, everySpan},
		{`{ kind = server || kind = internal && status = error }`, []string{checkout, oPost, cCart}},
		{`{ (kind = server || kind = internal) && status = error }`, []string{checkout, oPost}},
	}
	for _, c := range cases {
		check(t, tr, c.q, c.want...)
	}
}

func TestPipelines(t *testing.T) {
	tr := shop()
	orders := []string{oPost, oSelect, oInsert}
	cases := []struct {
		q    string
		want []string
	}{
		{`{ resource.service.name = "orders" } | max(duration) >= 280ms`, orders},
		{`{ resource.service.name = "orders" } | min(duration) < 50ms`, nil},
		{`{ resource.service.name = "orders" } | min(duration) = 50ms`, orders},
		{`{ resource.service.name = "orders" } | sum(duration) = 530ms`, orders},
		{`{ } | sum(span.db.rows) = 12`, everySpan},
		{`{ } | avg(span.http.status_code) > 400`, everySpan}, // (500+503+200)/3 = 401
		{`{ } | avg(span.http.status_code) > 401.5`, nil},
		{`{ name = "render" } | avg(span.db.rows) > 0`, nil}, // no values: false
		{`{ resource.service.name = "orders" } | { status = error }`, []string{oPost, oInsert}},
		{`{ } | count() > 5 | { kind = server }`, []string{checkout, oPost, cCart}},
		{`{ } | count() = 8`, everySpan},
		{`{ } | count() != 8`, nil},
	}
	for _, c := range cases {
		check(t, tr, c.q, c.want...)
	}
}

// orphans has two real roots and two spans whose parent (9) never
// arrived, hung under a placeholder:
//
//	1 api GET /a        2 └ api child
//	(9: placeholder)    3 ├ worker job (error)   4 │ └ worker step   5 └ worker other
//	6 batch cron
func orphans() *trace.Tree {
	return build(
		sp{1, 0, "api GET /a", 100 * ms, nil},
		sp{2, 1, "api child", 10 * ms, nil},
		sp{3, 9, "worker job", 50 * ms, opts{status(trace.StatusError)}},
		sp{4, 3, "worker step", 5 * ms, nil},
		sp{5, 9, "worker other", 5 * ms, nil},
		sp{6, 0, "batch cron", 5 * ms, nil},
	)
}

func TestPlaceholdersAndRoots(t *testing.T) {
	tr := orphans()
	if tr.Len() != 7 {
		t.Fatalf("want 6 spans and a placeholder, got %d indexes", tr.Len())
	}
	cases := []struct {
		q    string
		want []string
	}{
		{`{ }`, []string{"api GET /a", "api child", "worker job", "worker step", "worker other", "batch cron"}},
		{`{ } | count() = 6`, []string{"api GET /a", "api child", "worker job", "worker step", "worker other", "batch cron"}},
		// A missing parent is no span: it is nobody's parent or ancestor.
		{`{ } > { name = "job" }`, nil},
		{`{ } !> { }`, []string{"api GET /a", "worker job", "worker other", "batch cron"}},
		{`{ } < { }`, []string{"api GET /a", "worker job"}},
		{`{ name = "step" } << { }`, []string{"worker job"}},
		{`{ status = error } >> { }`, []string{"worker step"}},
		// Orphans of one missing parent are siblings; roots are not.
		{`{ name = "job" } ~ { }`, []string{"worker other"}},
		{`{ name = "GET /a" } ~ { }`, nil},
		// The root is the earliest real root.
		{`{ rootName = "GET /a" && resource.service.name = "batch" }`, []string{"batch cron"}},
		{`{ rootServiceName = "api" && name = "job" }`, []string{"worker job"}},
	}
	for _, c := range cases {
		check(t, tr, c.q, c.want...)
	}
	// No root arrived: rootName is nil, as in Tempo.
	headless := build(sp{1, 9, "api a", ms, nil}, sp{2, 1, "api b", ms, nil})
	check(t, headless, `{ rootName = nil }`, "api a", "api b")
	check(t, headless, `{ rootName = "a" }`)
	check(t, headless, `{ rootServiceName != nil }`)
}
