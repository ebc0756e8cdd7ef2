package metrics

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// Opener gives the CLI the service on the --db database and a close func.
type Opener func(cmd *cobra.Command) (*Service, func() error, error)

// Command builds `ecomops kpi` (app registers it):
//
//	ecomops kpi --shop CODE[,CODE...] --from YYYY-MM-DD --to YYYY-MM-DD [--by day] [--platform P] --json
//	ecomops kpi rebuild [--shop CODE[,CODE...]]
//
// With --json, kpi prints one object {"totals":{...},"days":[...]} (days
// only with --by day), the keys being the registry's JSON fields. Without
// --shop it covers every shop. The CLI runs unrestricted (no data scope).
func Command(open Opener) *cobra.Command {
	var shops []string
	var from, to, by, platform string
	var asJSON bool
	cmd := &cobra.Command{Use: "kpi", Short: "KPI totals of a period from the rollups (definitions: docs/METRICS.md)", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if by != "" && by != "day" {
				return fmt.Errorf("--by takes only day")
			}
			s, closeFn, err := open(cmd)
			if err != nil {
				return err
			}
			defer closeFn()
			ids, err := s.shopIDsByCode(cmd.Context(), shops)
			if err != nil {
				return err
			}
			res, err := s.KPI(cmd.Context(), Query{From: from, To: to, ShopIDs: ids, Platform: platform}, by == "day")
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			printKPI(cmd.OutOrStdout(), res)
			return nil
		}}
	cmd.Flags().StringSliceVar(&shops, "shop", nil, "shop code(s), comma-separated; default every shop")
	cmd.Flags().StringVar(&from, "from", "", "first business date YYYY-MM-DD")
	cmd.Flags().StringVar(&to, "to", "", "last business date YYYY-MM-DD (inclusive)")
	cmd.Flags().StringVar(&by, "by", "", "day: add the per-day series")
	cmd.Flags().StringVar(&platform, "platform", "", "only shops on this platform")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.MarkFlagRequired("from")
	cmd.MarkFlagRequired("to")
	cmd.AddCommand(rebuildCommand(open))
	return cmd
}

func rebuildCommand(open Opener) *cobra.Command {
	var shops []string
	var asJSON bool
	cmd := &cobra.Command{Use: "rebuild", Short: "Recompute the KPI rollups from the orders (all shops, or --shop)", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, closeFn, err := open(cmd)
			if err != nil {
				return err
			}
			defer closeFn()
			var ids []int64
			if len(shops) > 0 {
				if ids, err = s.shopIDsByCode(cmd.Context(), shops); err != nil {
					return err
				}
			}
			rep, err := s.Rebuild(cmd.Context(), ids)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), rep)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "rollups rebuilt: %d shop(s), %d paid orders, time zone %s, %.1fs\n",
				len(rep.Shops), rep.Orders, rep.Timezone, rep.Seconds)
			return nil
		}}
	cmd.Flags().StringSliceVar(&shops, "shop", nil, "shop code(s), comma-separated; default every shop")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// shopIDsByCode resolves shop codes; nil for none (every shop).
func (s *Service) shopIDsByCode(ctx context.Context, codes []string) ([]int64, error) {
	var ids []int64
	for _, c := range codes {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		sh, err := s.org.ShopByCode(ctx, c)
		if err != nil {
			return nil, err
		}
		ids = append(ids, sh.ID)
	}
	return ids, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printKPI(w io.Writer, res KPIResult) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, m := range Registry {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", m.NameZH, m.NameEN, formatValue(m, res.Totals))
	}
	tw.Flush()
	if len(res.Days) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "date\tgmv\tpaid_orders\tpaying_buyers\taov\tunits\trefunds\t")
	for _, d := range res.Days {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%d\t%s\t\n", d.Date, fen(d.GMVFen), d.PaidOrders, d.PayingBuyers, fen(d.AOVFen), d.Units, fen(d.RefundFen))
	}
	tw.Flush()
}

func formatValue(m Metric, t Totals) string {
	v, ok := m.Value(t)
	switch {
	case !ok:
		return "-"
	case m.Unit == UnitFen:
		return fen(int64(v))
	case m.Unit == UnitRatio:
		return fmt.Sprintf("%.2f%%", v*100)
	}
	return fmt.Sprintf("%d", int64(v))
}

// fen prints an amount in yuan with two decimals, exactly.
func fen(n int64) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("¥%s%d.%02d", sign, n/100, n%100)
}
