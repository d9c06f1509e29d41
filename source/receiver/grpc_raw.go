package receiver

import (
	"context"
	"net/http"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
)

// rawRequest is an ExportTraceServiceRequest still in wire format: the trace
// service hands it to the same protowire decoder as OTLP/HTTP instead of
// letting gRPC unmarshal it into generated structs that would then be
// marshalled again.
type rawRequest []byte

// rawCodec passes rawRequest through as bytes and everything else (the
// responses, the logs and metrics services) to gRPC's own proto codec.
type rawCodec struct{ proto encoding.CodecV2 }

func (c rawCodec) Name() string { return c.proto.Name() }

func (c rawCodec) Marshal(v any) (mem.BufferSlice, error) { return c.proto.Marshal(v) }

func (c rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	if raw, ok := v.(*rawRequest); ok {
		*raw = data.Materialize() // data is freed on return: keep a copy
		return nil
	}
	return c.proto.Unmarshal(data, v)
}

// traceServiceDesc is TraceService as the generated code describes it, with
// a handler that receives the raw request.
var traceServiceDesc = grpc.ServiceDesc{
	ServiceName: "opentelemetry.proto.collector.trace.v1.TraceService",
	HandlerType: (*any)(nil),
	Methods: []grpc.MethodDesc{{
		MethodName: "Export",
		Handler: func(srv any, ctx context.Context, dec func(any) error, _ grpc.UnaryServerInterceptor) (any, error) {
			var req rawRequest
			if err := dec(&req); err != nil {
				return nil, err
			}
			return srv.(*traceService).export(ctx, req)
		},
	}},
	Metadata: "opentelemetry/proto/collector/trace/v1/trace_service.proto",
}

type traceService struct{ r *Receiver }

// export takes the same path as OTLP/HTTP protobuf, so both transports
// decode, save and store identically.
func (t *traceService) export(_ context.Context, body rawRequest) (*coltracepb.ExportTraceServiceResponse, error) {
	select {
	case t.r.slots <- struct{}{}:
		defer func() { <-t.r.slots }()
	default:
		return nil, status.Error(codes.Unavailable, "receiver busy, retry later")
	}
	rejected, msg, code, err := t.r.traces(bytesBody(body), ctProto)
	switch {
	case err != nil && code == http.StatusServiceUnavailable:
		return nil, status.Error(codes.Unavailable, err.Error())
	case err != nil:
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	resp := &coltracepb.ExportTraceServiceResponse{}
	if msg != "" || rejected > 0 {
		resp.PartialSuccess = &coltracepb.ExportTracePartialSuccess{RejectedSpans: rejected, ErrorMessage: msg}
	}
	return resp, nil
}
