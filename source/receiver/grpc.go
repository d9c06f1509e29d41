package receiver

import (
	"context"
	"net"

	collogspb "go.opentelemetry.io/proto/otlp/collector/logs/v1"
	colmetricspb "go.opentelemetry.io/proto/otlp/collector/metrics/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/encoding"
	_ "google.golang.org/grpc/encoding/gzip" // accept gzip-compressed exports
	"google.golang.org/grpc/status"
)

type grpcServer interface{ GracefulStop() }

func startGRPC(r *Receiver, ln net.Listener) grpcServer {
	s := grpc.NewServer(grpc.MaxRecvMsgSize(int(r.cfg.MaxBody)),
		grpc.ForceServerCodecV2(rawCodec{encoding.GetCodecV2("proto")}))
	s.RegisterService(&traceServiceDesc, &traceService{r: r})
	collogspb.RegisterLogsServiceServer(s, &logsService{r: r})
	colmetricspb.RegisterMetricsServiceServer(s, &metricsService{r: r})
	go s.Serve(ln)
	return s
}

type logsService struct {
	collogspb.UnimplementedLogsServiceServer
	r *Receiver
}

func (l *logsService) Export(_ context.Context, req *collogspb.ExportLogsServiceRequest) (*collogspb.ExportLogsServiceResponse, error) {
	if err := l.r.saveLine(func() ([]byte, error) { return protoExportLine(req, len(req.ResourceLogs)) }); err != nil {
		return nil, status.Error(codes.Unavailable, err.Error())
	}
	l.r.store.AddLogs(logsFromProto(req))
	return &collogspb.ExportLogsServiceResponse{}, nil
}

type metricsService struct {
	colmetricspb.UnimplementedMetricsServiceServer
	r *Receiver
}

func (m *metricsService) Export(_ context.Context, req *colmetricspb.ExportMetricsServiceRequest) (*colmetricspb.ExportMetricsServiceResponse, error) {
	if err := m.r.saveLine(func() ([]byte, error) { return protoExportLine(req, len(req.ResourceMetrics)) }); err != nil {
		return nil, status.Error(codes.Unavailable, err.Error())
	}
	m.r.store.count(0, int64(len(req.ResourceMetrics)))
	return &colmetricspb.ExportMetricsServiceResponse{}, nil
}
