package checks

import "testing"

func TestSplitAggregate(t *testing.T) {
	cases := []struct{ in, sel, agg string }{
		{`{ status = error } | count() = 0`, `{ status = error } `, `count() = 0`},
		{`{ name =~ "a|b" }`, `{ name =~ "a|b" }`, ``},
		{`{ a = 1 || b = 2 }`, `{ a = 1 || b = 2 }`, ``},
		{`{ } | { status = error } | avg(duration) > 20ms`, `{ } | { status = error } `, `avg(duration) > 20ms`},
		{`{ } | { status = error }`, `{ } | { status = error }`, ``},
	}
	for _, c := range cases {
		sel, agg := splitAggregate(c.in)
		if sel != c.sel || agg != c.agg {
			t.Errorf("splitAggregate(%q) = %q, %q; want %q, %q", c.in, sel, agg, c.sel, c.agg)
		}
	}
}

func TestParseAssert(t *testing.T) {
	for _, bad := range []string{"duration", "duration <", "count(duration) < 3", "avg() < 3", "avg(duration) < 3", "count() < 2s", "nme = 1"} {
		if _, err := parseAssert(bad); err == nil {
			t.Errorf("parseAssert(%q) accepted", bad)
		}
	}
	for _, good := range []string{"duration < 300ms", "status != error", "attr:http.response.status_code = 200", "count() < 20",
		"avg(duration) <= 1.5s", "max(span.size) > 10", `name =~ "GET .*"`, "attr:odd key = 1"} {
		if _, err := parseAssert(good); err != nil {
			t.Errorf("parseAssert(%q): %v", good, err)
		}
	}
}
