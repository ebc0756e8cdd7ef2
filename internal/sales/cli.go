package sales

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"ecomops/internal/platform/apperr"
)

// Opener opens the application and returns the sales service and a closer.
type Opener func(cmd *cobra.Command) (*Service, func() error, error)

// ExitCoder lets the CLI layer map the result to a process exit code.
type ExitCoder interface{ ExitCode() int }

// exitRejected is returned when some rows were rejected: exit code 3.
type exitRejected struct{ n int64 }

func (e exitRejected) Error() string { return fmt.Sprintf("%d rows rejected", e.n) }
func (e exitRejected) ExitCode() int { return 3 }

// Command is `ecomops import orders|traffic`. Exit codes: 0 when no row was
// rejected, 3 when some were, 1 on a fatal error (nothing more was written
// than the batches committed before it; see docs/ARCHITECTURE.md).
func Command(open Opener) *cobra.Command {
	cmd := &cobra.Command{Use: "import", Short: "Import platform exports (orders, 生意参谋 traffic)"}
	var shop, format, mapping, onError string
	var asJSON bool
	orders := &cobra.Command{
		Use:   "orders --shop CODE [--format auto|taobao|tmall|jd|pdd|douyin|generic] [--mapping FILE] [--on-error skip|abort] [--json] FILE...",
		Short: "Import order exports; the Taobao classic 订单报表 + 宝贝报表 pair is given as two files",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			req := ImportRequest{ShopCode: shop, Format: format, OnError: onError, Files: inputFiles(args)}
			if mapping != "" {
				b, err := os.ReadFile(mapping)
				if err != nil {
					return fmt.Errorf("--mapping: %w", err)
				}
				m, err := ParseMapping(b)
				if err != nil {
					return err
				}
				req.Mapping = &m
				if req.Format == "" || req.Format == FormatAuto {
					req.Format = FormatGeneric
				}
			}
			svc, closeFn, err := open(cmd)
			if err != nil {
				return err
			}
			defer closeFn()
			bar := progress(cmd.ErrOrStderr(), asJSON)
			if bar != nil {
				req.Progress = func(p Progress) {
					bar.ChangeMax64(p.TotalBytes)
					bar.Set64(p.Bytes)
				}
			}
			res, err := svc.ImportOrders(cmd.Context(), req)
			if bar != nil {
				bar.Finish()
				fmt.Fprintln(cmd.ErrOrStderr())
			}
			return report(cmd.OutOrStdout(), res, err, asJSON)
		},
	}
	orders.Flags().StringVar(&shop, "shop", "", "shop code")
	orders.Flags().StringVar(&format, "format", FormatAuto, "auto|taobao|tmall|jd|pdd|douyin|generic")
	orders.Flags().StringVar(&mapping, "mapping", "", "JSON column mapping for --format generic")
	orders.Flags().StringVar(&onError, "on-error", "skip", "skip: import the valid rows; abort: write nothing if any row is bad")
	orders.Flags().BoolVar(&asJSON, "json", false, "print the result as one JSON object")
	orders.MarkFlagRequired("shop")

	var tShop, level string
	var tJSON bool
	traffic := &cobra.Command{
		Use:   "traffic --shop CODE [--level shop|product] [--json] FILE...",
		Short: "Import 生意参谋 daily traffic exports (shop or product level)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, closeFn, err := open(cmd)
			if err != nil {
				return err
			}
			defer closeFn()
			res, err := svc.ImportTraffic(cmd.Context(), TrafficRequest{ShopCode: tShop, Level: level, Files: inputFiles(args)})
			return report(cmd.OutOrStdout(), res, err, tJSON)
		},
	}
	traffic.Flags().StringVar(&tShop, "shop", "", "shop code")
	traffic.Flags().StringVar(&level, "level", TrafficShop, "shop|product")
	traffic.Flags().BoolVar(&tJSON, "json", false, "print the result as one JSON object")
	traffic.MarkFlagRequired("shop")
	cmd.AddCommand(orders, traffic)
	return cmd
}

func inputFiles(args []string) []InputFile {
	out := make([]InputFile, len(args))
	for i, a := range args {
		out[i] = InputFile{Path: a, Name: filepath.Base(a)}
	}
	return out
}

// progress returns a bar on stderr when stdout is a terminal and no JSON is asked.
func progress(w io.Writer, asJSON bool) *progressbar.ProgressBar {
	if asJSON || !term.IsTerminal(int(os.Stdout.Fd())) {
		return nil
	}
	return progressbar.NewOptions64(-1, progressbar.OptionSetWriter(w), progressbar.OptionShowBytes(true),
		progressbar.OptionSetDescription("importing"), progressbar.OptionThrottle(200_000_000))
}

// cliResult is the --json contract of issue 3 item 8.
type cliResult struct {
	Rows      int64      `json:"rows"`
	Inserted  int64      `json:"inserted"`
	Updated   int64      `json:"updated"`
	Unchanged int64      `json:"unchanged"`
	Rejected  int64      `json:"rejected"`
	Errors    []RowError `json:"errors"`
	ImportID  int64      `json:"import_id,omitempty"`
	Status    string     `json:"status,omitempty"`
	Error     string     `json:"error,omitempty"`
}

func report(w io.Writer, res ImportResult, err error, asJSON bool) error {
	if asJSON {
		out := cliResult{Rows: res.Rows, Inserted: res.Inserted, Updated: res.Updated, Unchanged: res.Unchanged, Rejected: res.Rejected,
			Errors: res.Errors, ImportID: res.ImportID, Status: res.Status}
		if out.Errors == nil {
			out.Errors = []RowError{}
		}
		if err != nil {
			out.Error = cliMessage(err)
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		if e := enc.Encode(out); e != nil {
			return e
		}
	} else if err == nil {
		fmt.Fprintf(w, "import %d %s: %d rows, %d inserted, %d updated, %d unchanged, %d rejected\n",
			res.ImportID, res.Status, res.Rows, res.Inserted, res.Updated, res.Unchanged, res.Rejected)
		for i, e := range res.Errors {
			if i == 50 {
				fmt.Fprintf(w, "  ... %d more errors (GET /api/v1/sales/imports/%d/errors)\n", len(res.Errors)-50, res.ImportID)
				break
			}
			col := ""
			if e.Column != "" {
				col = ", column " + e.Column
			}
			fmt.Fprintf(w, "  %s row %d%s: %s (value %q)\n", e.File, e.Row, col, e.Reason, e.Value)
		}
	}
	if err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) && ae.Code != apperr.Internal {
			return errors.New(cliMessage(err)) // the user's mistake: its message, without codes and causes
		}
		return err
	}
	if res.Rejected > 0 {
		return exitRejected{res.Rejected}
	}
	return nil
}

func cliMessage(err error) string {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		msg := ae.Message
		for _, f := range ae.Fields {
			msg += "; " + f.Location + ": " + f.Message
		}
		return strings.TrimSpace(msg)
	}
	return err.Error()
}
