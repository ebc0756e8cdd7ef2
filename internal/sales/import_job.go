package sales

import (
	"context"
	"log/slog"

	"ecomops/internal/platform/apperr"
	"ecomops/internal/platform/auth"
)

// StartInput starts an import of uploaded files.
type StartInput struct {
	Token     string   `json:"token" doc:"from POST /sales/uploads"`
	Kind      string   `json:"kind,omitempty" enum:"orders,traffic" doc:"orders (default) or traffic"`
	ShopID    int64    `json:"shop_id"`
	Format    string   `json:"format,omitempty" enum:"auto,taobao,tmall,jd,pdd,douyin,generic" doc:"orders: preset, auto by default"`
	MappingID int64    `json:"mapping_id,omitempty" doc:"generic: a saved mapping template"`
	Mapping   *Mapping `json:"mapping,omitempty" doc:"generic: a mapping given inline"`
	OnError   string   `json:"on_error,omitempty" enum:"skip,abort"`
	Level     string   `json:"level,omitempty" enum:"shop,product" doc:"traffic: 生意参谋 shop or product level"`
}

func (s *Service) mappingOf(ctx context.Context, in StartInput) (*Mapping, error) {
	if in.Mapping != nil {
		return in.Mapping, nil
	}
	if in.MappingID != 0 {
		t, err := s.MappingByID(ctx, in.MappingID)
		if err != nil {
			return nil, apperr.Reject("body.mapping_id", apperr.Missing(in.MappingID), "mapping %d does not exist", in.MappingID)
		}
		return &t.Mapping, nil
	}
	return nil, nil
}

// DetectUpload answers which preset each uploaded file (sheet) is and its
// header row, before anything is imported. Errors: invalid (the message
// names the preset and the headers it expects), not_found (token).
func (s *Service) DetectUpload(ctx context.Context, token, format string, mappingID int64) ([]FileInfo, error) {
	files, err := s.uploadFiles(token, userOf(ctx))
	if err != nil {
		return nil, err
	}
	m, err := s.mappingOf(ctx, StartInput{MappingID: mappingID})
	if err != nil {
		return nil, err
	}
	if format == "" {
		format = FormatAuto
	}
	return Detect(files, format, m)
}

func userOf(ctx context.Context) int64 {
	if p := auth.From(ctx); p != nil {
		return p.UserID
	}
	return 0
}

// StartImport checks the request and the files, creates the session and
// runs the import in the background; poll Import(id) for progress. Traffic
// files are small and are imported before it returns. Errors: as
// ImportOrders before the first row is written.
func (s *Service) StartImport(ctx context.Context, in StartInput) (Import, error) {
	files, err := s.uploadFiles(in.Token, userOf(ctx))
	if err != nil {
		return Import{}, err
	}
	if in.Kind == "traffic" {
		res, err := s.ImportTraffic(ctx, TrafficRequest{ShopID: in.ShopID, Level: in.Level, Files: files})
		if err != nil {
			return Import{}, err
		}
		s.dropUpload(in.Token)
		return s.Import(ctx, res.ImportID)
	}
	m, err := s.mappingOf(ctx, in)
	if err != nil {
		return Import{}, err
	}
	p, err := s.prepare(ctx, ImportRequest{ShopID: in.ShopID, Files: files, Format: in.Format, Mapping: m, OnError: in.OnError})
	if err != nil {
		return Import{}, err
	}
	jobCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.mu.Lock()
	s.stop[p.im.ID] = cancel
	s.mu.Unlock()
	s.jobs.Add(1)
	go func() {
		defer s.jobs.Done()
		defer func() {
			s.mu.Lock()
			delete(s.stop, p.im.ID)
			s.mu.Unlock()
			cancel()
			s.dropUpload(in.Token)
		}()
		if _, err := s.run(jobCtx, p); err != nil && apperr.CodeOf(err) == apperr.Internal {
			slog.Error("import failed", "import", p.im.ID, "err", err)
		}
	}()
	return s.Import(ctx, p.im.ID)
}
