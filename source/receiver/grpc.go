package receiver

import (
	"context"
	"net"
	"net/http"

	collogspb "go.opentelemetry.io/proto/otlp/collector/logs/v1"
	colmetricspb "go.opentelemetry.io/proto/otlp/collector/metrics/v1"
	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	_ "google.golang.org/grpc/encoding/gzip" // accept gzip-compressed exports
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

type grpcServer interface{ GracefulStop() }

func startGRPC(r *Receiver, ln net.Listener) grpcServer {
	s := grpc.NewServer(grpc.MaxRecvMsgSize(int(r.cfg.MaxBody)))
	coltracepb.RegisterTraceServiceServer(s, &traceService{r: r})
	collogspb.RegisterLogsServiceServer(s, &logsService{r: r})
	colmetricspb.RegisterMetricsServiceServer(s, &metricsService{r: r})
	go s.Serve(ln)
	return s
}

type traceService struct {
	coltracepb.UnimplementedTraceServiceServer
	r *Receiver
}

// Export re-encodes the request and takes the same path as OTLP/HTTP
// protobuf, so both transports decode, save and store identically.
func (t *traceService) Export(_ context.Context, req *coltracepb.ExportTraceServiceRequest) (*coltracepb.ExportTraceServiceResponse, error) {
	select {
	case t.r.slots <- struct{}{}:
		defer func() { <-t.r.slots }()
	default:
		return nil, status.Error(codes.Unavailable, "receiver busy, retry later")
	}
	body, err := proto.Marshal(req)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	_, msg, code, err := t.r.traces(body, ctProto)
	switch {
	case err != nil && code == http.StatusServiceUnavailable:
		return nil, status.Error(codes.Unavailable, err.Error())
	case err != nil:
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	resp := &coltracepb.ExportTraceServiceResponse{}
	if msg != "" {
		resp.PartialSuccess = &coltracepb.ExportTracePartialSuccess{ErrorMessage: msg}
	}
	return resp, nil
}

type logsService struct {
	collogspb.UnimplementedLogsServiceServer
	r *Receiver
}

func (l *logsService) Export(_ context.Context, req *collogspb.ExportLogsServiceRequest) (*collogspb.ExportLogsServiceResponse, error) {
	l.r.store.AddLogs(logsFromProto(req))
	return &collogspb.ExportLogsServiceResponse{}, nil
}

type metricsService struct {
	colmetricspb.UnimplementedMetricsServiceServer
	r *Receiver
}

func (m *metricsService) Export(_ context.Context, req *colmetricspb.ExportMetricsServiceRequest) (*colmetricspb.ExportMetricsServiceResponse, error) {
	m.r.store.count(0, int64(len(req.ResourceMetrics)))
	return &colmetricspb.ExportMetricsServiceResponse{}, nil
}
