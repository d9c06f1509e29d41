package source

import (
	"testing"
)

func TestParseTraceID(t *testing.T) {
	cases := []struct {
		in   string
		want string
		form IDForm
	}{
		{"5B8EFFF798038103D269B633813FC60C", "5b8efff798038103d269b633813fc60c", IDHex},
		{"5b8efff798038103d269b633813fc60c", "5b8efff798038103d269b633813fc60c", IDHex},
		{"00000000000000ff", "000000000000000000000000000000ff", IDHex},
		{"b8efff798038103d269b633813fc60c", "0b8efff798038103d269b633813fc60c", IDHex},
		{"W47/95gDgQPSabYzgT/GDA==", "5b8efff798038103d269b633813fc60c", IDBase64},
		{"W47_95gDgQPSabYzgT_GDA", "5b8efff798038103d269b633813fc60c", IDBase64},
		{"", "00000000000000000000000000000000", IDEmpty},
	}
	for _, c := range cases {
		id, form := ParseTraceID(c.in)
		if id.String() != c.want || form != c.form {
			t.Errorf("ParseTraceID(%q) = %s, %d; want %s, %d", c.in, id, form, c.want, c.form)
		}
	}
	a, form := ParseTraceID("trace-123")
	b, _ := ParseTraceID("trace-123")
	c, _ := ParseTraceID("trace-124")
	if form != IDOpaque || a != b || a == c {
		t.Errorf("opaque IDs must hash stably and distinctly: %s %s %s form %d", a, b, c, form)
	}
}

func TestParseSpanID(t *testing.T) {
	cases := []struct {
		in   string
		want string
		form IDForm
	}{
		{"EEE19B7EC3C1B174", "eee19b7ec3c1b174", IDHex},
		{"7ec3c1b174", "0000007ec3c1b174", IDHex},
		{"7uGbfsPBsXQ=", "eee19b7ec3c1b174", IDBase64},
		{"5b8efff798038103d269b633813fc60c", "", IDOpaque},
	}
	for _, c := range cases {
		id, form := ParseSpanID(c.in)
		if form != c.form || (c.want != "" && id.String() != c.want) {
			t.Errorf("ParseSpanID(%q) = %s, %d; want %s, %d", c.in, id, form, c.want, c.form)
		}
	}
}
