package jaeger

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/remote"
	"github.com/tracetui/tracetui/trace"
)

// errNotServed marks an endpoint this Jaeger does not have (older
// version): the caller tries the next one.
var errNotServed = errors.New("endpoint not served")

// Search finds traces: api/v3 trace summaries (Jaeger ≥ 2.19, cheap), else
// api/v3 FindTraces, else the v1 search of older servers.
func (j *Client) Search(ctx context.Context, q remote.Query) ([]trace.Summary, error) {
	if q.Service == "" {
		return nil, remote.Invalid(errors.New("a Jaeger search needs a service (--service); tracetui search --jaeger URL --list services shows them"))
	}
	v3 := v3Params(q)
	for _, try := range []func() ([]trace.Summary, error){
		func() ([]trace.Summary, error) { return j.summaries(ctx, v3) },
		func() ([]trace.Summary, error) { return j.findTraces(ctx, "/api/v3/traces", v3, otlpjson.Decode) },
		func() ([]trace.Summary, error) { return j.findTraces(ctx, "/api/traces", v1Params(q), DecodeV1) },
	} {
		out, err := try()
		if !errors.Is(err, errNotServed) {
			return out, err
		}
	}
	return nil, j.WrongBackend("no Jaeger search API answered", wrongPortHint)
}

// get is Get with Jaeger's answers sorted out: a Jaeger 404 is an empty
// result (nil, nil), a missing path or the UI's index page errNotServed.
func (j *Client) get(ctx context.Context, path string, params url.Values) (*remote.Response, error) {
	resp, err := j.Get(ctx, path, params, "application/json")
	switch {
	case errors.Is(err, remote.ErrNotFound) && isJaegerNotFound(err):
		return nil, nil
	case errors.Is(err, remote.ErrNotFound):
		return nil, errNotServed
	case err != nil:
		return nil, err
	}
	if isHTML(resp.Header.Get("Content-Type")) {
		resp.Close()
		return nil, errNotServed
	}
	return resp, nil
}

func (j *Client) summaries(ctx context.Context, params url.Values) ([]trace.Summary, error) {
	resp, err := j.get(ctx, "/api/v3/trace-summaries", params)
	if resp == nil || err != nil {
		return nil, err
	}
	defer resp.Close()
	var body struct {
		Summaries []struct {
			TraceID              string `json:"traceId"`
			RootServiceName      string `json:"rootServiceName"`
			RootOperationName    string `json:"rootOperationName"`
			MinStartTimeUnixNano string `json:"minStartTimeUnixNano"`
			MaxEndTimeUnixNano   string `json:"maxEndTimeUnixNano"`
			SpanCount            int    `json:"spanCount"`
			ErrorSpanCount       int    `json:"errorSpanCount"`
			Services             []struct {
				Name string `json:"name"`
			} `json:"services"`
		} `json:"summaries"`
	}
	if err := resp.DecodeJSON(j.Client, &body); err != nil {
		return nil, err
	}
	out := make([]trace.Summary, 0, len(body.Summaries))
	for _, s := range body.Summaries {
		start, _ := strconv.ParseInt(s.MinStartTimeUnixNano, 10, 64)
		end, _ := strconv.ParseInt(s.MaxEndTimeUnixNano, 10, 64)
		id, err := remote.HexTraceID(s.TraceID)
		if err != nil {
			id = s.TraceID
		}
		sum := trace.Summary{ID: id, RootService: s.RootServiceName, RootName: s.RootOperationName,
			Start: start, Duration: max(end-start, 0), Spans: s.SpanCount, Errors: s.ErrorSpanCount}
		for _, svc := range s.Services {
			sum.Services = append(sum.Services, svc.Name)
		}
		out = append(out, sum)
	}
	return out, nil
}

type decodeFunc func(r io.Reader, c *trace.Collector, ws *source.Warnings) error

func (j *Client) findTraces(ctx context.Context, path string, params url.Values, decode decodeFunc) ([]trace.Summary, error) {
	resp, err := j.get(ctx, path, params)
	if resp == nil || err != nil {
		return nil, err
	}
	defer resp.Close()
	c := trace.NewCollector()
	err = decode(resp.Body, c, &source.Warnings{})
	var ae *APIError
	switch {
	case resp.Err() != nil:
		return nil, resp.Err() // cut off: too big or too slow
	case errors.As(err, &ae) && ae.Code == 404:
		return nil, nil
	case err != nil:
		return nil, resp.DecodeError(j.Client, err)
	}
	j.Remember(c)
	return remote.Summaries(c), nil
}

// v3Params are FindTraces' parameters in their snake_case spelling, the
// one every api/v3 version accepts.
func v3Params(q remote.Query) url.Values {
	v := url.Values{}
	v.Set("query.service_name", q.Service)
	if q.Operation != "" {
		v.Set("query.operation_name", q.Operation)
	}
	if len(q.Tags) > 0 {
		b, _ := json.Marshal(q.Tags)
		v.Set("query.attributes", string(b))
	}
	if q.MinDuration > 0 {
		v.Set("query.duration_min", seconds(q.MinDuration))
	}
	if q.MaxDuration > 0 {
		v.Set("query.duration_max", seconds(q.MaxDuration))
	}
	v.Set("query.start_time_min", q.Start.UTC().Format(time.RFC3339Nano))
	v.Set("query.start_time_max", q.End.UTC().Format(time.RFC3339Nano))
	if q.Limit > 0 {
		v.Set("query.search_depth", strconv.Itoa(q.Limit))
	}
	return v
}

// seconds writes a duration the way both Go and protobuf Duration parse.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}

// v1Params are /api/traces': times in µs, durations as Go durations.
func v1Params(q remote.Query) url.Values {
	v := url.Values{}
	v.Set("service", q.Service)
	if q.Operation != "" {
		v.Set("operation", q.Operation)
	}
	if len(q.Tags) > 0 {
		b, _ := json.Marshal(q.Tags)
		v.Set("tags", string(b))
	}
	if q.MinDuration > 0 {
		v.Set("minDuration", q.MinDuration.String())
	}
	if q.MaxDuration > 0 {
		v.Set("maxDuration", q.MaxDuration.String())
	}
	v.Set("start", strconv.FormatInt(q.Start.UnixMicro(), 10))
	v.Set("end", strconv.FormatInt(q.End.UnixMicro(), 10))
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	return v
}

// Services lists the services Jaeger knows.
func (j *Client) Services(ctx context.Context) ([]string, error) {
	return j.names(ctx, "/api/v3/services", nil, "/api/services", "services")
}

// Operations lists a service's operations.
func (j *Client) Operations(ctx context.Context, service string) ([]string, error) {
	return j.names(ctx, "/api/v3/operations", url.Values{"service": {service}},
		"/api/services/"+url.PathEscape(service)+"/operations", "operations")
}

func (j *Client) names(ctx context.Context, v3 string, params url.Values, v1, key string) ([]string, error) {
	for _, path := range []string{v3, v1} {
		resp, err := j.get(ctx, path, params)
		if errors.Is(err, errNotServed) {
			continue
		}
		if resp == nil || err != nil {
			return nil, err
		}
		defer resp.Close()
		var body map[string]json.RawMessage
		if err := resp.DecodeJSON(j.Client, &body); err != nil {
			return nil, err
		}
		raw := body[key]
		if path == v1 {
			raw = body["data"]
		}
		return parseNames(raw), nil
	}
	return nil, j.WrongBackend(fmt.Sprintf("neither %s nor %s answered", v3, v1), wrongPortHint)
}

// parseNames reads ["a", …] or [{"name": "a"}, …].
func parseNames(raw json.RawMessage) []string {
	var plain []string
	if json.Unmarshal(raw, &plain) == nil {
		slices.Sort(plain)
		return plain
	}
	var objs []struct {
		Name string `json:"name"`
	}
	json.Unmarshal(raw, &objs)
	out := make([]string, 0, len(objs))
	for _, o := range objs {
		out = append(out, o.Name)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
